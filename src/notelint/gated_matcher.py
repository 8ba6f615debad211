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
from spacy.attrs import LEMMA, LOWER, NORM, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import doccache

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
        self._lookup: dict[int, dict[int, list[str]]] | None = None  # attribute -> word hash -> groups

    def _build_lookup(self) -> None:
        lookup: dict[int, dict[int, list[str]]] = {LOWER: {}, ORTH: {}, LEMMA: {}}
        strings = self.vocab.strings
        for name, (anchor, _) in self.groups.items():
            for attr, words in ((LOWER, anchor.lower), (ORTH, anchor.text), (LEMMA, anchor.lemma)):
                for word in words:
                    lookup[attr].setdefault(strings.add(word), []).append(name)
        self._lookup = lookup
        self._regex = [(name, attr, regex) for name, (anchor, _) in self.groups.items() for attr, regex in anchor.regex]

    def _hits(self, doc: Doc, sents: list[tuple[int, int]]) -> dict[str, set[int]]:
        """The sentences (indices) where each group's anchor words occur."""
        if self._lookup is None:
            self._build_lookup()
        attrs = [LOWER, NORM, ORTH] + ([LEMMA] if doc.has_annotation("LEMMA") else [])
        table = doc.to_array(attrs).tolist() if len(doc) else []
        sent_of = [n for n, (start, end) in enumerate(sents) for _ in range(start, end)]
        tables = [self._lookup[LOWER], self._lookup[LOWER], self._lookup[ORTH], self._lookup[LEMMA]]
        hits: dict[str, set[int]] = {}
        for row, n in zip(table, sent_of):
            for value, lookup in zip(row, tables):
                for name in lookup.get(value, ()):
                    hits.setdefault(name, set()).add(n)
        if self._regex:
            strings = self.vocab.strings
            words: dict[tuple[int, int], set[int]] = {}
            for row, n in zip(table, sent_of):
                for i, value in enumerate(row):
                    words.setdefault((i, value), set()).add(n)
            for name, attr, regex in self._regex:
                wanted = (2,) if attr in CASED else (3,) if attr == "LEMMA" else (0, 1)
                for (i, value), found in words.items():
                    if i in wanted and regex.search(strings[value]):
                        hits.setdefault(name, set()).update(found)
        return hits

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
        self._lookup = None
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
        sents = doccache.sentence_bounds(doc) or [(0, 0)]
        found = self._hits(doc, sents)
        for name, (_, matcher) in self.groups.items():
            hits = found.get(name)
            if not hits:
                continue
            if name in self.whole_doc:
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
