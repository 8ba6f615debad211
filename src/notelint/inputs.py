"""Find and read the notes a command was given: files, folders (recursively) and `-` for stdin.

Every problem becomes an `InputProblem` naming the file; the other files are still read.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

NOTE_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".note", ".rst"}
MAX_BYTES = 2_000_000
STDIN = "-"


@dataclass(frozen=True)
class Note:
    path: str
    text: str


@dataclass(frozen=True)
class InputProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _decode(path: str, data: bytes, max_bytes: int) -> Note | InputProblem:
    if len(data) > max_bytes:
        return InputProblem(path, f"file is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit for one note")
    if not data.strip():
        return InputProblem(path, "file is empty")
    if b"\x00" in data[:8192]:
        return InputProblem(path, "looks like a binary file, not a text note")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputProblem(path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8")
    return Note(path, text)


def _walk(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in NOTE_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read_notes(paths: Iterable[str], max_bytes: int = MAX_BYTES) -> Iterator[Note | InputProblem]:
    """Yield each note's text, or a problem naming the file; never raise for one bad file."""
    for raw in paths:
        if raw == STDIN:
            yield _decode("<stdin>", sys.stdin.buffer.read(), max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            files = _walk(path)
            if not files:
                yield InputProblem(raw, f"folder has no notes ({', '.join(sorted(NOTE_SUFFIXES))})")
            for file in files:
                yield from _read_file(file, max_bytes)
        elif path.exists():
            yield from _read_file(path, max_bytes)
        else:
            yield InputProblem(raw, "no such file or folder")


def _read_file(path: Path, max_bytes: int) -> Iterator[Note | InputProblem]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputProblem(str(path), f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit for one note")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield _decode(str(path), data, max_bytes)
