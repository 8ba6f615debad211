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
        # The client's own dosing question, redirected to the prescriber.
        ("He asked if he could take an extra strip when the cravings spike; told him that's his prescriber's call "
         "and we left a message on the nurse line.", "NL340"),
        # A phone line, not a line of cocaine.
        ("We called the clinic's nurse line together and she left the message herself.", "NL314"),
    ],
)
def test_near_misses_pass(text, code):
    assert code not in codes(text)


# Round 2: the same signals in the many ways specialists write them (telegraphic, first person, "writer",
# section labels, lower-case shorthand), each with its near-misses below.
@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Moralizing about parenting and choices.
        ("Told her a good mother would put her kids before getting high.", "NL380"),
        ("writer told pt a responsible father would pay his child support before buying beer.", "NL380"),
        ("He made his choices and now he has to live with them.", "NL380"),
        ("Let him know he has only himself to blame for the eviction.", "NL380"),
        ("Scolded pt for spending the rent money at the casino.", "NL380"),
        ("He keeps choosing his friends over his family.", "NL380"),
        ("Reminded pt that if she really loved her son she would stay clean.", "NL380"),
        # Dismissing a religious, spiritual or cultural practice.
        ("Told client her faith is a crutch and she needs to rely on the program instead.", "NL371"),
        ("I told him to put the prayer stuff aside and focus on working the steps.", "NL371"),
        ("P: Encouraged client to drop the curandero and stick with real treatment.", "NL371"),
        ("Told her that her prayer group is holding her back.", "NL371"),
        ("Told her to quit speaking Spanish in group.", "NL371"),
        # Backdating or misdating the note.
        ("Wrote this note on Friday but dated it Monday so it would be on time.", "NL360"),
        ("Put yesterday's date on this note so the audit doesn't flag it.", "NL360"),
        ("I entered the note with Tuesday's date though I wrote it on Friday.", "NL360"),
        ("Writing this several days late and using the session date so it shows as timely.", "NL360"),
        ("Pre-wrote the group note before group started and signed it.", "NL360"),
        # Acting for the client without asking.
        ("Reached out to his boss to explain the missed shifts; didn't check with him first.", "NL330"),
        ("I called his sister to confront her about the money; pt did not know I was calling.", "NL330"),
        ("Went ahead and called the landlord myself even though she asked me not to.", "NL330"),
        ("Signed pt up for the parenting class; will tell her about it later.", "NL330"),
        ("Contacted her ex-husband about the custody schedule without her knowing.", "NL330"),
        # Other signals in new wording.
        ("Spotted him a twenty until payday.", "NL301"),
        ("Paid her electric bill out of my own pocket.", "NL301"),
        ("client owes me $40 from last month.", "NL317"),
        ("We text each other most nights.", "NL304"),
        ("Friended client on Facebook.", "NL306"),
        ("He is my next-door neighbor.", "NL313"),
        ("Went for a beer with client after court.", "NL314"),
        ("I told client I love her too.", "NL307"),
        ("Hugged client at the end of the visit.", "NL309"),
        ("I'm the only one she can trust.", "NL316"),
        ("Shared client's diagnosis with her pastor.", "NL320"),
        ("Took photos of pt at the picnic and posted them on the agency page.", "NL331"),
        ("Told client she can come off her antidepressants now.", "NL340"),
        ("Told him to take an extra Klonopin to sleep.", "NL340"),
        ("Sounds like she has borderline personality disorder.", "NL341"),
        ("Told pt he has to go to AA or I will stop seeing him.", "NL356"),
        ("Promised him he would get his kids back if he finishes the program.", "NL356"),
        ("Told client Suboxone is just swapping one addiction for another.", "NL357"),
        ("Informed pt I would not see him anymore unless he stays sober.", "NL358"),
        ("Copied last week's note.", "NL362"),
        ("Client, legal name Mark, now goes by Maya.", "NL373"),
    ],
)
def test_flags_in_other_wordings(text, code):
    assert code in codes(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The client's or a relative's own words and feelings are not the writer's judgment.
        ("Client said a good mother is what she wants to be for her son; we listed steps toward reunification.", "NL380"),
        ("Pt's grandmother says pt made his bed; pt disagrees.", "NL380"),
        ("Client described feeling selfish for leaving her kids with her sister during detox.", "NL380"),
        ("Client made her choice and enrolled in the evening IOP.", "NL380"),
        # A practice the client values, or someone else's dismissal of it.
        ("Client's sponsor told her to drop the prayer stuff; she felt hurt and we talked about her own beliefs.", "NL371"),
        ("Client said her church is a crutch she is proud to lean on.", "NL371"),
        ("Client skipped church on Sunday to get to the early meeting.", "NL371"),
        # Labelled late entries and ordinary dates.
        ("Late entry for the 4/2 group, documented 4/4 due to illness.", "NL360"),
        ("Changed the date of our next session to Friday at client's request.", "NL360"),
        ("Client dated her ex for two years and says the breakup still hurts.", "NL360"),
        # The client acts, or agreed first.
        ("Client called his landlord without asking me first.", "NL330"),
        ("With pt's permission, called his boss to confirm his return-to-work date.", "NL330"),
        ("Client didn't know the bus route, so we looked it up together.", "NL330"),
        # Debts, contact and relationships that are not the writer's.
        ("Client paid back the $30 he owed his cousin.", "NL317"),
        ("Client's boyfriend texts her at night and she finds it stressful.", "NL304"),
        ("Client had a drink with his brother after the game and called me the next morning.", "NL314"),
        ("Client asked me to date her journal pages.", "NL307"),
        ("Client said he wants to kill his fantasy football league this year, laughing.", "NL353"),
        # Advice from the prescriber, or an ultimatum from someone else.
        ("Client said her doctor told her she can come off the Lexapro in June.", "NL340"),
        ("Client says her boyfriend told her to quit or he will stop paying rent.", "NL356"),
    ],
)
def test_near_misses_in_other_wordings_pass(text, code):
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
