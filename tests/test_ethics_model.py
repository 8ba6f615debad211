"""The trained ethics classifier (`notelint_ethics_model`, rules NL390-NL397) as a user meets it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from notelint import lint
from notelint.catalogue import load_catalogue
from notelint.components.ethics_model import DETECTOR, EthicsModel, sentence_words
from notelint.pipeline import get_nlp, unavailable_rules

ROOT = Path(__file__).resolve().parent.parent
MODEL_RULES = [r for r in load_catalogue().active if r.detector == DETECTOR]


def model_findings(text: str):
    return [f for f in lint(text) if f.rule.startswith("NL39")]


def test_a_new_wording_is_flagged_with_its_principle_and_score():
    found = model_findings("Ran into his sister at the pharmacy and filled her in on how his recovery is going.")
    assert [f.principle for f in found] == ["confidentiality"]
    assert found[0].severity == "warning" and "model score" in found[0].message
    assert found[0].text.startswith("Ran into his sister") and not found[0].text.endswith(".")


def test_a_sentence_a_pattern_rule_flagged_gets_no_second_finding():
    findings = lint("Lent him forty bucks out of my wallet so he could cover the electric bill.")
    assert any(f.rule == "NL301" for f in findings)
    assert not [f for f in findings if f.rule.startswith("NL39")]


def test_ordinary_notes_stay_quiet():
    text = ("Met with client at the library. We went over her job applications and she picked two to finish by "
            "Friday. She said the new schedule at work is tiring but manageable. Next session on Tuesday.")
    assert model_findings(text) == []


def test_a_disclosure_answered_in_the_note_is_not_flagged():
    text = ("She said she has not eaten in four days and the baby has been crying all night. "
            "We called the crisis line together and her case manager brought groceries that afternoon.")
    assert model_findings(text) == []


def test_switching_the_component_off_removes_its_findings():
    component = get_nlp().get_pipe(DETECTOR)
    text = "Told him the ancestors stuff is fine but he needs real treatment."
    assert model_findings(text)
    component.enabled = False
    try:
        assert model_findings(text) == []
    finally:
        component.enabled = True


def test_a_missing_model_is_reported_not_crashed_on():
    nlp = get_nlp()
    component = EthicsModel(nlp, MODEL_RULES, 0.5, "/nonexistent/ethics_textcat", True)
    assert not component.enabled
    assert set(component.skipped) == {r.code for r in MODEL_RULES}
    doc = nlp.make_doc("Paid for her groceries out of my own pocket.")
    assert component(doc) is doc
    assert not unavailable_rules(nlp)  # the bundled model is there


def test_sentence_words_are_lemmas_with_numbers_folded():
    doc = get_nlp()("He owed me $40 and paid 20 back.")
    words = sentence_words(doc[:])
    assert words[:2] == ["he", "owe"] and "0" in words and "40" not in words


def test_the_trainer_learns_from_labelled_sentences():
    sys.path.insert(0, str(ROOT / "models"))
    import train_ethics_model as trainer

    data = [(["lend", "he", "money"], {"professional-boundaries"}), (["walk", "to", "the", "park"], set())] * 20
    model = trainer.train(data, epochs=5)
    scores = model.get_pipe("textcat_multilabel").predict([model.make_doc("lend he money")]).tolist()[0]
    labels = model.get_pipe("textcat_multilabel").labels
    assert max(zip(scores, labels))[1] == "professional-boundaries"


@pytest.mark.parametrize("rule", MODEL_RULES, ids=lambda r: r.code)
def test_each_principle_has_a_model_rule(rule):
    assert rule.code.startswith("NL39") and rule.severity == "warning"
    assert len({r.principle for r in MODEL_RULES}) == 8
