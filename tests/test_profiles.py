"""Profiles: strict flags every identifier; record lets only the client's own name, session dates and record numbers pass."""

from __future__ import annotations

import pytest

from notelint import Settings, lint
from notelint.catalogue import load_catalogue

LABELS = {r.code: r.label for r in load_catalogue()}

GROUP_NOTE = (
    "Client: Dana Whitfield | MRN 4471092 | 3/14/2025\n"
    "Relapse prevention group, 6 present. Dana shared her plan for the weekend.\n"
    "Rafe Oduya and Kim Sorensen talked about their jobs; Lou Baptiste left early.\n"
    "Ysolde said her court date moved to 4/22. Her sister tove came to pick her up.\n"
    "Grace talked about her sponsor. Rafe's case number is KV-30218.\n"
    "Dana's sister Marguerite will drive her. Pt's SSN 412-55-9087 is on the form.\n"
)


def found(text: str, settings: Settings) -> dict[str, str]:
    """Identifier findings as {text: label}."""
    return {f.text: LABELS[f.rule] for f in lint(text, settings) if f.is_identifier}


def names(text: str, settings: Settings) -> set[str]:
    return {t for t, label in found(text, settings).items() if label == "NAME"}


def test_record_profile_passes_the_client_and_flags_every_other_member():
    got = names(GROUP_NOTE, Settings(profile="record"))
    assert not any("Dana" in n or "Whitfield" in n for n in got), got
    # Full names, first names alone, a lower-case name, a name that is also a word, a relative.
    for other in ("Rafe Oduya", "Kim Sorensen", "Lou Baptiste", "Ysolde", "tove", "Grace", "Marguerite"):
        assert any(other in n for n in got), f"{other} should flag in the record profile: {got}"


def test_strict_profile_flags_the_client_too():
    got = names(GROUP_NOTE, Settings())
    assert any("Dana" in n for n in got)


@pytest.mark.parametrize(
    ("text_part", "in_strict", "in_record"),
    [
        ("3/14/2025", True, False),  # the session date belongs in the record
        ("4471092", True, False),  # the client's own record number in the header
        ("4/22", True, True),  # another member's court date
        ("KV-30218", True, True),  # another member's case number
        ("412-55-9087", True, True),  # a full SSN flags in every profile
    ],
)
def test_record_profile_keeps_only_the_clients_own(text_part, in_strict, in_record):
    strict = found(GROUP_NOTE, Settings())
    record = found(GROUP_NOTE, Settings(profile="record"))
    assert (text_part in strict) is in_strict
    assert (text_part in record) is in_record


@pytest.mark.parametrize(
    ("text", "settings", "client", "other"),
    [
        # --client names the client when the note has no header.
        ("Lou Baptiste called. Rafe Oduya came by.", Settings(profile="record", client="Rafe Oduya"), "Rafe", "Lou"),
        # A `Pt:` header names the client.
        ("Pt: Kim Sorensen\nKim said Lou Baptiste gave her a ride.", Settings(profile="record"), "Kim", "Lou"),
        # No header, no --client: the person mentioned most is the client.
        ("Rafe Oduya came in. Rafe said Lou Baptiste owes him money. Rafe left at noon.",
         Settings(profile="record"), "Rafe", "Lou"),
    ],
)
def test_who_the_client_is(text, settings, client, other):
    got = names(text, settings)
    assert not any(client in n for n in got)
    assert any(other in n for n in got)
