"""Replace a file's contents atomically: a temporary file in the same folder, then `os.replace`.

A failure at any point leaves the original as it was. The file's mode and a UTF-8 byte-order mark, if it had
one, are kept.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

BOM = "\ufeff"


def write_text(path: Path | str, text: str) -> None:
    """Write `text` (UTF-8, newlines as given) to `path` atomically."""
    path = Path(path)
    had_bom = path.exists() and path.read_bytes()[:3] == BOM.encode("utf-8")
    if had_bom and not text.startswith(BOM):
        text = BOM + text
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
