"""A token `Matcher` that runs each pattern group only near the sentences holding its required words.

spaCy's Matcher tries every pattern at every token, so its cost grows with the catalogue. Most patterns
need some literal word (a mandatory token with a LOWER / ORTH / NORM / LEMMA value, or a REGEX on one of
them); a group runs only over the sentences holding one of those words and their neighbours. Patterns with no
such anchor run over the whole Doc. Anchored patterns therefore match within three adjacent sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Words nearly every note contains make poor anchors: a pattern anchored on them would run on every note.
COMMON = STOP_WORDS | {"client", "pt", "patient", "writer", "staff", "crs", "peer", "said", "says", "reports",
                       "reported", "stated", "states", "told", "has", "had", "was", "is", "will", "'s", "’s"}
CASELESS = ("LOWER", "NORM")
CASED = ("ORTH", "TEXT")


@dataclass
class Anchor:
    """What a sentence must contain for a group of patterns to possibly match in it."""

    lower: set[str] = field(default_factory=set)
    text: set[str] = field(default_factory=set)
    lemma: set[str] = field(default_factory=set)
    regex: list[tuple[str, re.Pattern]] = field(default_factory=list)

    def merge(self, other: "Anchor") -> None:
        self.lower |= other.lower
        self.text |= other.text
        self.lemma |= other.lemma
        self.regex += other.regex

    def sentences(self, index: "WordIndex") -> set[int]:
        """Indices of the sentences holding one of the anchor's words."""
        found: set[int] = set()
        for words, pool in ((self.lower, index.lower), (self.text, index.text), (self.lemma, index.lemma)):
            for word in words & pool.keys():
                found |= pool[word]
        for attr, regex in self.regex:
            pool = index.text if attr in CASED else index.lemma if attr == "LEMMA" else index.lower
            for word, sents in pool.items():
                if regex.search(word):
                    found |= sents
        return found


class WordIndex:
    """Which sentences of a Doc each word (lower-case, verbatim, lemma) occurs in."""

    def __init__(self, doc: Doc, sents: list[tuple[int, int]]):
        self.lower: dict[str, set[int]] = {}
        self.text: dict[str, set[int]] = {}
        self.lemma: dict[str, set[int]] = {}
        lemmas = doc.has_annotation("LEMMA")
        for n, (start, end) in enumerate(sents):
            for tok in doc[start:end]:
                self.lower.setdefault(tok.lower_, set()).add(n)
                self.lower.setdefault(tok.norm_, set()).add(n)
                self.text.setdefault(tok.text, set()).add(n)
                if lemmas:
                    self.lemma.setdefault(tok.lemma_, set()).add(n)


def _mandatory(token: dict) -> bool:
    op = token.get("OP")
    if op is None or op in ("+", "!+"):
        return op != "!"
    match = re.fullmatch(r"\{(\d+)(?:,(\d*))?\}", op)
    return bool(match and int(match.group(1)) >= 1)


def _token_anchor(token: dict) -> Anchor | None:
    for attr in CASELESS + CASED + ("LEMMA",):
        value = token.get(attr)
        if value is None:
            continue
        anchor = Anchor()
        target = anchor.lower if attr in CASELESS else anchor.text if attr in CASED else anchor.lemma
        if isinstance(value, str):
            target.add(value.lower() if attr in CASELESS else value)
        elif isinstance(value, dict) and set(value) == {"IN"}:
            target.update(v.lower() if attr in CASELESS else v for v in value["IN"])
        elif isinstance(value, dict) and set(value) == {"REGEX"}:
            anchor.regex.append((attr, re.compile(value["REGEX"])))
        else:
            continue
        return anchor
    return None


def anchor_of(pattern: list[dict]) -> Anchor | None:
    """The most selective anchor among the pattern's mandatory tokens, or None if it has none."""
    best = None
    for token in pattern:
        if not _mandatory(token):
            continue
        anchor = _token_anchor(token)
        if anchor is None:
            continue
        words = anchor.lower | anchor.text | anchor.lemma
        size = sum(100 if w.lower() in COMMON else 1 for w in words) + 50 * len(anchor.regex)
        if best is None or size < best[0]:
            best = (size, anchor)
    return best[1] if best else None


class GatedMatcher:
    """Drop-in for `Matcher.add` / `Matcher.__call__` that skips pattern groups a Doc cannot match."""

    def __init__(self, vocab: Vocab, validate: bool = True):
        self.vocab = vocab
        self.validate = validate
        self.always = Matcher(vocab, validate=validate)
        self.groups: dict[str, tuple[Anchor, Matcher]] = {}
        self.whole_doc: set[str] = set()

    def __len__(self) -> int:
        return len(self.always) + sum(len(m) for _, m in self.groups.values())

    def add(self, key: str, pattern: list[dict], group: str | None = None, whole_doc: bool = False,
            **kwargs) -> None:
        """Add a pattern; `whole_doc` lets its group's matches cross sentence boundaries (addresses split
        over lines), at the cost of matching the whole Doc when its anchor occurs."""
        anchor = anchor_of(pattern)
        if anchor is None:
            self.always.add(key, [pattern], **kwargs)
            return
        name = group or key
        if whole_doc:
            self.whole_doc.add(name)
        if name not in self.groups:
            self.groups[name] = (Anchor(), Matcher(self.vocab, validate=self.validate))
        group_anchor, matcher = self.groups[name]
        group_anchor.merge(anchor)
        matcher.add(key, [pattern], **kwargs)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        matches = list(self.always(doc)) if len(self.always) else []
        if not self.groups:
            return matches
        if doc.has_annotation("SENT_START"):
            sents = [(s.start, s.end) for s in doc.sents]
        else:
            sents = [(0, len(doc))]
        index = WordIndex(doc, sents)
        for name, (anchor, matcher) in self.groups.items():
            hits = anchor.sentences(index)
            if hits and name in self.whole_doc:
                matches.extend(matcher(doc))
                continue
            for start, end in _windows(hits, sents):
                matches.extend((key, start + a, start + b) for key, a, b in matcher(doc[start:end]))
        return matches


def _windows(hits: set[int], sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges to match over: each hit sentence with its neighbours (the small model often splits one
    clause into two sentences), overlapping ranges merged so no match is found twice."""
    ranges = sorted((sents[max(0, n - 1)][0], sents[min(len(sents) - 1, n + 1)][1]) for n in hits)
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
