"""The README carries the current rule table (regenerate with `python scripts/update_readme.py`)."""

from __future__ import annotations

import re
from pathlib import Path

from notelint.catalogue import load_catalogue
from notelint.cli import rules_markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def section(name: str) -> str:
    match = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", README.read_text(encoding="utf-8"), re.S)
    assert match, f"README has no {name} section"
    return match.group(1).strip()


def test_readme_rule_table_is_current():
    assert section("rules") == rules_markdown(load_catalogue().active).strip(), (
        "README rule table is stale: run python scripts/update_readme.py"
    )


def test_readme_test_command_is_what_ci_runs():
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest" in README.read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest" in ci
