"""Shared fixtures: the full pipeline is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from notelint import Settings
    from notelint.pipeline import get_nlp

    return get_nlp(Settings())


@pytest.fixture(scope="session")
def catalogue():
    from notelint.catalogue import load_catalogue

    return load_catalogue()


@pytest.fixture
def run(capsys, monkeypatch, tmp_path):
    """Run the `notelint` CLI in-process from a temporary working folder: (exit code, stdout, stderr)."""
    from notelint.cli import main

    monkeypatch.chdir(tmp_path)

    def invoke(*args):
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke
