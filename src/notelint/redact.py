"""Redaction: a copy of a note with every identifier finding replaced by a placeholder.

`redact_text` is the one entry point (the CLI's `notelint redact` and the web API call it). Placeholders
follow each rule's `label`: `[NAME]`, `[PHONE]`, `[DATE]`... With `pseudonymize=True` they are numbered
consistently within a note: every mention of one person becomes the same `[PERSON-1]` (mentions sharing a
name word, "Dana Whitfield" and "Dana", are one person), and a repeated phone number the same `[PHONE-1]`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from . import atomic
from .catalogue import Catalogue, load_catalogue
from .config import Settings
from .errors import NotelintError
from .findings import Finding
from .profiles import label_of, people

PERSON = "PERSON"


def _settings_for_redaction(settings: Settings | None) -> Settings:
    # Redaction is about identifiers only: keep the user's profile, client and ignores, select NL1.
    settings = settings or Settings()
    return settings.with_(select=("NL1",))


def placeholders(found: Iterable[Finding], catalogue: Catalogue, pseudonymize: bool) -> dict[Finding, str]:
    """The placeholder text for each identifier finding."""
    chosen = [f for f in found if f.is_identifier]
    if not pseudonymize:
        return {f: f"[{label_of(f, catalogue) or 'IDENTIFIER'}]" for f in chosen}
    out: dict[Finding, str] = {}
    for number, mentions in enumerate(people(chosen, catalogue), start=1):
        for f in mentions:
            out[f] = f"[{PERSON}-{number}]"
    seen: dict[tuple[str, str], int] = {}
    counters: dict[str, int] = {}
    for f in sorted(chosen, key=lambda f: f.start):
        if f in out:
            continue
        label = label_of(f, catalogue) or "IDENTIFIER"
        key = (label, re.sub(r"\W+", "", f.text).lower())
        if key not in seen:
            counters[label] = counters.get(label, 0) + 1
            seen[key] = counters[label]
        out[f] = f"[{label}-{seen[key]}]"
    return out


def apply_placeholders(text: str, found: Iterable[Finding], catalogue: Catalogue, pseudonymize: bool = False) -> str:
    """Replace identifier findings in `text`, from the end backwards so earlier offsets stay valid."""
    names = placeholders(found, catalogue, pseudonymize)
    end_of_kept = len(text)
    for f in sorted(names, key=lambda f: f.start, reverse=True):
        if f.end > end_of_kept:  # overlapping findings: the later one already replaced this text
            continue
        text = text[:f.start] + names[f] + text[f.end:]
        end_of_kept = f.start
    return text


def redact_text(text: str, settings: Settings | None = None, pseudonymize: bool = False) -> str:
    """Return `text` with every identifier notelint finds (under `settings`' profile) replaced by a placeholder."""
    from .lint import lint

    settings = _settings_for_redaction(settings)
    return apply_placeholders(text, lint(text, settings), load_catalogue(settings.extra_patterns), pseudonymize)


def redact_many(texts: Iterable[str], settings: Settings | None = None, pseudonymize: bool = False) -> Iterable[str]:
    """`redact_text` over many notes through one `nlp.pipe`."""
    from .lint import lint_many

    settings = _settings_for_redaction(settings)
    catalogue = load_catalogue(settings.extra_patterns)
    texts = list(texts)
    for text, found in zip(texts, lint_many(texts, settings)):
        yield apply_placeholders(text, found, catalogue, pseudonymize)


def write_atomic(path: Path, text: str) -> None:
    """Write a redacted note atomically: a failure leaves the original as it was."""
    atomic.write_text(path, text)


def output_path(note_path: str, output: str | None, many: bool) -> Path | None:
    """Where a redacted note goes: None for stdout, the `-o` file, or a file inside the `-o` folder."""
    if output is None:
        return None
    out = Path(output)
    if many or out.is_dir():
        name = "stdin.txt" if note_path == "<stdin>" else Path(note_path).name
        return out / name
    return out


def check_options(paths: tuple[str, ...], output: str | None, in_place: bool) -> None:
    """Refuse option combinations that would write somewhere surprising (one-line error, exit 2)."""
    if in_place and output:
        raise NotelintError("redact: use either --in-place or -o/--output, not both")
    if in_place and "-" in paths:
        raise NotelintError("redact: --in-place cannot rewrite stdin")
    if output and len(paths) > 1 and not Path(output).is_dir():
        raise NotelintError(f"{output}: -o must be an existing folder when redacting several notes")
