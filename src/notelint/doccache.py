"""Facts about a processed Doc worked out once: spaCy rebuilds `doc.text` and walks every token for `doc.sents`
on each access, and every component asks."""

from __future__ import annotations

from spacy.tokens import Doc

TEXT, SENTS = "notelint.text", "notelint.sents"


def text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc."""
    cached = doc.user_data.get(TEXT)
    if cached is None:
        cached = doc.user_data[TEXT] = doc.text
    return cached


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of each sentence (the parse's, once it has run); the whole Doc as one
    sentence when it has no boundaries."""
    cached = doc.user_data.get(SENTS)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    if doc.has_annotation("SENT_START"):
        found = [(s.start, s.end) for s in doc.sents]
    else:
        found = [(0, len(doc))] if len(doc) else []
    doc.user_data[SENTS] = (len(doc), found)
    return found
