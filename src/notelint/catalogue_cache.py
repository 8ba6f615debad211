"""A per-user cache of the validated catalogue, so start-up skips re-parsing and re-validating pattern files.

The key hashes notelint's version and the bytes of every pattern file, the schema and the principles; any
edit makes a new key, so a stale catalogue is never used. The cache lives in `$NOTELINT_CACHE_DIR`, else
`$XDG_CACHE_HOME/notelint`, else `~/.cache/notelint`; `NOTELINT_CACHE_DIR=off` disables it. A cache that
cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Iterable

FORMAT = 1


def cache_dir() -> Path | None:
    configured = os.environ.get("NOTELINT_CACHE_DIR")
    if configured:
        return None if configured.lower() in ("off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "notelint"


def key(files: Iterable[Path]) -> str:
    from . import __version__

    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    for path in files:
        digest.update(str(path).encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:32]


def get(name: str):
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"catalogue-{name}.pickle", "rb") as handle:
            return pickle.load(handle)  # noqa: S301  (our own file, keyed by content hash)
    except Exception:
        return None


def put(name: str, value) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / f"catalogue-{name}.pickle")
    except Exception:
        return
