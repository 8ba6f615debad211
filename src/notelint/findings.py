"""Findings: the one plain-data model every reporter formats.

Spans die with their Doc, so `from_doc` turns candidates into frozen `Finding`s (character offsets plus 1-based
line and column) inside the lint call.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass

from spacy.tokens import Doc

from . import candidates, doccache
from .catalogue import Catalogue

IDENTIFIER_CATEGORY = "identifiers"


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    category: str
    principle: str
    severity: str
    message: str
    suggestions: tuple[str, ...]
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    text: str

    @property
    def is_identifier(self) -> bool:
        return self.category == IDENTIFIER_CATEGORY

    def shown_text(self, show_identifiers: bool = False) -> str:
        """The matched text, masked for identifiers unless asked (`J*** S****`)."""
        return self.text if show_identifiers or not self.is_identifier else mask(self.text)

    def to_dict(self, show_identifiers: bool = False) -> dict:
        out = asdict(self)
        out["suggestions"] = list(self.suggestions)
        out["text"] = self.shown_text(show_identifiers)
        return out


def mask(text: str) -> str:
    """Keep the first character of each word and hide the rest: "Jo Smith" -> "J* S****"; digits are all hidden."""
    return re.sub(r"(?<=\w)\w", "*", re.sub(r"\d", "*", text))


class LineIndex:
    """Map character offsets to 1-based (line, column)."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def _overlap_key(f: Finding) -> tuple:
    return (f.start, -(f.end - f.start), f.rule)


def resolve_overlaps(found: list[Finding]) -> list[Finding]:
    """Within one category keep the longest of overlapping findings (then the lowest code)."""
    kept: list[Finding] = []
    by_category: dict[str, list[Finding]] = {}
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.rule, f.start)):
        others = by_category.setdefault(f.category, [])
        if any(o.start < f.end and f.start < o.end for o in others):
            continue
        others.append(f)
        kept.append(f)
    return sorted(kept, key=_overlap_key)


def from_doc(doc: Doc, catalogue: Catalogue) -> list[Finding]:
    """Turn the Doc's candidate spans into findings, resolving overlaps."""
    rules = catalogue.by_code()
    full = doccache.text(doc)
    lines = LineIndex(full)
    found = []
    for span in candidates.spans(doc):
        rule = rules.get(span.label_)
        if rule is None:
            continue
        meta = candidates.meta(doc, span)
        start, end = span.start_char, span.end_char
        # Trim trailing whitespace/newlines a token span can carry.
        text = full[start:end]
        end = start + len(text.rstrip())
        start = end - len(text.strip())
        if end <= start:
            continue
        line, column = lines.position(start)
        end_line, end_column = lines.position(end)
        found.append(
            Finding(
                rule=rule.code,
                name=rule.name,
                category=rule.category,
                principle=rule.principle,
                severity=meta.get("severity", rule.severity),
                message=meta.get("message", rule.message),
                suggestions=tuple(meta.get("suggestions", rule.suggestions)),
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                start=start,
                end=end,
                text=full[start:end],
            )
        )
    return resolve_overlaps(found)
