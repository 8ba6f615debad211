"""The eight ethical principles, read from `patterns/principles.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import yamlio
from .resources import patterns_dir


@dataclass(frozen=True)
class Principle:
    slug: str
    title: str
    description: str


@lru_cache(maxsize=1)
def load_principles() -> tuple[Principle, ...]:
    data = yamlio.read(patterns_dir() / "principles.yaml")
    return tuple(Principle(**p) for p in data["principles"])


def principle_slugs() -> frozenset[str]:
    return frozenset(p.slug for p in load_principles())
