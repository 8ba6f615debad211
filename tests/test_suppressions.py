"""Inline suppressions in Markdown: scope, required reasons, unknown rules and unused directives (via the CLI)."""

from __future__ import annotations

import json

import pytest

from notelint.catalogue import load_catalogue
from notelint.cli import main
from notelint.suppressions import parse

LABEL = "He has been an addict for ten years."  # NL201
TEST = "The dirty UA was discussed."  # NL202


@pytest.fixture
def check(tmp_path, capsys):
    def run(text: str, *args: str):
        note = tmp_path / "note.md"
        note.write_text(text, encoding="utf-8")
        code = main(["check", str(note), "--format", "json", *args])
        found = json.loads(capsys.readouterr().out)["files"][0]["findings"]
        return code, [(f["rule"], f["line"]) for f in found]

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"{LABEL}\n", [("NL201", 1)], id="no-directive"),
        pytest.param(f'<!-- notelint-disable NL201 reason="verbatim training quote" -->\n{LABEL}\n', [], id="disable-to-end"),
        pytest.param(
            f'<!-- notelint-disable NL201 reason="quoted handout" -->\n{LABEL}\n<!-- notelint-enable -->\n\n{LABEL}\n',
            [("NL201", 5)], id="enable-ends-scope"),
        pytest.param(
            f'<!-- notelint-disable NL2 reason="quoted handout" -->\n{LABEL}\n{TEST}\n<!-- notelint-enable NL2 -->\n{TEST}\n',
            [("NL202", 5)], id="prefix-and-named-enable"),
        pytest.param(
            f'<!-- notelint-ignore NL201 reason="quote from the intake form" -->\n{LABEL}\n\n{LABEL}\n',
            [("NL201", 4)], id="ignore-next-paragraph-only"),
        pytest.param(
            f'<!-- notelint-ignore non-judgment reason="reproduces an old policy" -->\n{LABEL} {TEST}\n',
            [], id="principle-selector"),
        pytest.param(
            f'<!-- notelint-ignore NL202 reason="old lab form" -->\n{LABEL}\n',
            [("NL901", 1), ("NL201", 2)], id="other-rule-still-reported-and-unused"),
        pytest.param(f"<!-- notelint-disable NL201 -->\n{LABEL}\n", [("NL902", 1), ("NL201", 2)], id="no-reason-suppresses-nothing"),
        pytest.param(f'<!-- notelint-disable NL201 reason="  " -->\n{LABEL}\n', [("NL902", 1), ("NL201", 2)], id="blank-reason"),
        pytest.param(f'<!-- notelint-disable NL777 reason="old code" -->\n{LABEL}\n', [("NL903", 1), ("NL201", 2)], id="unknown-code"),
        pytest.param(f'<!-- notelint-mute NL201 reason="typo" -->\n{LABEL}\n', [("NL903", 1), ("NL201", 2)], id="unknown-verb"),
        pytest.param(f'<!-- notelint-disable reason="all of it" -->\n{LABEL}\n', [("NL903", 1), ("NL201", 2)], id="blanket"),
        pytest.param(f'<!-- notelint-disable NL201 reason="this addict quote" -->\nWe met at noon.\n', [("NL901", 1)],
                     id="reason-text-is-not-linted-but-unused"),
    ],
)
def test_directives(check, text, expected):
    _, found = check(text)
    assert [(rule, line) for rule, line in found if rule.startswith(("NL2", "NL9"))] == expected


def test_unused_suppression_fails_the_check_and_can_be_ignored(check):
    text = f'<!-- notelint-disable NL201 reason="old quote" -->\nWe met at noon.\n'
    assert check(text) == (1, [("NL901", 1)])
    assert check(text, "--ignore", "NL901") == (0, [])


def test_suppressed_note_passes(check):
    assert check(f'<!-- notelint-disable NL201 reason="verbatim quote" -->\n{LABEL}\n')[0] == 0


@pytest.mark.parametrize(
    ("text", "scopes"),
    [
        ('<!-- notelint-ignore NL201 reason="r" -->\n\nfirst para\nstill first\n\nsecond', ["first para\nstill first"]),
        ('<!-- notelint-disable NL201 reason="r" -->body<!-- notelint-enable -->tail', ["body", ""]),
        ('<!-- notelint-disable NL201 reason="r" -->body<!-- notelint-enable NL202 -->tail', ["body<!-- notelint-enable NL202 -->tail", ""]),
    ],
)
def test_scopes(text, scopes):
    directives = parse(text, load_catalogue())
    assert [text[d.scope_start:d.scope_end] for d in directives] == scopes
