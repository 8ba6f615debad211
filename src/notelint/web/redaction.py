"""Redaction for `POST /api/redact`: notelint's own `redact_text` when installed, else label replacement.

Until `notelint.redact` lands, identifier findings are replaced by `[LABEL]` here, from the end of the note
backwards so earlier offsets stay valid.
"""

from __future__ import annotations

import importlib
from typing import Callable, Iterable

from ..catalogue import load_catalogue
from ..config import Settings
from ..findings import Finding


def redact_label(code: str, settings: Settings) -> str:
    """`[LABEL]` for a rule: its declared label, else its name in capitals."""
    rule = load_catalogue(settings.extra_patterns).by_code().get(code)
    label = (rule.label if rule else None) or (rule.name if rule else code)
    return f"[{label.upper().replace('-', '_')}]"


def replace_findings(text: str, found: Iterable[Finding], label_of: Callable[[str], str]) -> str:
    """Replace each identifier finding's characters by its label; other findings are left alone."""
    chosen = sorted((f for f in found if f.is_identifier), key=lambda f: f.start, reverse=True)
    end_of_kept = len(text)
    for f in chosen:
        # Identifier findings never overlap (findings keeps the longest per category); guard anyway.
        if f.end > end_of_kept:
            continue
        text = text[: f.start] + label_of(f.rule) + text[f.end :]
        end_of_kept = f.start
    return text


def native_redactor() -> Callable | None:
    """`notelint.redact.redact_text` if this install has it."""
    try:
        module = importlib.import_module("notelint.redact")
    except ModuleNotFoundError as exc:
        if exc.name != "notelint.redact":
            raise  # the module exists but is broken: say so rather than quietly redact less
        return None
    return getattr(module, "redact_text", None)
