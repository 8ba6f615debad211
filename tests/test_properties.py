"""Property tests: any text lints without an exception, and every finding's position is consistent."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notelint import lint

WORDS = st.sampled_from([
    "Client", "addict", "dirty", "UA", "said", '"', "not", "I", "lent", "him", "$20", "555-0142", "\r\n", "\t",
    "\n", "Dana", "Smith", "on", "3/14", "clean", ".", ",", "é", "👍", "​", "MRN", "44812", "if",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))


def position(text: str, offset: int) -> tuple[int, int]:
    before = re.split(r"\r\n|\r|\n", text[:offset])
    return len(before), len(before[-1]) + 1


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_lints_and_offsets_agree(text):
    for f in lint(text):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
        assert (f.line, f.column) == position(text, f.start)
        assert (f.end_line, f.end_column) == position(text, f.end)
