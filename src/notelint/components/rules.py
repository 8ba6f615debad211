"""`notelint_rules`: runs every catalogue rule whose patterns spaCy's matchers can express.

Token patterns go to a `Matcher`, phrase lists to `PhraseMatcher`s, dependency patterns to a
`DependencyMatcher`, regexes (only for text without token structure: phones, emails) over the text, and `ner`
patterns over the base model's entities. Each match is judged in context (`verdict`) and, if it stands, added
to `doc.spans["notelint"]`.
"""

from __future__ import annotations

import re
from typing import Iterable

from spacy.language import Language
from spacy.matcher import DependencyMatcher, PhraseMatcher
from spacy.tokens import Doc

from .. import candidates, doccache
from ..catalogue import Rule, load_catalogue
from ..gated_matcher import GatedMatcher
from ..validators import VALIDATORS
from ..verdict import verdict


class RuleMatcher:
    """Compile the catalogue's patterns once; match, validate and judge on each Doc."""

    # Token patterns are gated on their rule's anchor words (one group per rule); a subclass whose rules hold many
    # unrelated patterns gates each pattern on its own words instead.
    gate_per_pattern = False

    def __init__(self, nlp: Language, rules: Iterable[Rule], available: set[str]):
        self.rules: dict[str, Rule] = {}
        self.skipped: dict[str, str] = {}
        # Patterns were validated when the catalogue loaded (Matcher(validate=True) there); not again per start-up.
        self.matcher = GatedMatcher(nlp.vocab, validate=False)
        self.dep_matcher = DependencyMatcher(nlp.vocab, validate=False)
        self.phrase: dict[str, PhraseMatcher] = {}
        self.regexes: list[tuple[str, re.Pattern, int]] = []
        self.ner: dict[str, list[str]] = {}
        self.focus: dict[str, tuple[int, int]] = {}
        for rule in rules:
            reason = rule.unmet(available)
            if reason:
                self.skipped[rule.code] = reason
                continue
            self.rules[rule.code] = rule
            for i, pattern in enumerate(rule.patterns):
                key = f"{rule.code}#{i}"
                if "token" in pattern:
                    self.matcher.add(key, pattern["token"], group=None if self.gate_per_pattern else rule.code,
                                     whole_doc=rule.category == "identifiers")
                    if "focus" in pattern:
                        self.focus[key] = tuple(pattern["focus"])
                elif "phrase" in pattern:
                    attr = pattern.get("attr", "LOWER")
                    pm = self.phrase.get(attr)
                    if pm is None:
                        pm = self.phrase[attr] = PhraseMatcher(nlp.vocab, attr=attr)
                    texts = pattern["phrase"]
                    docs = list(nlp.tokenizer.pipe(texts)) if attr in ("LOWER", "ORTH", "NORM") else list(nlp.pipe(texts))
                    pm.add(key, docs)
                elif "dependency" in pattern:
                    self.dep_matcher.add(key, [pattern["dependency"]])
                elif "regex" in pattern:
                    flags = re.IGNORECASE if pattern.get("ignore_case", True) else 0
                    self.regexes.append((rule.code, re.compile(pattern["regex"], flags), pattern.get("group", 0)))
                elif "ner" in pattern:
                    for label in pattern["ner"]:
                        self.ner.setdefault(label, []).append(rule.code)

    def _spans(self, doc: Doc):
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc) if len(self.matcher) else ():
            key = strings[match_id]
            if key in self.focus:
                a, b = self.focus[key]
                start, end = start + a, start + b if b > 0 else end + b
            yield key.split("#")[0], doc[start:end]
        for pm in self.phrase.values():
            for match_id, start, end in pm(doc):
                yield strings[match_id].split("#")[0], doc[start:end]
        if len(self.dep_matcher):
            for match_id, token_ids in self.dep_matcher(doc):
                yield strings[match_id].split("#")[0], doc[min(token_ids):max(token_ids) + 1]
        for code, regex, group in self.regexes:
            for m in regex.finditer(doccache.text(doc)):
                span = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
                if span is not None and len(span):
                    yield code, span
        for ent in doc.ents:
            for code in self.ner.get(ent.label_, ()):
                yield code, ent

    def matches(self, doc: Doc):
        """Each (rule, span) the patterns match, once, that passes the rule's validator."""
        seen: set[tuple[str, int, int]] = set()
        for code, span in self._spans(doc):
            key = (code, span.start, span.end)
            if key in seen:
                continue
            seen.add(key)
            rule = self.rules[code]
            # (a full stop the tokenizer glued to a number, "73.118.44.201.", is not part of what is validated)
            if rule.validator and not VALIDATORS[rule.validator](span.text.rstrip(".,;:")):
                continue
            yield rule, span

    def __call__(self, doc: Doc) -> Doc:
        for rule, span in self.matches(doc):
            severity = verdict(rule, span)
            if severity is None:
                continue
            candidates.add(doc, span, rule.code, **({"severity": severity} if severity != rule.severity else {}))
        return doc


@Language.factory(
    "notelint_rules",
    default_config={"extra_patterns": [], "detector": "notelint_rules"},
)
def make_rules(nlp: Language, name: str, extra_patterns: list[str], detector: str):
    """Run the catalogue rules assigned to `detector` (the default rule engine)."""
    catalogue = load_catalogue(extra_patterns)
    available = set(nlp.pipe_names)
    rules = [r for r in catalogue.active if r.detector == detector]
    return RuleMatcher(nlp, rules, available)
