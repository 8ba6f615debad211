"""The golden table: every rule's own flag / pass examples, run through the whole pipeline."""

from __future__ import annotations

import pytest

from notelint import lint
from notelint.catalogue import load_catalogue, severity_rank

CATALOGUE = load_catalogue()
CASES = [
    pytest.param(rule, text, expected, id=f"{rule.code}-{expected}-{i}")
    for rule in CATALOGUE.active
    for expected, texts in (("flag", rule.examples_flag), ("pass", rule.examples_pass))
    for i, text in enumerate(texts)
]


def flagged_by(rule, findings) -> bool:
    """A finding "flags" when it is above `info`, or at all for rules whose default is `info`."""
    floor = 0 if rule.severity == "info" else 1
    return any(f.rule == rule.code and severity_rank(f.severity) >= floor for f in findings)


@pytest.mark.parametrize(("rule", "text", "expected"), CASES)
def test_rule_example(rule, text, expected):
    findings = lint(text)
    got = flagged_by(rule, findings)
    shown = [(f.rule, f.severity, f.text) for f in findings]
    if expected == "flag":
        assert got, f"{rule.code} should flag: {text!r}; found {shown}"
    else:
        assert not got, f"{rule.code} should pass: {text!r}; found {shown}"


@pytest.mark.parametrize("rule", CATALOGUE.rules, ids=lambda r: r.code)
def test_every_rule_has_examples(rule):
    assert len(rule.examples_flag) >= 2 and len(rule.examples_pass) >= 2
    assert rule.source and rule.rationale and rule.message
