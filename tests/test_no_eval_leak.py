"""Dev data is for measuring only: no sentence or distinctive name from ../shared/eval may appear in our files.

A hidden set, written apart from the dev notes, judges the work; copying dev text into patterns, examples or code
would only hide problems. Skipped when the shared data is absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "notes" / "dev.jsonl"
OURS = [p for folder in ("patterns", "src", "tests", "examples", "benchmarks", "docs", "models")
        for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".yml", ".md", ".txt",
                                                                                ".cfg", ".json", ".js", ".html")]
N = 6

pytestmark = pytest.mark.skipif(not DEV.exists(), reason="shared eval data not present")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def ngrams(text: str, n: int = N) -> set[str]:
    w = words(text)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def dev_rows():
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_no_dev_sentences_in_our_files():
    dev = set().union(*(ngrams(r["text"]) for r in dev_rows()))
    leaks = {}
    for path in OURS:
        if path.name == Path(__file__).name:
            continue
        hits = ngrams(path.read_text(encoding="utf-8", errors="ignore")) & dev
        if hits:
            leaks[str(path.relative_to(ROOT))] = sorted(hits)[:5]
    assert not leaks, f"dev-set text copied into: {leaks}"


def test_no_dev_names_or_facilities_in_our_files():
    names = set()
    for row in dev_rows():
        for span in row["pii"]:
            value = row["text"][span["start"]:span["end"]]
            if span["label"] in ("NAME", "ORG", "LOCATION", "ADDRESS") and len(words(value)) >= 2:
                names.add(" ".join(words(value)))
    leaks = {}
    for path in OURS:
        if path.name == Path(__file__).name:
            continue
        text = " ".join(words(path.read_text(encoding="utf-8", errors="ignore")))
        hits = sorted(n for n in names if f" {n} " in f" {text} ")
        if hits:
            leaks[str(path.relative_to(ROOT))] = hits[:5]
    assert not leaks, f"dev-set names copied into: {leaks}"
