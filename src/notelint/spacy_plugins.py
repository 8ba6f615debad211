"""Keep spaCy from importing every installed spaCy plugin each time notelint builds a `Language`.

spaCy imports every package that declares `spacy_factories` entry points whenever a `Language` is created;
with Presidio's analyzer installed beside notelint that alone adds over a second to every start-up. notelint's
pipeline needs only spaCy's own factories, the base model's and notelint's (registered when their modules are
imported), so it builds without the entry points, and uses them only if a factory turns out to be missing.
"""

from __future__ import annotations

import contextlib
from typing import Callable, Iterator, TypeVar

from spacy.util import registry

T = TypeVar("T")


@contextlib.contextmanager
def _entry_points_off() -> Iterator[None]:
    plugins = getattr(registry, "_entry_point_factories", None)
    saved = getattr(plugins, "entry_points", None)
    if plugins is not None:
        plugins.entry_points = False
    try:
        yield
    finally:
        if plugins is not None:
            plugins.entry_points = saved


def without_plugins(build: Callable[[], T]) -> T:
    """`build()` with spaCy's plugin entry points skipped; again with them if a factory was missing (E002)."""
    try:
        with _entry_points_off():
            return build()
    except ValueError as exc:
        if "[E002]" not in str(exc):
            raise
        return build()
