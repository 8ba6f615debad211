"""The `notelint` command line: output, JSON contract, exit codes and bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from notelint.cli import cli

STIGMA = "The man is an addict and says so.\n"
CLEAN = "Client reviewed her recovery goals and set a date for the next session.\n"


@pytest.fixture
def notes(tmp_path):
    (tmp_path / "stigma.txt").write_text(STIGMA, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_text_output_is_compiler_style(run, notes):
    code, out, _ = run("check", str(notes / "stigma.txt"))
    assert code == 1
    assert f"{notes / 'stigma.txt'}:1:15: NL201 [non-judgment]" in out
    assert "suggestion:" in out and "person with a substance use disorder" in out
    assert "1 finding(s)" in out.splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["clean.md"], 0),
        (["stigma.txt"], 1),
        (["stigma.txt", "--fail-on", "never"], 0),
        (["stigma.txt", "--ignore", "NL2"], 0),
        (["stigma.txt", "--ignore", "non-judgment"], 0),
        (["stigma.txt", "--select", "NL201"], 1),
        (["stigma.txt", "--select", "confidentiality"], 0),
        (["stigma.txt", "--select", "NL999"], 2),
        (["stigma.txt", "--select", "kindness"], 2),
        (["stigma.txt", "--fail-on", "loud"], 2),
        (["stigma.txt", "--no-such-option"], 2),
        (["missing.txt"], 2),
        (["stigma.txt", "missing.txt"], 2),
    ],
)
def test_exit_codes(run, notes, args, expected):
    args = [str(notes / a) if a.endswith((".txt", ".md")) else a for a in args]
    code, _, err = run("check", *args)
    assert code == expected, err
    if expected == 2:
        assert err.startswith("notelint: error:") and "Traceback" not in err


def test_json_contract(run, notes):
    code, out, _ = run("check", "--format", "json", str(notes))
    assert code == 1
    payload = json.loads(out)
    assert payload["version"] == 1
    assert {f["path"] for f in payload["files"]} == {str(notes / "stigma.txt"), str(notes / "clean.md")}
    finding = next(f for file in payload["files"] for f in file["findings"])
    assert set(finding) >= {"rule", "name", "category", "principle", "severity", "message", "suggestions", "line",
                            "column", "end_line", "end_column", "start", "end", "text"}
    assert STIGMA[finding["start"]:finding["end"]] == finding["text"] == "addict"
    assert (finding["line"], finding["column"]) == (1, 15)
    assert payload["summary"]["findings"] >= 1


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 20, "binary"),
        ("latin1.txt", "caf\xe9 au lait client note".encode("latin-1"), "not valid UTF-8"),
        ("empty.txt", b"", "empty"),
        ("huge.txt", b"Client note. " * 4_000_000, "MB"),
    ],
)
def test_bad_input_is_one_line_and_others_still_linted(run, notes, name, content, problem):
    (notes / name).write_bytes(content)
    code, out, err = run("check", "--format", "json", str(notes / name), str(notes / "stigma.txt"))
    assert code == 2
    lines = [l for l in err.splitlines() if l.strip()]
    assert len(lines) == 1 and name in lines[0] and problem in lines[0]
    payload = json.loads(out)
    assert [f["path"] for f in payload["files"]] == [str(notes / "stigma.txt")]
    assert payload["files"][0]["findings"]


def test_folder_without_notes(run, tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    code, _, err = run("check", str(tmp_path))
    assert code == 2 and "folder has no notes" in err


def test_stdin(notes):
    result = CliRunner().invoke(cli, ["check", "--format", "json", "-"], input=STIGMA)
    assert result.exit_code == 1
    assert json.loads(result.output)["files"][0]["path"] == "<stdin>"


def test_explain_and_unknown_rule(run):
    code, out, _ = run("explain", "NL201")
    assert code == 0 and "Why it matters" in out and "Source" in out and "Not flagged" in out
    code, _, err = run("explain", "NL000")
    assert code == 2 and "unknown rule" in err


def test_principles_and_rules_list(run):
    code, out, _ = run("principles")
    assert code == 0 and "professional-boundaries" in out
    code, out, _ = run("rules", "--format", "json")
    assert code == 0 and any(r["code"] == "NL201" for r in json.loads(out))


@pytest.mark.slow
def test_real_subprocess(notes):
    proc = subprocess.run([sys.executable, "-m", "notelint", "check", str(notes / "stigma.txt")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "NL201" in proc.stdout and not proc.stderr


def test_missing_model_is_a_clear_error(run, notes):
    code, _, err = run("check", "--model", "no_such_model_xyz", str(notes / "stigma.txt"))
    assert code == 2
    assert "no spaCy model no_such_model_xyz is installed" in err and "pip install" in err
