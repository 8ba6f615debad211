"""The fast YAML reader gives exactly what a YAML 1.2 reader (srsly's ruamel) gives for our files."""

from __future__ import annotations

import pytest
import srsly

from notelint import yamlio
from notelint.resources import patterns_dir

FILES = sorted(patterns_dir().rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_pattern_files_read_the_same(path):
    assert yamlio.read(path) == srsly.read_yaml(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[no, on, yes, off]", ["no", "on", "yes", "off"]),   # YAML 1.1 would make these booleans
        ("[21:00, '7:30']", ["21:00", "7:30"]),              # ... and base-60 integers
        ("[true, false, 10, 2.5, ~]", [True, False, 10, 2.5, None]),
    ],
)
def test_yaml_1_2_scalars(text, expected):
    assert yamlio.loads(text) == expected
