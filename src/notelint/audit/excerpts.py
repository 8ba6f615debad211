"""Masked excerpts: the few words around a finding that let a quality lead judge it without the identifiers.

Identifier findings are masked like everywhere else (`J*** S****`). Because an excerpt leaves the note, it is
masked a second time, more bluntly, for what the detectors might have missed: every digit, and every
capitalised word that does not open a sentence (names, places and programs are capitalised; ordinary words
mid-sentence are not).
"""

from __future__ import annotations

import re

from ..catalogue import severity_rank
from ..findings import Finding, mask

WIDTH = 70  # characters of context on each side
PER_NOTE = 3
# Capitalised words that are not names and read badly masked.
KEEP = {"I", "I'm", "I've", "I'd", "I'll", "CRS", "CPRS", "PRS", "Client", "Pt", "Staff", "Peer", "Writer", "Note",
        "Plan", "Data", "Assessment", "Response", "Goal", "Intervention", "Subjective", "Objective"}
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“(]\s*|-\s+|\*\s+)$")


def _mask_caps(text: str) -> str:
    def repl(m: re.Match) -> str:
        word = m.group(0)
        if not word[0].isupper() or word in KEEP:
            return word
        if _SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]) or m.start() == 0:
            return word
        return mask(word)

    return _WORD.sub(repl, text)


def masked(text: str, findings: list[Finding]) -> str:
    """`text` with identifier findings, digits and mid-sentence capitalised words masked."""
    out = list(text)
    for f in findings:
        if f.is_identifier:
            out[f.start:f.end] = list(mask(text[f.start:f.end]).ljust(f.end - f.start, "*"))
    return _mask_caps(re.sub(r"\d", "*", "".join(out)))


def excerpts(text: str, findings: list[Finding], limit: int = PER_NOTE) -> list[dict]:
    """Up to `limit` masked excerpts, most severe findings first: `{"rule", "severity", "before", "match", "after"}`."""
    if not findings:
        return []
    shown = masked(text, findings)
    chosen = sorted(findings, key=lambda f: (-severity_rank(f.severity), f.start))[:limit]
    out = []
    for f in sorted(chosen, key=lambda f: f.start):
        a, b = max(0, f.start - WIDTH), min(len(text), f.end + WIDTH)
        out.append({
            "rule": f.rule,
            "severity": f.severity,
            "before": ("…" if a else "") + shown[a:f.start].replace("\n", " ⏎ "),
            "match": shown[f.start:f.end].replace("\n", " "),
            "after": shown[f.end:b].replace("\n", " ⏎ ") + ("…" if b < len(text) else ""),
        })
    return out
