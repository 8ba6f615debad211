"""Building notelint's pipeline skips spaCy's plugin entry points, and falls back to them when it must."""

from __future__ import annotations

import pytest
from spacy.util import registry

from notelint.spacy_plugins import without_plugins


def test_entry_points_are_off_while_building_and_restored_after():
    seen = without_plugins(lambda: registry._entry_point_factories.entry_points)
    assert seen is False
    assert registry._entry_point_factories.entry_points is True


@pytest.mark.parametrize(
    ("error", "calls", "raises"),
    [
        (ValueError("[E002] Can't find factory for 'plugin_pipe'"), 2, None),
        (ValueError("[E050] Can't find model 'nope'"), 1, ValueError),
    ],
)
def test_missing_factory_retries_with_plugins(error, calls, raises):
    made = []

    def build():
        made.append(registry._entry_point_factories.entry_points)
        if len(made) == 1:
            raise error
        return "nlp"

    if raises:
        with pytest.raises(raises):
            without_plugins(build)
    else:
        assert without_plugins(build) == "nlp"
    assert len(made) == calls
    if calls == 2:
        assert made == [False, True]
