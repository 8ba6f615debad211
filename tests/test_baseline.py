"""Baselines through the CLI: record today's findings, then fail only on new ones; never store note text."""

from __future__ import annotations

import json

import pytest


NOTE = "Session at the library.\nHe has been an addict for ten years.\n\nWe planned the week.\n"


def rules(out: str) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for r in json.loads(out)["files"] for f in r["findings"] if f["rule"] == "NL201"]


@pytest.mark.parametrize(
    ("edited", "expected"),
    [
        pytest.param(NOTE, [], id="unchanged"),
        pytest.param("Added a line at the top.\n\n" + NOTE, [], id="lines-added-above"),
        pytest.param(NOTE.replace("We planned the week.", "We planned the month and the budget."), [], id="other-paragraph-edited"),
        pytest.param(NOTE + "Later he said his brother is an addict too.\n", [("NL201", 5)], id="new-finding"),
        pytest.param(NOTE + "He has been an addict for ten years.\n", [("NL201", 5)], id="second-copy-is-new"),
        pytest.param(NOTE.replace("He has been an addict for ten", "He has been an addict for six"), [("NL201", 2)], id="its-own-words-changed"),
    ],
)
def test_baseline_hides_only_known_findings(run, tmp_path, edited, expected):
    note = tmp_path / "notes" / "visit.md"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    code, _, err = run("check", "notes", "--baseline", "baseline.json", "--write-baseline")
    assert code == 0 and "wrote" in err
    note.write_text(edited, encoding="utf-8")
    code, out, _ = run("check", "notes", "--baseline", "baseline.json", "--format", "json")
    assert rules(out) == expected
    assert code == (1 if expected else 0)


def test_baseline_works_from_another_folder(run, tmp_path):
    (tmp_path / "repo" / "notes").mkdir(parents=True)
    (tmp_path / "repo" / "notes" / "visit.md").write_text(NOTE, encoding="utf-8")
    assert run("check", "repo/notes", "--baseline", "repo/baseline.json", "--write-baseline")[0] == 0
    code, out, _ = run("check", str(tmp_path / "repo" / "notes"), "--baseline", str(tmp_path / "repo" / "baseline.json"))
    assert code == 0


def test_baseline_stores_hashes_not_text(run, tmp_path):
    (tmp_path / "visit.md").write_text("Client called from 312-555-0147 about housing.\n" + NOTE, encoding="utf-8")
    run("check", "visit.md", "--baseline", "b.json", "--write-baseline")
    stored = (tmp_path / "b.json").read_text(encoding="utf-8")
    data = json.loads(stored)
    assert data["version"] == 1 and data["findings"]
    for words in ("addict", "312", "0147", "library", "housing"):
        assert words not in stored
    assert not list(tmp_path.glob(".b.json.*")), "temporary file left behind"


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        pytest.param(None, ["--baseline", "missing.json"], "missing.json: baseline not found", id="missing"),
        pytest.param("{not json", ["--baseline", "b.json"], "b.json: baseline is not valid JSON", id="malformed"),
        pytest.param('{"version": 1, "findings": [{"rule": "NL201"}]}', ["--baseline", "b.json"], "not a notelint baseline", id="wrong-shape"),
        pytest.param(None, ["--write-baseline"], "--write-baseline needs --baseline FILE", id="write-without-file"),
    ],
)
def test_baseline_errors_are_one_line_exit_2(run, tmp_path, setup, args, message):
    (tmp_path / "visit.md").write_text(NOTE, encoding="utf-8")
    if setup is not None:
        (tmp_path / "b.json").write_text(setup, encoding="utf-8")
    code, out, err = run("check", "visit.md", *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
