"""Where an audit's notes come from: folders of documents, CSV and JSONL exports, read as a stream.

Every input yields `Record`s one at a time (memory stays flat however long the export), or a `RowProblem` that
names the file and row of a malformed record, which the audit reports and skips. Column roles (text, id, author,
date) are taken from the options or detected from the header when exactly one column fits.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..errors import NotelintError
from ..inputs import MAX_BYTES, NOTE_SUFFIXES, InputProblem, read_notes

TABLE_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
DOCUMENT_SUFFIXES = NOTE_SUFFIXES | {".docx"}
UNKNOWN = "unknown"

# Header names each role is recognised by, compared after lower-casing and dropping non-letters.
ROLE_NAMES = {
    "text": {"text", "note", "notetext", "notes", "body", "content", "narrative", "progressnote", "notebody",
             "sessionnote", "casenote", "comments", "description"},
    "id": {"id", "noteid", "recordid", "encounterid", "visitid", "sessionid", "documentid", "rowid", "uid", "key"},
    "author": {"author", "writer", "staff", "staffname", "provider", "specialist", "createdby", "authoredby",
               "clinician", "worker", "peer", "peerspecialist", "user", "username", "signedby"},
    "date": {"date", "notedate", "servicedate", "dateofservice", "dos", "sessiondate", "visitdate", "created",
             "createdat", "createdon", "timestamp", "datetime", "encounterdate", "contactdate"},
}
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d", "%d-%b-%Y", "%b %d, %Y", "%B %d, %Y", "%d %b %Y",
                "%d %B %Y", "%m-%d-%Y", "%Y%m%d")


@dataclass(frozen=True)
class Record:
    """One note to audit. `month` is `YYYY-MM` (or "unknown"): the day of service is an identifier, the month
    is what the report needs."""

    id: str
    text: str
    source: str
    row: int | None = None
    author: str = UNKNOWN
    month: str = UNKNOWN


@dataclass(frozen=True)
class RowProblem:
    """A record that could not be read; the audit reports it and goes on."""

    source: str
    row: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}: row {self.row}" if self.row is not None else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Columns:
    """The column names chosen for each role of a tabular export (text and id may not be None after `choose`)."""

    text: str | None = None
    id: str | None = None
    author: str | None = None
    date: str | None = None


def month_of(value: str | None) -> str:
    """`YYYY-MM` of a date in one of the common export formats, else "unknown"."""
    if not value:
        return UNKNOWN
    value = value.strip()
    iso = re.match(r"(\d{4})-(\d{2})-\d{2}", value)
    if iso and 1 <= int(iso.group(2)) <= 12:
        return f"{iso.group(1)}-{iso.group(2)}"
    head = value.split("T")[0].split(" ")[0] if re.match(r"\d", value) else value
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(head, fmt).strftime("%Y-%m")
        except ValueError:
            continue
    return UNKNOWN


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def choose_columns(columns: Sequence[str], given: Columns, source: str) -> Columns:
    """Resolve each role to a column: the one given, else the one header that fits.

    Raises:
        NotelintError: a given column is missing, no column fits the text role, or a role fits several
            columns; the message lists the file's columns and the option that settles it.
    """
    listed = ", ".join(columns) or "(none)"
    chosen = {}
    for role in ("text", "id", "author", "date"):
        wanted = getattr(given, role)
        if wanted is not None:
            if wanted not in columns:
                raise NotelintError(f"{source}: no column {wanted!r} for --{role}-column; columns are: {listed}")
            chosen[role] = wanted
            continue
        fits = [c for c in columns if _norm(c) in ROLE_NAMES[role] and c not in chosen.values()]
        if len(fits) > 1:
            raise NotelintError(f"{source}: several columns could be the {role} ({', '.join(fits)}); "
                                f"pass --{role}-column; columns are: {listed}")
        chosen[role] = fits[0] if fits else None
    if chosen["text"] is None:
        raise NotelintError(f"{source}: cannot tell which column holds the note text; pass --text-column; "
                            f"columns are: {listed}")
    return Columns(**chosen)


def _record(values: dict, cols: Columns, source: str, row: int) -> Record | RowProblem:
    text = values.get(cols.text)
    if text is None:
        return RowProblem(source, row, f"no {cols.text!r} value")
    if not isinstance(text, str):
        return RowProblem(source, row, f"{cols.text!r} is not text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a byte `_open_text` could not decode
        return RowProblem(source, row, "text is not valid UTF-8")
    if not text.strip():
        return RowProblem(source, row, "note text is empty")
    if len(text) > MAX_BYTES:
        return RowProblem(source, row, f"note text is over the {MAX_BYTES / 1e6:.1f} MB limit for one note")
    def value(column: str | None) -> str:
        raw = values.get(column) if column else None
        return "" if raw is None else str(raw).strip()

    return Record(
        id=value(cols.id) or f"{source}#{row}",
        text=text,
        source=source,
        row=row,
        author=value(cols.author) or UNKNOWN,
        month=month_of(value(cols.date)),
    )


def _open_text(path: Path):
    # surrogateescape keeps a bad byte in one row from ending the whole file; `_record` reports that row.
    return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")


def read_csv(path: Path, given: Columns) -> Iterator[Record | RowProblem]:
    """Stream a CSV (or TSV) export; row numbers count data rows from 1, as a spreadsheet shows them minus one."""
    source = str(path)
    csv.field_size_limit(max(MAX_BYTES * 2, 1 << 24))
    with _open_text(path) as handle:
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
        reader = csv.reader(handle, dialect=dialect)
        try:
            header = next(reader)
        except StopIteration:
            yield RowProblem(source, None, "file is empty")
            return
        except csv.Error as exc:
            raise NotelintError(f"{source}: cannot read the header row: {exc}") from None
        header = [h.strip() for h in header]
        cols = choose_columns(header, given, source)
        row = 0
        while True:
            row += 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield RowProblem(source, row, f"malformed CSV ({exc})")
                continue
            if not values or values == [""]:
                row -= 1  # blank lines are not rows
                continue
            if len(values) != len(header):
                yield RowProblem(source, row, f"has {len(values)} fields, the header has {len(header)}")
                continue
            yield _record(dict(zip(header, values)), cols, source, row)


def read_jsonl(path: Path, given: Columns) -> Iterator[Record | RowProblem]:
    """Stream a JSON Lines export: one object per line; the row number is the line number."""
    source = str(path)
    cols: Columns | None = None
    with _open_text(path) as handle:
        for row, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                values = json.loads(line)
            except ValueError as exc:
                yield RowProblem(source, row, f"not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})")
                continue
            if not isinstance(values, dict):
                yield RowProblem(source, row, "not a JSON object")
                continue
            if cols is None:
                cols = choose_columns(list(values), given, source)
            yield _record(values, cols, source, row)
    if cols is None:
        yield RowProblem(source, None, "file has no records")


def read_docx(path: Path) -> Record | RowProblem:
    """A Word document's paragraphs and table cells; its author and creation month come from its properties."""
    try:
        import docx  # python-docx; imported here so other inputs never pay for it
    except ImportError:
        return RowProblem(str(path), None, "reading .docx needs python-docx (pip install python-docx)")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for a damaged package
        return RowProblem(str(path), None, f"not a readable .docx ({type(exc).__name__})")
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for table_row in table.rows:
            parts.append("\t".join(cell.text for cell in table_row.cells))
    text = "\n".join(parts)
    if not text.strip():
        return RowProblem(str(path), None, "document has no text")
    props = document.core_properties
    created = props.created.strftime("%Y-%m") if props.created else UNKNOWN
    return Record(id=str(path), text=text, source=str(path), author=(props.author or "").strip() or UNKNOWN,
                  month=created)


def _documents(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for child in sorted(path.rglob("*")):
        rel = child.relative_to(path).parts
        if child.is_file() and child.suffix.lower() in DOCUMENT_SUFFIXES and not any(p.startswith(".") for p in rel):
            yield child


def read_document(path: Path) -> Record | RowProblem:
    if path.suffix.lower() == ".docx":
        return read_docx(path)
    item = next(iter(read_notes([str(path)])))
    if isinstance(item, InputProblem):
        return RowProblem(item.path, None, item.message)
    return Record(id=item.path, text=item.text, source=item.path)


def kind_of(path: Path) -> str:
    """"csv", "jsonl", "folder" or "document"; raises `NotelintError` for anything else."""
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise NotelintError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return TABLE_SUFFIXES[suffix]
    if suffix in DOCUMENT_SUFFIXES:
        return "document"
    raise NotelintError(f"{path}: not a folder, CSV, JSONL or note document ({', '.join(sorted(DOCUMENT_SUFFIXES))})")


def check_inputs(paths: Iterable[str], given: Columns = Columns()) -> list[Path]:
    """Fail fast, before any work: every input exists, has a known kind, and tabular headers resolve."""
    checked = []
    for raw in paths:
        path = Path(raw)
        kind = kind_of(path)
        if kind == "csv":
            with _open_text(path) as handle:
                header = next(csv.reader(handle, dialect="excel-tab" if path.suffix.lower() == ".tsv" else "excel"), [])
            choose_columns([h.strip() for h in header], given, str(path))
        elif kind == "jsonl":
            first = _first_object(path)
            if first is not None:
                choose_columns(list(first), given, str(path))
        checked.append(path)
    return checked


def _first_object(path: Path) -> dict | None:
    with _open_text(path) as handle:
        for line in handle:
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                return value
    return None


def read(paths: Iterable[Path], given: Columns = Columns()) -> Iterator[Record | RowProblem]:
    """Every record of every input, in order, one at a time."""
    for path in paths:
        kind = kind_of(path)
        if kind == "csv":
            yield from read_csv(path, given)
        elif kind == "jsonl":
            yield from read_jsonl(path, given)
        else:
            found = False
            for doc in _documents(path):
                found = True
                yield read_document(doc)
            if not found:
                yield RowProblem(str(path), None, f"folder has no notes ({', '.join(sorted(DOCUMENT_SUFFIXES))})")


def count(paths: Iterable[Path]) -> int:
    """How many records the inputs hold (a quick pass for the progress bar's ETA; parses CSV quoting)."""
    total = 0
    for path in paths:
        kind = kind_of(path)
        if kind == "csv":
            csv.field_size_limit(max(MAX_BYTES * 2, 1 << 24))
            with _open_text(path) as handle:
                try:
                    total += max(0, sum(1 for _ in csv.reader(handle)) - 1)
                except csv.Error:
                    pass
        elif kind == "jsonl":
            with open(path, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += sum(1 for _ in _documents(path))
    return total
