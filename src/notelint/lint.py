"""The one lint path every front end calls: text in, findings out."""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.tokens import Doc

from . import config as _config
from . import profiles, suppressions
from .catalogue import load_catalogue
from .config import Settings
from .findings import Finding, from_doc
from .pipeline import get_nlp

DEFAULT_BATCH = 64


def findings_for(doc: Doc, settings: Settings) -> list[Finding]:
    """Findings of one processed Doc under `settings` (selection and severity overrides applied)."""
    catalogue = load_catalogue(settings.extra_patterns)
    # The profile decides which identifiers this note may keep (the client's own, in the record profile).
    found = _config.apply(settings, profiles.apply(doc, from_doc(doc, catalogue), settings, catalogue))
    # Suppressions act on what selection kept; their own NL901 findings then pass through the same selection.
    return _config.apply(settings, suppressions.apply(doc.text, found, catalogue))


def lint(text: str, settings: Settings | None = None) -> list[Finding]:
    """Lint one note and return its findings, sorted by position."""
    settings = settings or Settings()
    return findings_for(get_nlp(settings)(text), settings)


def lint_many(
    texts: Iterable[str],
    settings: Settings | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    n_process: int = 1,
) -> Iterator[list[Finding]]:
    """Lint many notes through `nlp.pipe`, yielding each note's findings in order."""
    settings = settings or Settings()
    nlp = get_nlp(settings)
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        yield findings_for(doc, settings)
