"""The gated matcher finds every match a plain Matcher finds within a sentence, and nothing a plain one would not."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from notelint.catalogue import load_catalogue
from notelint.gated_matcher import GatedMatcher, anchor_of


@pytest.mark.parametrize(
    ("pattern", "anchored_on"),
    [
        ([{"LOWER": "dirty"}, {"LOWER": {"IN": ["ua", "urine"]}}], {"dirty"}),  # the most selective token
        ([{"LOWER": "was"}, {"LOWER": "combative"}], {"combative"}),   # common words make poor anchors
        ([{"LOWER": "very", "OP": "?"}, {"LOWER": "hostile"}], {"hostile"}),  # optional tokens never anchor
        ([{"POS": "PROPN"}, {"IS_TITLE": True}], None),
    ],
)
def test_anchor_choice(pattern, anchored_on):
    anchor = anchor_of(pattern)
    assert (anchor.lower if anchor else None) == anchored_on


def test_same_matches_as_a_plain_matcher(nlp):
    catalogue = load_catalogue()
    plain, gated = Matcher(nlp.vocab), GatedMatcher(nlp.vocab)
    for rule in catalogue.active:
        for i, pattern in enumerate(rule.patterns):
            if "token" in pattern:
                plain.add(f"{rule.code}#{i}", [pattern["token"]])
                gated.add(f"{rule.code}#{i}", pattern["token"], group=rule.code,
                          whole_doc=rule.category == "identifiers")
    texts = [e for r in catalogue.active for e in r.examples_flag + r.examples_pass]
    for doc in nlp.pipe(texts):
        sentence_of = {t.i: t.sent.start for t in doc}
        found = set(gated(doc))
        within = {m for m in plain(doc) if sentence_of[m[1]] == sentence_of[m[2] - 1]
                  or nlp.vocab.strings[m[0]].startswith("NL1")}
        assert within <= found <= set(plain(doc)), doc.text
