"""Cue lists that clear a rule count only where they are not negated."""

from __future__ import annotations

import pytest

from notelint.verdict import affirmed, cue_regex

RELEASE = cue_regex(("release*", "consent*", "roi"))


@pytest.mark.parametrize(
    ("text", "cleared"),
    [
        ("Signed release on file for her mother.", True),
        ("Client gave verbal consent to the call.", True),
        ("ROI for probation is current.", True),
        ("No release on file.", False),
        ("Called his PO without consent.", False),
        ("The release was not signed yet.", False),
        ("Release pending; called her sister anyway.", False),
        ("No release on file for mom; ROI for PO signed 3/2.", True),
        ("Nothing about that here.", False),
    ],
)
def test_negated_cues_do_not_clear(text, cleared):
    assert affirmed(RELEASE, text) is cleared
