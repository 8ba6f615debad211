"""`notelint fix`: safe rewrites only, fitted to the sentence, nothing outside them changed, written only on request."""

from __future__ import annotations

import os
import stat

import pytest

from notelint.cli import main
from notelint.fix import apply_edits, plan, unified_diff, write_atomic

ROUND_TRIPS = [
    ("Pt is an addict and wants housing.", "Pt is a person with a substance use disorder and wants housing."),
    ("Addicts filled the waiting room.", "People with a substance use disorder filled the waiting room."),
    ("Pt claims he took his meds.", "Pt reports he took his meds."),
    ("Her UA came back dirty on Monday.", "Her UA came back positive on Monday."),
    ("Pt refused group again.", "Pt declined group again."),
    ("Pt is refusing the bed.", "Pt is declining the bed."),
    ("His drug abuse began at 15.", "His drug use began at 15."),
    ("She was abusing her pain pills.", "She was misusing her pain pills."),
    ("Her uncle committed suicide last year.", "Her uncle died by suicide last year."),
    ("He is stable on replacement therapy.", "He is stable on medication for opioid use disorder."),
    ("Pt is an IV drug user.", "Pt is a person who injects drugs."),
]


@pytest.mark.parametrize(("text", "expected"), ROUND_TRIPS)
def test_fix_rewrites_and_round_trips(text, expected):
    fixed = plan(text).fixed
    assert fixed == expected
    assert plan(fixed).edits == ()


@pytest.mark.parametrize(("text", "_"), ROUND_TRIPS)
def test_nothing_outside_the_fixed_spans_changes(text, _):
    edits = plan(text).edits
    assert edits
    fixed = apply_edits(text, edits)
    # Walk both texts: every character outside an edit is copied unchanged and in order.
    out, pos, shift = [], 0, 0
    for e in edits:
        assert fixed[pos + shift:e.start + shift] == text[pos:e.start]
        shift += len(e.replacement) - (e.end - e.start)
        pos = e.end
    assert fixed[pos + shift:] == text[pos:]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('Pt said, "I am an addict and I need help."', None),  # the client's own words: not even a finding to fix
        ("The addict's mother called the office.", "rewording"),
        ("Pt is a pothead.", "no safe rewrite"),
    ],
)
def test_what_is_left_for_a_human(text, reason):
    result = plan(text)
    assert result.fixed == text
    if reason:
        assert any(reason in left.reason for left in result.left)


def test_identifier_and_ethics_findings_are_never_touched():
    text = "Client: Dana Whitfield\nCalled Dana at 555-201-3344; she is an addict and refused the bed."
    result = plan(text)
    assert result.untouched and all(f.category != "language" for f in result.untouched)
    for edit in result.edits:
        assert not any(f.start < edit.end and edit.start < f.end for f in result.untouched)
    assert "555-201-3344" in result.fixed and "Dana" in result.fixed


def test_unified_diff_shows_only_changed_lines():
    diff = unified_diff("note.txt", "ok line\nPt is an addict.\n", "ok line\nPt is a person.\n")
    assert diff.startswith("--- a/note.txt\n+++ b/note.txt\n")
    assert "-Pt is an addict.\n+Pt is a person.\n" in diff


def test_write_atomic_keeps_bom_and_mode(tmp_path):
    note = tmp_path / "n.txt"
    note.write_bytes("\ufeffPt is an addict.\n".encode("utf-8"))
    os.chmod(note, 0o640)
    write_atomic(note, "Pt is a person.\n")
    assert note.read_bytes() == "\ufeffPt is a person.\n".encode("utf-8")
    assert stat.S_IMODE(note.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["n.txt"]


@pytest.fixture
def note(tmp_path):
    path = tmp_path / "visit.txt"
    path.write_text("Pt is an addict.\r\nShe refused group.\r\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "code", "changed"),
    [
        ([], 1, False),
        (["--diff"], 1, False),
        (["--write"], 0, True),
    ],
)
def test_cli_changes_files_only_with_write(note, capsys, args, code, changed):
    before = note.read_bytes()
    assert main(["fix", str(note), *args]) == code
    after = note.read_bytes()
    assert (after != before) is changed
    out = capsys.readouterr().out
    if "--diff" in args:
        assert "+Pt is a person with a substance use disorder." in out
    if changed:
        assert after == b"Pt is a person with a substance use disorder.\r\nShe declined group.\r\n"


def test_cli_reports_what_is_left(tmp_path, capsys):
    path = tmp_path / "n.txt"
    path.write_text("Pt is a pothead and missed group.\n", encoding="utf-8")
    assert main(["fix", "--write", str(path)]) == 1
    assert "NL204" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == "Pt is a pothead and missed group.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["fix", "--write", "-"], "<stdin>"),
        (["fix", "no-such-note.txt"], "no-such-note.txt"),
    ],
)
def test_cli_errors_are_one_line_exit_2(capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "Traceback" not in err[0]
