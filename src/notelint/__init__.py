"""notelint: a case-note compliance linter for peer recovery specialists."""

from .startup import import_spacy

import_spacy()

# ruff: noqa: E402
from .config import Settings
from .findings import Finding
from .lint import lint, lint_many

__version__ = "0.1.0"
__all__ = ["Finding", "Settings", "lint", "lint_many", "__version__"]
