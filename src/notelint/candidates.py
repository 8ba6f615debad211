"""Candidate spans: what detectors propose, kept in `doc.spans["notelint"]` (they overlap, so not `doc.ents`).

Each span's label is its rule code. Per-candidate details a detector decides (a demoted severity, a suggestion
that fits the sentence) live in `doc.user_data` under string keys, so they survive `Doc.to_bytes`.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

SPAN_KEY = "notelint"
META_KEY = "notelint_meta"


def _key(code: str, start_char: int, end_char: int) -> str:
    return f"{code}:{start_char}:{end_char}"


def add(doc: Doc, span: Span, code: str, **meta: Any) -> Span:
    """Record `span` as a candidate for rule `code`, with optional `severity`, `suggestions`, `message`."""
    group = doc.spans.setdefault(SPAN_KEY, [])
    labelled = Span(doc, span.start, span.end, label=code)
    group.append(labelled)
    if meta:
        doc.user_data.setdefault(META_KEY, {})[_key(code, labelled.start_char, labelled.end_char)] = meta
    return labelled


def meta(doc: Doc, span: Span) -> dict:
    return doc.user_data.get(META_KEY, {}).get(_key(span.label_, span.start_char, span.end_char), {})


def spans(doc: Doc) -> list[Span]:
    return list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
