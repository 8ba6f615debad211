"""Baselines: adopt notelint on an existing set of notes and fail only on findings that are new.

`notelint check --baseline FILE --write-baseline` records today's findings; `--baseline FILE` then hides them.
A finding is matched by its rule and a fingerprint of the matched words and the few words around them on the
same line, so edits elsewhere in the note (lines added above, other paragraphs rewritten) keep it matched.
Identical findings are counted, so a second copy of the same sentence is still new.

The file never holds note text: fingerprints are SHA-256 hashes, and paths are stored relative to the
baseline's own folder so it can be committed and used from any working folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from . import atomic
from .errors import NotelintError
from .findings import Finding
from .reporters import Report

VERSION = 1
CONTEXT_WORDS = 3
WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def fingerprint(finding: Finding, text: str) -> str:
    """A hash of the rule, the matched words and up to three words either side on the same line."""
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    line_end = len(text) if line_end == -1 else line_end
    before = _words(text[line_start:finding.start])[-CONTEXT_WORDS:]
    after = _words(text[finding.end:line_end])[:CONTEXT_WORDS]
    matched = _words(text[finding.start:finding.end]) or [text[finding.start:finding.end]]
    material = "\x1f".join([finding.rule, " ".join(before), " ".join(matched), " ".join(after)])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]


def _key_path(note_path: str, root: Path) -> str:
    if note_path == "<stdin>":
        return note_path
    absolute = Path(note_path).resolve()
    try:
        return Path(os.path.relpath(absolute, root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


@dataclass
class Baseline:
    """Known findings, as counts per (note path, rule, fingerprint)."""

    root: Path
    known: Counter

    def filter(self, report: Report, texts: Mapping[str, str]) -> int:
        """Drop the known findings from `report` in place; return how many were dropped."""
        remaining = Counter(self.known)
        dropped = 0
        for result in report.files:
            path = _key_path(result.path, self.root)
            text = texts.get(result.path, "")
            kept = []
            for f in result.findings:
                key = (path, f.rule, fingerprint(f, text))
                if remaining[key] > 0:
                    remaining[key] -= 1
                    dropped += 1
                else:
                    kept.append(f)
            result.findings = kept
        return dropped


def load(path: Path | str) -> Baseline:
    """Read a baseline file; a missing or malformed one is a one-line error."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotelintError(f"{path}: baseline not found; create it with --write-baseline") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NotelintError(f"{path}: cannot read baseline: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise NotelintError(f"{path}: baseline is not valid JSON (line {exc.lineno}): {exc.msg}") from None
    try:
        if data.get("version") != VERSION:
            raise NotelintError(f"{path}: baseline version {data.get('version')!r} is not {VERSION}")
        known = Counter()
        for entry in data["findings"]:
            known[(entry["path"], entry["rule"], entry["fingerprint"])] += int(entry.get("count", 1))
    except (AttributeError, KeyError, TypeError, ValueError):
        raise NotelintError(f"{path}: not a notelint baseline (expected version, findings[path, rule, fingerprint])") from None
    return Baseline(path.resolve().parent, known)


def build(report: Report, texts: Mapping[str, str], root: Path) -> dict:
    """The baseline document for everything `report` found."""
    counts: Counter = Counter()
    for result in report.files:
        path = _key_path(result.path, root)
        text = texts.get(result.path, "")
        for f in result.findings:
            counts[(path, f.rule, fingerprint(f, text))] += 1
    entries = [
        {"path": p, "rule": r, "fingerprint": h, **({"count": n} if n > 1 else {})}
        for (p, r, h), n in sorted(counts.items())
    ]
    return {"version": VERSION, "tool": "notelint", "findings": entries}


def write(path: Path | str, report: Report, texts: Mapping[str, str]) -> int:
    """Write the baseline atomically (temp file + rename); return the number of findings it holds."""
    path = Path(path)
    document = build(report, texts, path.resolve().parent)
    payload = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(path, payload)
    except OSError as exc:
        raise NotelintError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None
    return sum(e.get("count", 1) for e in document["findings"])

