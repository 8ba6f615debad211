"""The base model's attribute ruler, matched by table look-up instead of spaCy's `Matcher`.

The ruler maps tags to parts of speech and morphology with ~180 patterns; nearly all are one token with a
fixed TAG, LOWER or both, and trying each of them at every token was a tenth of a note's time. Those are looked
up in dictionaries, the rest still go through a `Matcher`; the matches, their order and so the annotations are
the same (`tests/test_fast_attributes.py` compares them).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

SIMPLE = ({"TAG"}, {"LOWER"}, {"LOWER", "TAG"})


def _values(value) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return list(value["IN"])
    return None


def _simple(pattern: list[dict]) -> list[tuple[str | None, str | None]] | None:
    """The (lower, tag) pairs a one-token pattern of fixed TAG and LOWER values (or lists of them) matches."""
    if len(pattern) != 1 or set(pattern[0]) not in SIMPLE:
        return None
    token = pattern[0]
    lowers = _values(token["LOWER"]) if "LOWER" in token else [None]
    tags = _values(token["TAG"]) if "TAG" in token else [None]
    if lowers is None or tags is None:
        return None
    return [(lower, tag) for lower in lowers for tag in tags]


def _word(pattern: list[dict]) -> str | None:
    """A fixed LOWER value some token of the pattern must take (it cannot match without it)."""
    for token in pattern:
        if isinstance(token.get("LOWER"), str) and token.get("OP") in (None, "+"):
            return token["LOWER"]
    return None


class FastAttributeMatch:
    """A drop-in for `AttributeRuler.match`: the same sorted (attr id, match id, start, end) list."""

    def __init__(self, ruler):
        self.vocab = ruler.vocab
        self.by_tag: dict[str, list[tuple[int, int]]] = {}
        self.by_lower: dict[str, list[tuple[int, int]]] = {}
        self.by_both: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self.rest = Matcher(ruler.vocab, validate=False)  # patterns no word picks out
        self.worded = Matcher(ruler.vocab, validate=False)  # patterns that need one of `self.words`
        self.words: set[str] = set()
        strings = ruler.vocab.strings
        for key in ruler.matcher._patterns:
            name = strings[key]
            patterns = ruler.matcher.get(name)[1]
            simple = [_simple(p) for p in patterns]
            if any(s is None for s in simple):
                words = [_word(p) for p in patterns]
                if all(words):
                    self.words.update(words)
                    self.worded.add(name, patterns)
                else:
                    self.rest.add(name, patterns)
                continue
            entry = (int(name), key)
            for lower, tag in {pair for pairs in simple for pair in pairs}:
                if lower is None:
                    self.by_tag.setdefault(tag, []).append(entry)
                elif tag is None:
                    self.by_lower.setdefault(lower, []).append(entry)
                else:
                    self.by_both.setdefault((lower, tag), []).append(entry)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        strings = self.vocab.strings
        found = list(self.rest(doc, allow_missing=True)) if len(self.rest) else []
        if self.words and not self.words.isdisjoint(t.lower_ for t in doc):
            found += self.worded(doc, allow_missing=True)
        matches = [(int(strings[key]), key, start, end) for key, start, end in found]
        by_tag, by_lower, by_both = self.by_tag, self.by_lower, self.by_both
        for i, token in enumerate(doc):
            tag, lower = token.tag_, token.lower_
            hits = by_tag.get(tag, []) + by_lower.get(lower, []) + by_both.get((lower, tag), [])
            # One match per pattern key and token, as the Matcher gives, however many alternatives match.
            matches.extend((attr_id, key, i, i + 1) for attr_id, key in dict.fromkeys(hits))
        matches.sort()
        return matches


def speed_up(nlp: Language) -> None:
    """Give the pipeline's attribute ruler, if any, the look-up matcher."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = FastAttributeMatch(ruler)
