"""`notelint_rules` on a blank pipeline: each pattern kind, validators and context policies."""

from __future__ import annotations

import textwrap

import pytest
import spacy

from notelint import candidates
from notelint.components import context as _context  # noqa: F401  (registers factories)
from notelint.components import rules as _rules  # noqa: F401

EXTRA = """
family: tool
rules:
  - code: NL990
    name: test-token-rule
    category: tool
    principle: non-judgment
    severity: warning
    message: Token rule.
    rationale: Test.
    source: Test
    patterns:
      - token: [{LOWER: zork}]
    context:
      unless_next: [soup]
    examples: {flag: [a zork, zork], pass: [zork soup, none]}
  - code: NL991
    name: test-phrase-rule
    category: tool
    principle: non-judgment
    severity: error
    message: Phrase rule.
    rationale: Test.
    source: Test
    patterns:
      - phrase: [blue moon]
    examples: {flag: [a blue moon, blue moon], pass: [a moon, blue]}
  - code: NL992
    name: test-regex-rule
    category: tool
    principle: confidentiality
    severity: warning
    message: Regex rule with a validator.
    rationale: Test.
    source: Test
    validator: ssn
    patterns:
      - regex: '\\b\\d{3}[- ]\\d{2}[- ]\\d{4}\\b'
    context: {negated: keep}
    examples: {flag: [287-65-4321, x 287-65-4321], pass: [000 12 3456, none]}
"""


@pytest.fixture(scope="module")
def blank_nlp(tmp_path_factory):
    path = tmp_path_factory.mktemp("patterns") / "extra.yaml"
    path.write_text(textwrap.dedent(EXTRA), encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("notelint_context")
    nlp.add_pipe("notelint_rules", config={"extra_patterns": [str(path)]})
    return nlp


def found(nlp, text):
    doc = nlp(text)
    return [(s.label_, s.text, candidates.meta(doc, s).get("severity")) for s in candidates.spans(doc)
            if s.label_.startswith("NL99")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A zork appeared.", [("NL990", "zork", None)]),
        ("The zork soup was hot.", []),                              # unless_next clears it
        ("There was no zork today.", []),                            # negated: skipped by default
        ("If a zork comes, call.", []),                              # hypothetical: skipped by default
        ('He said, "a zork."', [("NL990", "zork", "info")]),         # the client's quoted words: info
        ("Once in a Blue Moon.", [("NL991", "Blue Moon", None)]),    # phrase, case-insensitive
        ("SSN 287-65-4321 on file.", [("NL992", "287-65-4321", None)]),
        ("SSN not 287-65-4321.", [("NL992", "287-65-4321", None)]),  # negated: keep
        ("SSN 666 45 6789 on file.", []),                            # validator rejects area 666
    ],
)
def test_rule_kinds_and_context(blank_nlp, text, expected):
    assert found(blank_nlp, text) == expected


def test_dependency_rules_are_reported_not_crashed(blank_nlp):
    component = blank_nlp.get_pipe("notelint_rules")
    needs_parser = {code for code, reason in component.skipped.items() if "parser" in reason}
    from notelint.catalogue import load_catalogue

    expected = {r.code for r in load_catalogue().active if r.detector == "notelint_rules" and "parser" in r.requires}
    assert needs_parser == expected
