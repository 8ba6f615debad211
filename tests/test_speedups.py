"""The speed-ups change how the base model runs, not what it finds: the attribute ruler's look-up matcher and
the NER gate give the same annotations as the model run the ordinary way."""

from __future__ import annotations

import pytest

from notelint.fast_attributes import FastAttributeMatch

NOTES = [
    "Client's nothin' like last week. There's a new job lead and he'd like to apply. I'm proud of him.",
    "Met Oksana at the Greyhound station on Ferris Rd by Tamsworth Pharmacy. She said she'll call Dr. Pruitt tomorrow.",
    "Peer specialist reviewed the recovery plan. Client didn't use this week.\nPlan: check in by phone Friday.",
    "Client: Abelard Nkemelu\nD: talked about his daughter Ines and the Harmon Street shelter. A: hopeful.",
    "Marisol texted writer twice after hours. Discussed boundaries; will review with supervisor.",
    "the client went to walmart with his cousin jerome and then to the eastside clinic",
]


def test_attribute_lookup_matches_like_the_ruler(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    plain = type(ruler).match.__get__(ruler)  # the class's own Matcher-based match
    fast = FastAttributeMatch(ruler)
    with nlp.select_pipes(enable=["tok2vec", "tagger", "notelint_lines", "parser"]):
        docs = list(nlp.pipe(NOTES))
    for doc in docs:
        assert fast(doc) == plain(doc)


@pytest.fixture
def gate(nlp):
    gate = nlp.get_pipe("ner")
    yield gate
    gate.enabled = True


def _identifiers(texts):
    from notelint import Settings, lint_many

    return [[(f.rule, f.start, f.end) for f in found if f.category == "identifiers"]
            for found in lint_many(texts, Settings())]


def test_gate_finds_the_same_identifiers(gate):
    gate.enabled = False
    plain = _identifiers(NOTES)
    gate.enabled = True
    assert _identifiers(NOTES) == plain
    assert sum(map(len, plain)) >= 8  # the notes do hold names, places and facilities to compare


def test_gate_skips_sentences_without_capitalised_words(nlp, gate):
    with nlp.select_pipes(enable=["tok2vec", "tagger", "notelint_lines", "parser", "attribute_ruler", "lemmatizer"]):
        doc = nlp("Discussed coping skills and sleep. Marisol called twice. D: client felt hopeful.")
    picked = {doc[i].text for i in gate._selection(doc)}
    assert "Marisol" in picked
    assert "coping" not in picked and "hopeful" not in picked
