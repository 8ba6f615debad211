"""`notelint audit`: reading exports, bad rows, parallel runs, interruption and the five report files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from notelint import Settings
from notelint.audit import Columns, run_audit, runner, sources
from notelint.audit.excerpts import masked
from notelint.errors import NotelintError
from notelint.findings import Finding

# Fictional notes: an identifier (phone), a stigmatizing label, and a quiet note.
PHONE = "555-0188"
NOTES = [
    ("A-1", "R. Quill", "2023-04-03", f"Client asked me to call her at {PHONE} on Friday about the bus pass."),
    ("A-2", "R. Quill", "2023-04-19", "The man is an addict and has been for years."),
    ("A-3", "S. Amberly", "05/02/2023", "Client reviewed her recovery goals and picked a first step."),
    ("A-4", "S. Amberly", "2023-05-30", "We talked about meetings near the new apartment."),
]
HEADER = ["note_id", "staff", "service_date", "note_text"]


def write_csv(path: Path, rows, header=HEADER) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def export(tmp_path) -> Path:
    return write_csv(tmp_path / "export.csv", NOTES)


@pytest.mark.parametrize(
    ("header", "given", "expected"),
    [
        (["note_id", "staff", "service_date", "note_text"], Columns(), Columns("note_text", "note_id", "staff", "service_date")),
        (["ID", "Note", "Author", "Date"], Columns(), Columns("Note", "ID", "Author", "Date")),
        (["id", "text"], Columns(), Columns("text", "id", None, None)),
        (["text"], Columns(), Columns("text", None, None, None)),
        (["key", "narrative", "body"], Columns(text="body"), Columns("body", "key", None, None)),
        (["n", "words", "who"], Columns(text="words", author="who"), Columns("words", None, "who", None)),
    ],
)
def test_columns_are_taken_from_options_or_detected(header, given, expected):
    assert sources.choose_columns(header, given, "x.csv") == expected


@pytest.mark.parametrize(
    ("header", "given", "says"),
    [
        (["id", "summary"], Columns(), "cannot tell which column holds the note text; pass --text-column; columns are: id, summary"),
        (["id", "note", "narrative"], Columns(), "several columns could be the text (note, narrative); pass --text-column"),
        (["id", "date", "created_at", "text"], Columns(), "several columns could be the date (date, created_at)"),
        (["id", "text"], Columns(text="body"), "no column 'body' for --text-column; columns are: id, text"),
    ],
)
def test_unclear_columns_are_one_error_listing_the_columns(header, given, says):
    with pytest.raises(NotelintError, match="^x.csv: ") as err:
        sources.choose_columns(header, given, "x.csv")
    assert says in str(err.value)


@pytest.mark.parametrize(
    ("value", "month"),
    [("2023-04-03", "2023-04"), ("2023-04-03T10:15:00Z", "2023-04"), ("04/03/2023", "2023-04"),
     ("4/3/23", "2023-04"), ("Mar 9, 2024", "2024-03"), ("2024/11/30", "2024-11"), ("last Tuesday", "unknown"),
     ("", "unknown")],
)
def test_dates_become_months(value, month):
    assert sources.month_of(value) == month


def test_bad_rows_are_reported_with_their_row_number_and_skipped(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(
        b"note_id,note_text\n"
        b"B-1,Client set a goal for the week.\n"
        b"B-2,\n"
        b"B-3,one,too many\n"
        b"B-4,caf\xe9 was closed so we met outside.\n"
        b"B-5,Client called to confirm Tuesday.\n"
    )
    got = list(sources.read_csv(path, Columns()))
    problems = [(g.row, g.message) for g in got if isinstance(g, sources.RowProblem)]
    assert problems == [(2, "note text is empty"), (3, "has 3 fields, the header has 2"),
                        (4, "text is not valid UTF-8")]
    assert [g.id for g in got if isinstance(g, sources.Record)] == ["B-1", "B-5"]


def test_jsonl_bad_lines_are_skipped_by_line_number(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text('{"id": "J-1", "text": "Client set a goal."}\n{"id": "J-2", "text": \n[1, 2]\n'
                    '{"id": "J-4", "text": "Client met the group."}\n', encoding="utf-8")
    got = list(sources.read_jsonl(path, Columns()))
    assert [(g.row, g.message.split(" (")[0]) for g in got if isinstance(g, sources.RowProblem)] == [
        (2, "not valid JSON"), (3, "not a JSON object")]
    assert [g.id for g in got if isinstance(g, sources.Record)] == ["J-1", "J-4"]


def test_folders_read_txt_md_and_docx(tmp_path):
    docx = pytest.importorskip("docx")
    (tmp_path / "a.txt").write_text("Client set a goal.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Session\nWe met at the library.", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    document = docx.Document()
    document.add_paragraph("Client shared a plan for the week.")
    document.core_properties.author = "T. Marsh"
    document.save(tmp_path / "c.docx")
    got = list(sources.read([tmp_path]))
    assert [Path(g.id).name for g in got] == ["a.txt", "b.md", "c.docx"]
    assert got[2].text == "Client shared a plan for the week." and got[2].author == "T. Marsh"


def test_streaming_reads_only_a_bounded_window_ahead():
    pulled = []

    def records():
        for i in range(5000):
            pulled.append(i)
            yield sources.Record(id=str(i), text="Client set a goal.", source="gen")

    first_result_at = []

    def on_result(result):
        if not first_result_at:
            first_result_at.append(len(pulled))
        if len(first_result_at) == 1 and result.id == "200":
            raise KeyboardInterrupt  # stop early: the point is how far the reader ran ahead

    with pytest.raises(KeyboardInterrupt):
        runner.run(records(), Settings(), jobs=2, chunk=10, on_result=on_result, on_problem=lambda p: None)
    assert first_result_at[0] <= 2 * runner.IN_FLIGHT * 10 + 10
    assert len(pulled) < 5000


@pytest.mark.parametrize("jobs", [1, 2])
def test_audit_writes_five_files_without_identifier_text(export, tmp_path, jobs):
    out = tmp_path / "out"
    result = run_audit([str(export)], out, Settings(), jobs=jobs)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["findings.jsonl", "findings.csv", "findings.sarif", "summary.json", "report.html"])
    s = result.summary
    assert (s["notes"], s["notes_with_findings"], s["interrupted"]) == (4, 2, False)
    assert {w["key"]: w["notes"] for w in s["by_writer"]} == {"R. Quill": 2, "S. Amberly": 2}
    assert [m["key"] for m in s["by_month"]] == ["2023-04", "2023-05"]
    rows = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(r["note"], r["rule"][:3]) for r in rows} >= {("A-1", "NL1"), ("A-2", "NL2")}
    for name in ("findings.jsonl", "findings.csv", "findings.sarif", "summary.json", "report.html"):
        assert PHONE not in (out / name).read_text(encoding="utf-8"), name
    assert not list(out.glob(".*.tmp"))


def test_parallel_and_single_process_audits_agree(tmp_path):
    rows = [(f"P-{i}", "R. Quill", "2023-04-03", NOTES[i % 4][3]) for i in range(60)]
    export = write_csv(tmp_path / "many.csv", rows)
    one = run_audit([str(export)], tmp_path / "one", Settings(), jobs=1, chunk=7)
    two = run_audit([str(export)], tmp_path / "two", Settings(), jobs=2, chunk=7)
    assert (tmp_path / "one" / "findings.jsonl").read_text() == (tmp_path / "two" / "findings.jsonl").read_text()
    assert one.summary["by_rule"] == two.summary["by_rule"]


def test_sarif_validates_against_the_official_schema(export, tmp_path):
    import jsonschema

    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    run_audit([str(export)], tmp_path / "out", Settings(), jobs=1)
    log = json.loads((tmp_path / "out" / "findings.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert {r["ruleId"][:3] for r in results} >= {"NL1", "NL2"}
    driver = log["runs"][0]["tool"]["driver"]
    assert all(rule["properties"]["principle"] for rule in driver["rules"])
    bad = dict(log, version="2.0")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_interrupted_audit_keeps_what_was_written(export, tmp_path, monkeypatch):
    real = sources.read

    def stops_after_two(paths, columns=Columns()):
        for i, item in enumerate(real(paths, columns)):
            if i == 2:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(sources, "read", stops_after_two)
    # One note per chunk: each finished note is written before the next is read.
    result = run_audit([str(export)], tmp_path / "out", Settings(), jobs=1, chunk=1)
    assert result.interrupted and result.summary["notes"] == 2
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["interrupted"] is True
    notes = {json.loads(line)["note"] for line in (tmp_path / "out" / "findings.jsonl").read_text().splitlines()}
    assert notes == {"A-1", "A-2"}
    json.loads((tmp_path / "out" / "findings.sarif").read_text(encoding="utf-8"))  # still a whole document


@pytest.mark.parametrize(
    ("make", "args", "says"),
    [
        (lambda d: write_csv(d / "x.csv", [], ["id", "note", "narrative"]), [], "several columns could be the text"),
        (lambda d: write_csv(d / "x.csv", [], ["id", "summary"]), [], "columns are: id, summary"),
        (lambda d: write_csv(d / "x.csv", [], ["id", "text"]), ["--id-column", "nope"], "no column 'nope'"),
        (lambda d: d / "missing.csv", [], "no such file or folder"),
        (lambda d: (d / "x.pdf").write_bytes(b"%PDF") and d / "x.pdf", [], "not a folder, CSV, JSONL"),
    ],
)
def test_cli_input_errors_are_one_line_exit_2(run, tmp_path, make, args, says):
    path = make(tmp_path)
    code, out, err = run("audit", path, "-o", tmp_path / "out", *args)
    assert code == 2
    assert err.count("\n") == 1 and says in err and str(path) in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_cli_audit_reports_skipped_rows_and_finishes(run, tmp_path):
    export = write_csv(tmp_path / "e.csv", NOTES + [("A-5", "R. Quill", "2023-05-01", "")])
    code, _, err = run("audit", export, "-o", tmp_path / "out", "-j", "1")
    assert code == 0
    assert f"skipped: {export}: row 5: note text is empty" in err
    assert "4 note(s) audited" in err and "1 row(s) skipped" in err
    code, _, _ = run("audit", export, "-o", tmp_path / "out2", "-j", "1", "--fail-on", "warning")
    assert code == 1


def _finding(start, end, category="identifiers", rule="NL101"):
    return Finding(rule, "x", category, "confidentiality", "error", "m", (), 1, start + 1, 1, end + 1, start, end, "")


@pytest.mark.parametrize(
    ("text", "found", "shown"),
    [
        ("Met Dana Ruiz at noon.", [_finding(4, 13)], "Met D*** R*** at noon."),
        ("Call 555-0199 after work.", [], "Call ***-**** after work."),
        ("Client saw Ortiz at Harbor House.", [], "Client saw O**** at H***** H****."),
        ("Client was calm. Plan: check in.", [], "Client was calm. Plan: check in."),
        ("The man is an addict.", [_finding(14, 20, "language", "NL201")], "The man is an addict."),
    ],
)
def test_excerpts_mask_identifiers_digits_and_names(text, found, shown):
    assert masked(text, found) == shown


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("+1", "'+1"), ("@sum", "'@sum"), ("R. Quill", "R. Quill")],
)
def test_csv_cells_never_run_as_spreadsheet_formulas(tmp_path, value, cell):
    export = write_csv(tmp_path / "e.csv", [("F-1", value, "2023-04-03", NOTES[1][3])])
    run_audit([str(export)], tmp_path / "out", Settings(), jobs=1)
    rows = list(csv.DictReader(open(tmp_path / "out" / "findings.csv", encoding="utf-8")))
    assert rows and rows[0]["author"] == cell
