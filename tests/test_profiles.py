"""Profiles: strict flags every identifier; record lets the client's own name, dates and record number pass."""

from __future__ import annotations

import pytest

from notelint import Settings, lint

GROUP_NOTE = (
    "Client: Dana Whitfield | MRN 4471092 | 3/14/2025\n"
    "Relapse prevention group, 6 present. Dana shared her plan for the weekend.\n"
    "Rafe Oduya and Kim Sorensen talked about their jobs; Lou Baptiste left early.\n"
    "Dana's sister Marguerite will drive her. Pt's SSN 412-55-9087 is on the form.\n"
)


def names(text: str, settings: Settings) -> set[str]:
    return {f.text for f in lint(text, settings) if f.rule == "NL101"}


def test_record_profile_passes_the_client_and_flags_every_other_member():
    found = names(GROUP_NOTE, Settings(profile="record"))
    assert not any("Dana" in n or "Whitfield" in n for n in found)
    for other in ("Rafe Oduya", "Kim Sorensen", "Lou Baptiste", "Marguerite"):
        assert any(other in n for n in found), f"{other} should flag in the record profile: {found}"


def test_strict_profile_flags_the_client_too():
    found = names(GROUP_NOTE, Settings())
    assert any("Dana" in n for n in found)


@pytest.mark.parametrize(
    ("code", "text_part", "in_record"),
    [
        ("NL102", "3/14/2025", False),  # the session date belongs in the record
        ("NL108", "4471092", False),  # the client's own record number in the header
        ("NL105", "412-55-9087", True),  # a full SSN flags in every profile
    ],
)
def test_record_profile_keeps_or_passes(code, text_part, in_record):
    record = {f.text for f in lint(GROUP_NOTE, Settings(profile="record")) if f.rule == code}
    strict = {f.text for f in lint(GROUP_NOTE, Settings()) if f.rule == code}
    assert text_part in strict
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
    found = names(text, settings)
    assert not any(client in n for n in found)
    assert any(other in n for n in found)
