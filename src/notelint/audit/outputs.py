"""The files an audit writes to its output folder, streamed as notes finish and put in place atomically.

findings.jsonl, findings.csv and findings.sarif grow note by note in temporary files beside their final names;
`finish` adds summary.json and report.html and moves every file into place with `os.replace`, so a reader never
sees half a file, and an interrupted audit still leaves complete files for the notes it finished.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ..catalogue import load_catalogue
from ..errors import NotelintError
from ..reporters import csv as csv_reporter
from ..reporters import html as html_reporter
from ..reporters import sarif as sarif_reporter
from .runner import NoteResult

FILES = ("findings.jsonl", "findings.csv", "findings.sarif", "summary.json", "report.html")
# findings.jsonl keys besides the finding's own: where the note came from. No note text, masked matches.
NOTE_KEYS = ("note", "source", "row", "author", "month")


class OutputDir:
    """Open streams for one audit in `folder` (created if missing)."""

    def __init__(self, folder: str | os.PathLike, extra_patterns: tuple[str, ...] = ()):
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NotelintError(f"{self.folder}: cannot create the output folder ({exc.strerror or exc})") from None
        if not os.access(self.folder, os.W_OK):
            raise NotelintError(f"{self.folder}: output folder is not writable")
        self.catalogue = load_catalogue(extra_patterns)
        self._temps: dict[str, Path] = {}
        self._jsonl = self._open("findings.jsonl")
        self._csv_file = self._open("findings.csv")
        self._csv = csv_reporter.Writer(self._csv_file)
        self._sarif_file = self._open("findings.sarif")
        self._sarif = sarif_reporter.StreamWriter(self._sarif_file, self.catalogue)
        self._closed = False

    def _open(self, name: str):
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
        self._temps[name] = Path(tmp)
        return os.fdopen(fd, "w", encoding="utf-8", newline="")

    def add(self, result: NoteResult) -> None:
        """Append one note's findings to the streaming files."""
        where = {"note": result.id, "source": result.source, "row": result.row, "author": result.author,
                 "month": result.month}
        uri = result.source if result.row is None else f"{result.source}#row={result.row}"
        for f in result.findings:
            self._jsonl.write(json.dumps({**where, **f.to_dict(False)}, ensure_ascii=False) + "\n")
            self._csv.add(f, **where)
            self._sarif.add(f, uri)

    def finish(self, summary: dict, attention: list[NoteResult]) -> list[Path]:
        """Close the streams, write summary.json and report.html, and move all five files into place."""
        if not self._closed:
            self._sarif.close()
            for stream in (self._jsonl, self._csv_file, self._sarif_file):
                stream.close()
            self._closed = True
        with self._open("summary.json") as out:
            json.dump(summary, out, indent=2, ensure_ascii=False)
            out.write("\n")
        with self._open("report.html") as out:
            out.write(html_reporter.render(summary, attention, self.catalogue))
        placed = []
        for name in FILES:
            target = self.folder / name
            os.replace(self._temps.pop(name), target)
            placed.append(target)
        return placed

    def discard(self) -> None:
        """Remove the temporary files (after an error that leaves nothing worth keeping)."""
        for stream in (self._jsonl, self._csv_file, self._sarif_file):
            if not stream.closed:
                stream.close()
        for tmp in self._temps.values():
            tmp.unlink(missing_ok=True)
        self._temps.clear()
