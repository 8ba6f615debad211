"""`redact_text` and `notelint redact`: placeholders, pseudonyms, and files changed only when asked."""

from __future__ import annotations

import os

import pytest

from notelint import Settings, lint
from notelint.cli import main
from notelint.redact import redact_text

NOTE = (
    "Client: Dana Whitfield | DOB 3/4/1988 | MRN 4471092\n"
    "Dana said her sister Lou Baptiste will drive her to Eastbrook Treatment Center. Call 555-201-7734.\n"
    "Lou Baptiste can also be reached at lou.b@example.com.\n"
)


@pytest.mark.parametrize(
    ("pseudonymize", "present", "absent"),
    [
        (False, ["[NAME]", "[DATE]", "[ID]", "[PHONE]", "[EMAIL]", "[ORG]"], ["Dana", "Lou", "555-201-7734", "4471092"]),
        (True, ["[PERSON-1]", "[PERSON-2]", "[PHONE-1]", "[ORG-1]"], ["Dana", "Baptiste", "example.com"]),
    ],
)
def test_redacted_copy(pseudonymize, present, absent):
    out = redact_text(NOTE, pseudonymize=pseudonymize)
    for placeholder in present:
        assert placeholder in out
    for text in absent:
        assert text not in out


def test_pseudonyms_are_consistent_within_a_note():
    out = redact_text(NOTE, pseudonymize=True)
    # Dana is the same person in the header and the note body; Lou Baptiste twice is another one.
    assert out.count("[PERSON-1]") == 2
    assert out.count("[PERSON-2]") == 2


@pytest.mark.parametrize("pseudonymize", [False, True])
def test_relint_of_a_redacted_note_finds_no_identifier(pseudonymize):
    out = redact_text(NOTE, pseudonymize=pseudonymize)
    assert [f.text for f in lint(out) if f.is_identifier] == []


def test_record_profile_keeps_the_clients_own_name():
    out = redact_text(NOTE, Settings(profile="record"))
    assert "Dana" in out and "Lou Baptiste" not in out


def write_note(tmp_path, name="note.txt"):
    path = tmp_path / name
    path.write_text(NOTE, encoding="utf-8")
    return path


def test_cli_writes_to_stdout_and_leaves_the_input_alone(tmp_path, capsys):
    path = write_note(tmp_path)
    assert main(["redact", str(path)]) == 0
    assert "[NAME]" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == NOTE


def test_cli_output_file(tmp_path):
    path, out = write_note(tmp_path), tmp_path / "clean.txt"
    assert main(["redact", str(path), "-o", str(out), "--pseudonymize"]) == 0
    assert "[PERSON-1]" in out.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8") == NOTE


def test_cli_in_place_rewrites_only_when_asked(tmp_path):
    path = write_note(tmp_path)
    assert main(["redact", "--in-place", str(path)]) == 0
    assert "Lou Baptiste" not in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]  # no temporary file left behind


def test_cli_in_place_failure_leaves_the_original(tmp_path, monkeypatch, capsys):
    path = write_note(tmp_path)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    assert main(["redact", "--in-place", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == NOTE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "note.txt" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["redact", "missing-note.txt"], "missing-note.txt"),
        (["redact", "--in-place", "-o", "x.txt", "NOTE"], "--in-place"),
        (["redact", "NOTE", "NOTE", "-o", "not-a-folder.txt"], "folder"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(tmp_path, capsys, args, message):
    path = write_note(tmp_path)
    args = [str(path) if a == "NOTE" else a for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and err.count("\n") == 0 and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == NOTE
