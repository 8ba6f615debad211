"""Findings as CSV rows, one per finding, for spreadsheets: the note's origin, then the finding.

Identifier text is masked. A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-` or
`@`) is prefixed with `'`, since note ids and writer names come from someone else's export.
"""

from __future__ import annotations

import csv
from typing import IO

from ..findings import Finding

FIELDS = ("note", "source", "row", "author", "month", "rule", "name", "principle", "category", "severity",
          "line", "column", "end_line", "end_column", "text", "message")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


class Writer:
    """Write the header once, then `add` each note's findings."""

    def __init__(self, stream: IO[str]):
        self.out = csv.writer(stream, lineterminator="\n")
        self.out.writerow(FIELDS)

    def add(self, finding: Finding, *, note: str, source: str, row: int | None, author: str, month: str) -> None:
        f = finding
        self.out.writerow([_cell(v) for v in (
            note, source, row, author, month, f.rule, f.name, f.principle, f.category, f.severity,
            f.line, f.column, f.end_line, f.end_column, f.shown_text(False).replace("\n", " "), f.message)])
