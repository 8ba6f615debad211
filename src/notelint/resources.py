"""Where notelint's data lives: `patterns/` and `models/` in a checkout, or inside the wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the directory holding `name` ("patterns" or "models").

    An installed wheel carries them under `notelint/_data/`; an editable install or a checkout reads the
    top-level folders beside `src/`.
    """
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"notelint data folder {name!r} not found (looked in {bundled} and {checkout})")


def patterns_dir() -> Path:
    return data_dir("patterns")


def models_dir() -> Path:
    return data_dir("models")
