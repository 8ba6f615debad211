"""End to end: `notelint serve` in a subprocess, driven by Debian's Chromium through Playwright.

Skipped when Playwright's Python package or /usr/bin/chromium is missing (`.ci/run` installs both). Set
NOTELINT_SCREENSHOT=path to save a screenshot of the linted page (docs/screenshot.png is made this way).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
START_TIMEOUT_S = 90
# A fictional note, written for this test.
NOTE = (
    "Peer support session, Tuesday afternoon\n"
    "Walked with the client to the food pantry and talked about the week ahead.\n"
    "He said staff at the shelter keep calling him an addict, which he finds discouraging.\n"
    "His dirty UA from last Friday came up; he wants to talk it through with his counselor.\n"
    "Lent him $20 for the bus so he could make it to the pantry.\n"
    "Next step: call him at 412-555-0143 on Thursday to confirm the pantry visit.\n"
)
MARKER = "food pantry"  # a phrase of the note that no server log line may contain

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def server():
    """Start `notelint serve --port 0`; yield its address and, afterwards, check its logs for note text."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "notelint", "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        if "http://" not in line:
            proc.kill()
            pytest.fail(f"serve did not print its address: {line!r} {proc.stderr.read()[-500:]!r}")
        url = line.split("http://", 1)[1].split()[0]
        url = "http://" + url.rstrip("/")
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        yield {"url": url, "proc": proc}
    finally:
        proc.terminate()
        try:
            out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    assert MARKER not in out + err, "the server logged note text"
    assert "POST /api/lint" in out + err  # the access log ran, so the check above saw real logs


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server["url"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The page must work offline: any request off this server is a failure.
    outside: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(server["url"]) or req.url.startswith("data:")
            else outside.append(req.url))
    page.goto(server["url"] + "/")
    yield page
    context.close()
    assert errors == [] and outside == []


def paste_and_check(page, text: str = NOTE) -> None:
    page.fill("#note", text)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#marked a.hl")


def test_paste_a_note_and_see_its_findings_highlighted(page):
    paste_and_check(page)

    marked = page.locator("#marked a.hl").all_inner_texts()
    assert any("addict" in m for m in marked) and any("dirty UA" in m for m in marked)
    group = page.locator("#findings section.group", has_text="Non-Discrimination and Non-Judgment")
    card = group.locator("li.card", has_text="NL201")
    sync_api.expect(card.locator(".why")).to_contain_text("Why it matters")
    sync_api.expect(card.locator(".source")).to_contain_text("NIDA")
    sync_api.expect(page.locator("#status")).to_contain_text("Checked.")
    if os.environ.get("NOTELINT_SCREENSHOT"):
        page.screenshot(path=os.environ["NOTELINT_SCREENSHOT"])


def test_apply_a_suggestion_rewrites_the_note_and_clears_the_finding(page):
    paste_and_check(page)

    button = page.locator("li.card", has_text="NL201").locator("button.apply").first
    suggestion = button.locator("span").inner_text()
    button.click()

    sync_api.expect(page.locator("#note")).not_to_have_value(NOTE)
    rewritten = page.input_value("#note")
    assert "addict" not in rewritten and suggestion in rewritten
    assert " an person" not in rewritten and " an a person" not in rewritten  # the article follows the fix
    lines, before = rewritten.splitlines(), NOTE.splitlines()
    assert [l for l in lines if "person" not in l] == [l for l in before if "addict" not in l]
    sync_api.expect(page.locator("li.card", has_text="NL201")).to_have_count(0)
    sync_api.expect(page.locator("#marked a.hl", has_text="addict")).to_have_count(0)
    sync_api.expect(page.locator("#status")).to_contain_text("Replaced")


def test_the_page_works_from_the_keyboard_alone(page):
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    sync_api.expect(page.locator("#note")).to_be_focused()
    page.keyboard.insert_text("Her dirty UA was discussed.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("li.card")

    page.locator("#findings-heading").focus()
    for _ in range(20):  # tab forward to the first suggestion button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('apply')"):
            break
    page.keyboard.press("Enter")

    sync_api.expect(page.locator("#note")).not_to_have_value("Her dirty UA was discussed.")
    sync_api.expect(page.locator("li.card", has_text="NL202")).to_have_count(0)


def test_redact_all_identifiers_and_copy_the_cleaned_note(page):
    paste_and_check(page)
    if page.locator("li.card button.redact").count() == 0:
        pytest.skip("no identifier rule flags the note in this install")

    page.get_by_role("button", name="Redact all identifiers").click()
    sync_api.expect(page.locator("#status")).to_contain_text("Identifiers redacted")
    assert "412-555-0143" not in page.input_value("#note")

    page.get_by_role("button", name="Copy cleaned note").click()
    sync_api.expect(page.locator("#status")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#note")


def test_a_highlight_leads_to_its_finding(page):
    paste_and_check(page)
    page.locator("#marked a.hl", has_text="dirty UA").click()
    focused = page.evaluate("document.activeElement.textContent")
    assert "NL202" in focused


def test_a_note_with_emoji_keeps_highlights_on_the_right_words(page):
    # The API counts code points, the page UTF-16 units: characters outside the BMP must not shift marks.
    paste_and_check(page, "Good week 🎉🎉. The addict label came up in group.")
    assert page.locator("#marked a.hl").all_inner_texts() == ["addict"]


def test_an_api_error_is_shown_not_swallowed(page):
    page.fill("#note", "x" * 1_200_000)
    page.keyboard.press("Control+Enter")
    sync_api.expect(page.locator("#status")).to_contain_text("limit", timeout=15_000)


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1024, 640), (760, 600)])
def test_readable_on_a_small_laptop_screen_without_sideways_scrolling(browser, server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(server["url"] + "/")
    paste_and_check(page)

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    sync_api.expect(page.locator("#note")).to_be_in_viewport()
    font_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.msg')).fontSize)")
    assert font_px >= 15
    context.close()
