"""`report.html`: self-contained (no network), masked, and it opens in headless Chromium without console errors."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from notelint import Settings
from notelint.audit import run_audit

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NOTES = (
    "note_id,author,date,text\n"
    'H-1,K. Farrow,2023-02-11,"Client said her brother Tobias Renwick could drive her; call 555-0164 to confirm."\n'
    'H-2,K. Farrow,2023-03-02,"The man is an addict and has been for years."\n'
    'H-3,L. Ostrander,2023-03-20,"Client reviewed her goals and chose a first step."\n'
)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("audit")
    (folder / "export.csv").write_text(NOTES, encoding="utf-8")
    run_audit([str(folder / "export.csv")], folder / "out", Settings(), jobs=1)
    return folder / "out" / "report.html"


def test_report_is_self_contained(report):
    page = report.read_text(encoding="utf-8")
    assert "<svg" in page and "<style>" in page
    # Nothing is fetched: no external scripts, stylesheets, images or fonts.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<script" not in page and "@import" not in page and "url(" not in page


@pytest.mark.parametrize("secret", ["555-0164", "Tobias", "Renwick"])
def test_report_never_shows_identifier_text(report, secret):
    assert secret not in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "heading",
    ["By principle", "By rule", "By writer", "By month", "Notes that need attention first"],
)
def test_report_has_each_section(report, heading):
    assert f"<h2>{heading}</h2>" in report.read_text(encoding="utf-8")


def console_errors(page: Path, tmp_path: Path) -> list[str]:
    """Load `page` in headless Chromium and return the console errors it logged."""
    profile = tmp_path / "chromium-profile"
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=2000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=90,
    )
    assert "</html>" in proc.stdout, proc.stderr[-2000:]
    return [line for line in proc.stderr.splitlines()
            if "CONSOLE" in line or "Uncaught" in line or "Refused to" in line]


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize(
    ("make_page", "clean"),
    [
        (lambda report, tmp: report, True),
        # The check itself can fail: a page that throws must be caught.
        (lambda report, tmp: (tmp / "bad.html").write_text(
            "<!DOCTYPE html><html><body><script>missingFunction()</script></body></html>") and tmp / "bad.html",
         False),
    ],
    ids=["report", "page-with-error"],
)
def test_report_opens_in_chromium_without_console_errors(report, tmp_path, make_page, clean):
    errors = console_errors(make_page(report, tmp_path), tmp_path)
    assert (errors == []) is clean, errors
