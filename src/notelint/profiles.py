"""Profiles: which identifiers a note may keep, depending on where the note is going.

- `strict` (default): everything Safe Harbor removes is flagged. Use it for anything that leaves the record:
  training material, case studies, supervision emails, audit samples shared outside the agency.
- `record`: the note stays in its client's own record, so the client's own name, the session dates and the
  client's own record numbers pass. Identifiers of anyone else (group members, relatives, other clients,
  staff) still flag, and so does a date or number in a sentence that names someone else ("Rafe's court date
  is 6/2"), the client's contact details and any full SSN.

Who the client is, in order: `--client NAME` (`Settings.client`); a header line such as `Client: Dana Whitfield`
or `Pt: Whitfield, Dana`; else the person the note mentions most often.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from spacy.tokens import Doc

from .catalogue import Catalogue
from .config import Settings
from .findings import Finding

# In the record profile these belong to the client's own record; every other label still flags.
RECORD_KEEPS_DATES = "DATE"
HEADER_LINES = 2


def name_words(text: str) -> frozenset[str]:
    """Lower-cased words of a name, without initials or punctuation: "Pryor, D." -> {"pryor"}."""
    return frozenset(w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ'’-]+", text) if len(w) > 1)


def label_of(finding: Finding, catalogue: Catalogue) -> str | None:
    rule = catalogue.by_code().get(finding.rule)
    return rule.label if rule is not None else None


def people(found: Iterable[Finding], catalogue: Catalogue) -> list[list[Finding]]:
    """Group NAME findings into people: mentions sharing a name word are the same person."""
    groups: list[tuple[set[str], list[Finding]]] = []
    for f in sorted(found, key=lambda f: -len(name_words(f.text))):
        if label_of(f, catalogue) != "NAME":
            continue
        words = set(name_words(f.text))
        if not words:
            continue
        for known, mentions in groups:
            if words & known:
                known |= words
                mentions.append(f)
                break
        else:
            groups.append((words, [f]))
    return [sorted(m, key=lambda f: f.start) for _, m in groups]


def client_words(doc: Doc, found: list[Finding], settings: Settings, catalogue: Catalogue) -> frozenset[str]:
    """The client's name words: `--client`, else the header, else the most-mentioned person."""
    if settings.client:
        return name_words(settings.client)
    header = frozenset(doc._.nl_client_names) if Doc.has_extension("nl_client_names") else frozenset()
    if header:
        return header
    groups = people(found, catalogue)
    if not groups:
        return frozenset()
    counts = Counter({i: len(g) for i, g in enumerate(groups)})
    # Most mentions wins; a tie goes to the person named first (usually the header).
    best = max(counts, key=lambda i: (counts[i], -groups[i][0].start))
    return frozenset().union(*(name_words(f.text) for f in groups[best]))


def is_client(finding: Finding, client: frozenset[str]) -> bool:
    words = name_words(finding.text)
    return bool(words) and bool(client) and words <= client


def _sentence(doc: Doc, finding: Finding) -> int:
    """Start offset of the sentence holding `finding` (its line when the Doc has no sentences)."""
    span = doc.char_span(finding.start, finding.end, alignment_mode="expand")
    if span is None or not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return -finding.line
    return span.sent.start_char


def apply(doc: Doc, found: list[Finding], settings: Settings, catalogue: Catalogue) -> list[Finding]:
    """Drop the identifiers the profile lets this note keep; `strict` keeps every finding."""
    if settings.profile != "record":
        return found
    client = client_words(doc, found, settings, catalogue)
    names = [f for f in found if label_of(f, catalogue) == "NAME"]
    client_lines = {f.line for f in names if is_client(f, client)}
    # Sentences that name someone other than the client: their dates and numbers are that person's.
    others = {_sentence(doc, f) for f in names if not is_client(f, client)}
    kept = []
    for f in found:
        label = label_of(f, catalogue)
        if label == "NAME" and is_client(f, client):
            continue
        about_other = _sentence(doc, f) in others and f.line > HEADER_LINES
        if label == RECORD_KEEPS_DATES and not about_other:
            continue
        if label == "ID" and not about_other and (f.line <= HEADER_LINES or f.line in client_lines):
            continue
        kept.append(f)
    return kept
