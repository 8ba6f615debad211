"""Ethics rules (NL3xx) as a user meets them: who did what to whom, policy settings, and absence checks."""

from __future__ import annotations

import pytest

from notelint import Settings, lint
from notelint.components.ethics import CLOCK, in_window, minutes_of


def codes(text: str, settings: Settings | None = None) -> set[str]:
    return {f.rule for f in lint(text, settings) if f.rule.startswith("NL3") and f.severity != "info"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lent client $20 for gas until Friday.", "NL301"),
        ("I gave him $30 from my own pocket for his phone bill.", "NL301"),
        ("She added me on Facebook last night.", "NL306"),
        ("Accepted a $40 gift card from client for my birthday.", "NL302"),
        ("Drove her to the food bank in my own car.", "NL311"),
        ("Told her to skip her Seroquel on weekends.", "NL340"),
        ("Called her father and told him she relapsed.", "NL320"),
        ("Promised him I wouldn't tell anyone about the gun.", "NL333"),
        ("Client said she wants to die. Reviewed her bus schedule.", "NL350"),
        ("Pt got evicted Monday and is sleeping in his car. Next visit Friday.", "NL354"),
        ("Backdated the note so it lands in last month.", "NL360"),
        ("They pay me $100 for every referral that admits.", "NL363"),
        ("Client (she/her) arrived early. He talked about his new job.", "NL372"),
    ],
)
def test_flags(text, code):
    assert code in codes(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The client acts, not the writer.
        ("Client lent his cousin $20 for gas.", "NL301"),
        # A refusal is the ethical outcome.
        ("Pt offered a $40 gift card; writer declined and explained the gift policy.", "NL302"),
        ("Client sent a friend request; declined and reviewed the social-media policy.", "NL306"),
        # Agency help and policy transport.
        ("Provided a bus pass per agency policy.", "NL301"),
        ("Drove client to the DMV in the agency van per policy.", "NL311"),
        # Referral to the prescriber.
        ("Encouraged her to ask her prescriber before changing her Seroquel.", "NL340"),
        # A release on file anywhere in the note.
        ("ROI on file for her father. Called her father to confirm Friday's ride.", "NL320"),
        # Negated, historical and answered risk.
        ("Client denies SI. Reviewed her bus schedule.", "NL350"),
        ("Client's uncle died by suicide years ago; client denies SI and we talked about supports.", "NL350"),
        ("Client said she wants to die; completed a safety plan and gave 988; supervisor notified.", "NL350"),
        # Hypothetical.
        ("If pt ever offers a gift, writer will decline.", "NL302"),
        # A labelled late entry.
        ("LATE ENTRY: session on Monday, documented Wednesday.", "NL360"),
        # Pronouns used as stated.
        ("Client (she/her) arrived early. She talked about her new job.", "NL372"),
    ],
)
def test_near_misses_pass(text, code):
    assert code not in codes(text)


def test_negated_response_is_not_a_response():
    text = "Pt had a seizure after she stopped drinking; no medical referral made since she feels fine."
    assert "NL352" in codes(text)


def test_welfare_finding_points_at_disclosure_and_names_what_is_missing():
    text = "Check-in went well. Client said she has been thinking about killing herself. Talked about jobs."
    found = [f for f in lint(text) if f.rule == "NL350"]
    assert found
    assert text[found[0].start:found[0].end] in "thinking about killing herself"
    assert "Not documented in this note" in found[0].message and "safety plan" in found[0].message


@pytest.mark.parametrize(
    ("text", "policy", "code", "expected"),
    [
        ("Accepted a $20 gift card from client.", (), "NL302", True),
        ("Accepted a $20 gift card from client.", (("gift_max_value", 25),), "NL302", False),
        ("Gave pt a ride home in my car.", (), "NL311", True),
        ("Gave pt a ride home in my car.", (("personal_vehicle_transport", True),), "NL311", False),
        ("Client hugged me after graduation.", (), "NL309", True),
        ("Client hugged me after graduation.", (("hugs_allowed", True),), "NL309", False),
        ("Texted with client at 10:30pm about her court date.", (), "NL305", True),
        ("Texted with client at 10:30pm about her court date.", (("after_hours_start", "23:00"),), "NL305", False),
    ],
)
def test_policy_settings_override_defaults(text, policy, code, expected):
    assert (code in codes(text, Settings(policy=policy))) is expected


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("at 11pm", 23 * 60), ("9:45 p.m.", 21 * 60 + 45), ("1:30p", 13 * 60 + 30), ("midnight", 0), ("23:15", 23 * 60 + 15)],
)
def test_clock_times(text, minutes):
    assert [minutes_of(m) for m in CLOCK.finditer(text)] == [minutes]


@pytest.mark.parametrize(
    ("minute", "expected"),
    [(22 * 60, True), (3 * 60, True), (7 * 60, False), (14 * 60, False)],
)
def test_after_hours_window_wraps_midnight(minute, expected):
    assert in_window(minute, 21 * 60, 7 * 60) is expected
