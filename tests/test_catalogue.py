"""Pattern files are validated when loaded; a broken file is one clear error naming file, rule and field."""

from __future__ import annotations

import textwrap

import pytest

from notelint.catalogue import load_catalogue, load_file
from notelint.errors import CatalogueError
from notelint.principles import load_principles

GOOD_RULE = """
  - code: NL250
    name: test-rule
    principle: non-judgment
    severity: warning
    message: A test message.
    rationale: Because.
    source: Test source
    patterns:
      - token: [{LOWER: zork}]
    examples:
      flag: [zork here, a zork]
      pass: [nothing here, still nothing]
"""


def write(tmp_path, body: str, family: str = "language"):
    path = tmp_path / "rules.yaml"
    path.write_text(f"family: {family}\nrules:\n" + textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("severity: warning", "severity: loud"), "rule NL250: field severity"),
        (("message: A test message.", "message: A test message.\n    colour: red"), "unknown key 'colour'"),
        (("principle: non-judgment", "principle: kindness"), "unknown principle 'kindness'"),
        (("code: NL250", "code: NL150"), "needs a code starting NL2"),
        (("code: NL250", "code: X250"), "field code"),
        (("{LOWER: zork}", "{LOWERCASE: zork}"), "field patterns[0]: invalid matcher pattern"),
        (("{LOWER: zork}", '{LOWER: zork}, {IS_ALPHA: true, OP: "{0,20}"}'), 'repeats more than 8 times; use "*"'),
        (("name: test-rule", "name: Test Rule"), "field name"),
        (("      flag: [zork here, a zork]\n", "      flag: [zork here]\n"), "field examples.flag"),
        (("    source: Test source\n", ""), "'source' is required"),
    ],
)
def test_bad_rule_is_one_clear_error(tmp_path, change, expected):
    path = write(tmp_path, GOOD_RULE.replace(*change))
    with pytest.raises(CatalogueError) as err:
        load_file(path)
    message = str(err.value)
    assert str(path) in message and expected in message
    assert "\n" not in message


def test_good_file_loads(tmp_path):
    (rule,) = load_file(write(tmp_path, GOOD_RULE))
    assert (rule.code, rule.category, rule.principle) == ("NL250", "language", "non-judgment")


def test_invalid_yaml_names_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("family: x\nrules: [\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="broken.yaml: not valid YAML"):
        load_file(path)


def test_duplicate_code_across_files(tmp_path, catalogue):
    taken = catalogue.active[0].code
    family = {"1": "identifiers", "2": "language", "9": "tool"}.get(taken[2], "boundaries")
    path = write(tmp_path, GOOD_RULE.replace("NL250", taken).replace("test-rule", "another-name"), family)
    with pytest.raises(CatalogueError, match=f"{taken} is already used"):
        load_catalogue([path])


def test_bundled_catalogue_is_valid(catalogue):
    codes = [r.code for r in catalogue]
    assert len(codes) == len(set(codes))
    slugs = {p.slug for p in load_principles()}
    assert all(r.principle in slugs for r in catalogue)


def test_eight_principles():
    assert [p.slug for p in load_principles()] == [
        "confidentiality", "professional-boundaries", "competence", "cultural-sensitivity",
        "informed-consent", "non-judgment", "integrity", "client-welfare",
    ]
