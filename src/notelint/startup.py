"""Keep `notelint check one-note.txt` quick to start.

`import spacy` also imports spaCy's own command line (typer, requests, weasel, the download and project
commands: about a third of spaCy's import time) only to expose `spacy.info`. notelint never uses it, so
`import_spacy` imports spaCy with a stand-in for `spacy.cli.info` and then forgets the stand-in: a later
`import spacy.cli` imports the real package, and `spacy.info` still works (it imports the real one first).
"""

from __future__ import annotations

import importlib
import sys
import types


def _real_info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> None:
    """Import spaCy without its command line, unless it is already imported."""
    if "spacy" in sys.modules:
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package with no submodules of its own
    info = types.ModuleType("spacy.cli.info")
    info.info = _real_info
    cli.info = info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        importlib.import_module("spacy")
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is cli:
            del spacy.cli
