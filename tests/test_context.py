"""The context component on hand-built Docs: no statistical model needed."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from notelint.components.context import annotate, client_names

VOCAB = spacy.blank("en").vocab


def parsed(words, heads, deps, pos, tags=None):
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags or [""] * len(words),
              sent_starts=[True] + [False] * (len(words) - 1))
    return annotate(doc)


def plain(text: str):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return annotate(nlp(text))


@pytest.mark.parametrize(
    ("text", "word", "negated"),
    [
        ("Client was not combative today .", "combative", True),
        ("Client denies cravings this week .", "cravings", True),
        ("No drug-seeking behaviour observed .", "behaviour", True),
        ("Client was combative today .", "combative", False),
        ("Client denies cravings but reports anger .", "anger", False),
    ],
)
def test_negation_scope(text, word, negated):
    doc = plain(text)
    assert bool(next(t for t in doc if t.text == word)._.nl_negated) is negated


@pytest.mark.parametrize(
    ("text", "word", "hypothetical"),
    [
        ("If client declines the referral , call the office .", "declines", True),
        ("Client would lend money if asked .", "lend", True),
        ("Client declined the referral .", "declined", False),
    ],
)
def test_hypothetical_scope(text, word, hypothetical):
    doc = plain(text)
    assert bool(next(t for t in doc if t.text == word)._.nl_hypothetical) is hypothetical


def test_quote_attributed_to_client():
    doc = plain('Client said , " I am an addict . "')
    addict = next(t for t in doc if t.text == "addict")
    assert addict._.nl_quote and addict._.nl_client_quote


def test_unattributed_short_quote_is_not_the_client_speaking():
    doc = plain('Client was " sick " again on Monday .')
    sick = next(t for t in doc if t.text == "sick")
    assert sick._.nl_quote and not sick._.nl_client_quote


def test_text_outside_quotes_is_not_quoted():
    doc = plain('Client said , " fine . " Writer noted the addict label .')
    assert not next(t for t in doc if t.text == "addict")._.nl_quote


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "tags", "token", "agent"),
    [
        # "Lent client $20 ." — telegraphic: the writer is the implicit subject.
        (["Lent", "client", "$", "20", "."], [0, 0, 3, 0, 0], ["ROOT", "dative", "nmod", "dobj", "punct"],
         ["VERB", "NOUN", "SYM", "NUM", "PUNCT"], ["VBD", "NN", "$", "CD", "."], 0, "writer"),
        # "I lent him $20 ."
        (["I", "lent", "him", "$", "20", "."], [1, 1, 1, 4, 1, 1], ["nsubj", "ROOT", "dative", "nmod", "dobj", "punct"],
         ["PRON", "VERB", "PRON", "SYM", "NUM", "PUNCT"], ["PRP", "VBD", "PRP", "$", "CD", "."], 1, "writer"),
        # "Client lent his brother $20 ."
        (["Client", "lent", "his", "brother", "$", "20", "."], [1, 1, 3, 1, 5, 1, 1],
         ["nsubj", "ROOT", "poss", "dative", "nmod", "dobj", "punct"],
         ["NOUN", "VERB", "PRON", "NOUN", "SYM", "NUM", "PUNCT"], ["NN", "VBD", "PRP$", "NN", "$", "CD", "."], 1, "client"),
        # "Her landlord was hostile ."
        (["Her", "landlord", "was", "hostile", "."], [1, 2, 2, 2, 2], ["poss", "nsubj", "ROOT", "acomp", "punct"],
         ["PRON", "NOUN", "AUX", "ADJ", "PUNCT"], ["PRP$", "NN", "VBD", "JJ", "."], 3, "third-party"),
    ],
)
def test_who_the_clause_is_about(words, heads, deps, pos, tags, token, agent):
    doc = parsed(words, heads, deps, pos, tags)
    assert doc[token]._.nl_agent == agent


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Client: Dana Whitfield    DOB 04/12/1987\nSession notes", {"dana", "whitfield"}),
        ("Pt: Okafor, Ray | MRN 1234", {"okafor", "ray"}),
        ("Session with client at the office.", set()),
    ],
)
def test_client_name_from_header(text, names):
    assert client_names(text) == names
