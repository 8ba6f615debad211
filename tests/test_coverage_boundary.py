"""Every signal in the shared boundary catalogue maps to a rule that exists, or says why it is not a rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import srsly

from notelint.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
COVERAGE = ROOT / "patterns" / "coverage" / "boundary_signals.yaml"
REFERENCE = ROOT.parent / "shared" / "reference" / "boundary_signals.yaml"
MAP = srsly.read_yaml(COVERAGE)
SIGNALS = MAP["signals"]
BEYOND = MAP.get("beyond_reference", {})
CODES = {r.code: r for r in load_catalogue().active}


@pytest.mark.parametrize("signal", sorted(SIGNALS))
def test_signal_has_rule_or_reason(signal):
    entry = SIGNALS[signal]
    rules = entry.get("rules", [])
    assert rules or len(entry.get("reason", "").split()) >= 8, f"{signal}: give rule codes or a reason"
    for code in rules:
        assert code in CODES, f"{signal}: {code} is not an active rule"
        assert CODES[code].code.startswith("NL3"), f"{signal}: {code} is not an ethics rule"


def test_every_ethics_rule_is_mapped():
    mapped = {code for entry in SIGNALS.values() for code in entry.get("rules", [])} | set(BEYOND)
    ethics = {code for code in CODES if code.startswith("NL3")}
    assert not ethics - mapped, f"ethics rules missing from the coverage map: {sorted(ethics - mapped)}"


@pytest.mark.skipif(not REFERENCE.exists(), reason="needs ../shared/reference")
def test_map_lists_exactly_the_reference_signals():
    reference = {s["id"] for s in srsly.read_yaml(REFERENCE)["signals"]}
    assert set(SIGNALS) == reference
    assert len(reference) == 43
