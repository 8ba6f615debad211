"""The coverage map: every entry of the research stigma catalogue maps to NL2xx rules or says why not."""

from __future__ import annotations

from pathlib import Path

import pytest
import srsly

from notelint.catalogue import load_catalogue
from notelint.resources import patterns_dir

COVERAGE = srsly.read_yaml(patterns_dir() / "coverage" / "stigma_terms.yaml")["entries"]
REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "stigma_terms.yaml"
CATALOGUE = load_catalogue()
LANGUAGE = {r.code: r for r in CATALOGUE.active if r.category == "language"}
needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference is not present")


@needs_reference
def test_every_reference_id_is_mapped_and_nothing_else():
    ids = [e["id"] for e in srsly.read_yaml(REFERENCE)["entries"]]
    assert sorted(COVERAGE) == sorted(ids)


@pytest.mark.parametrize("entry", sorted(COVERAGE))
def test_entry_names_active_language_rules_or_a_reason(entry):
    item = COVERAGE[entry]
    rules = item.get("rules", [])
    assert set(item) <= {"rules", "not_covered"}
    assert all(code in LANGUAGE for code in rules), f"{entry}: {rules} not all active NL2xx rules"
    assert rules or item.get("not_covered", "").strip(), f"{entry}: no rule and no documented reason"


def test_every_language_rule_covers_some_entry():
    mapped = {code for item in COVERAGE.values() for code in item.get("rules", [])}
    assert set(LANGUAGE) <= mapped, sorted(set(LANGUAGE) - mapped)


@needs_reference
@pytest.mark.parametrize("entry", srsly.read_yaml(REFERENCE)["entries"] if REFERENCE.exists() else [],
                         ids=lambda e: e["id"])
def test_severity_follows_the_catalogue_tier(entry):
    severities = {LANGUAGE[code].severity for code in COVERAGE[entry["id"]].get("rules", [])}
    if entry["severity"] == "info":
        assert severities <= {"info"}, "info-tier terms must never fail a run by default"
    elif entry["severity"] in ("high", "medium"):
        assert "warning" in severities
    assert "error" not in severities, "language findings stop at warning; error is for identifiers"
