"""Language rules in context, scare quotes and suggestions that fit the sentence (all sentences invented)."""

from __future__ import annotations

import pytest

from notelint import lint
from notelint.catalogue import load_catalogue
from notelint.config import Settings, fails
from notelint.suggestions import article, inflect, pluralize


def language(text: str, floor: str = "warning") -> dict[str, str]:
    """Language findings at or above `floor`: rule code -> matched text."""
    rank = {"info": 0, "warning": 1, "error": 2}
    return {f.rule: f.text for f in lint(text) if f.category == "language" and rank[f.severity] >= rank[floor]}


@pytest.mark.parametrize(
    ("text", "code", "flagged"),
    [
        # who is described: the client, not a landlord, a program or a document
        ("Pt refused to sign the release.", "NL224", True),
        ("The pharmacy refused to fill the script early.", "NL224", False),
        ("Pt claims the bottle belongs to her roommate.", "NL232", True),
        ("Test claims were submitted to insurance today.", "NL232", False),
        ("Her sister insisted on driving her to the clinic.", "NL233", False),
        # negation and hypotheticals
        ("Pt was not combative at any point.", "NL228", False),
        ("No drug-seeking behavior observed at the pharmacy.", "NL219", False),
        ("If he refuses the bed, call the shelter back.", "NL224", False),
        ("Pt was combative with the security guard.", "NL228", True),
        # word sense
        ("Brought her clean towels from the donation closet.", "NL212", False),
        ("He does his dirty laundry at the shelter on Fridays.", "NL213", False),
        ("Gave her the number for the child abuse hotline.", "NL217", False),
        ("Pt has been clean since the spring.", "NL212", True),
        ("Came back dirty for cocaine on the last screen.", "NL202", True),
        # proper names, instruments and diagnoses
        ("Pt went to Narcotics Anonymous twice this week.", "NL201", False),
        ("Finished the Drug Abuse Screening Test together.", "NL217", False),
        ("Pt has an alcohol use disorder and wants to cut down.", "NL205", False),
        ("Pt goes to Alcoholics Anonymous on Sundays.", "NL205", False),
        # accepted term of art
        ("We updated her relapse prevention plan.", "NL215", False),
        # quotation by attribution
        ('Pt said, "I am a junkie and I know it."', "NL204", False),
        ('Her mother keeps telling her she is "a lush like your dad."', "NL206", False),
        ("Pt is a junkie and knows it.", "NL204", True),
        ('Pt had a "migraine" and left group early.', "NL235", True),
        ('Pt said she had a "migraine" and left early.', "NL235", False),
        # labels of anyone are the writer's language
        ("Her brother is a crackhead, per the family.", "NL204", True),
    ],
)
def test_context_decides(text, code, flagged):
    assert (code in language(text)) is flagged, lint(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pt used heroin and cocaine last week; tox positive for fentanyl.",
        "Discussed suicide risk; pt denies SI and has 988 saved.",
        "Collected a urine sample for the lab.",
        "Pt's father died by suicide when she was twelve.",
        "Pt talked about his sex life with his partner.",
    ],
)
def test_clinical_vocabulary_is_never_flagged(text):
    assert language(text, floor="info") == {}


@pytest.mark.parametrize(
    ("text", "code", "first_suggestion"),
    [
        ("Pt is an addict.", "NL201", "person with a substance use disorder"),
        ("Addicts lined up at the door.", "NL201", "People with a substance use disorder"),
        ("Her neighbours are junkies.", "NL204", "people who use drugs"),
        ("He is an alcoholic.", "NL205", "person with an alcohol use disorder"),
        ("He refused group.", "NL224", "declined"),
        ("She refuses the referral.", "NL224", "declines"),
        ("Pt claims he was at work.", "NL232", "reports"),
    ],
)
def test_suggestions_agree_with_the_sentence(text, code, first_suggestion):
    found = next(f for f in lint(text) if f.rule == code)
    assert found.suggestions[0] == first_suggestion


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("person", "a"), ("opioid use disorder", "an"), ("user", "a"), ("hour", "an"), ("MOUD", "an"), ("NAS baby", "an"),
     ("baby", "a")],
)
def test_article(phrase, expected):
    assert article(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("person with a substance use disorder", "people with a substance use disorder"),
        ("person who uses drugs", "people who use drugs"),
        ("person who injects drugs", "people who inject drugs"),
        ("baby with neonatal opioid withdrawal syndrome", "babies with neonatal opioid withdrawal syndrome"),
    ],
)
def test_pluralize(phrase, expected):
    assert pluralize(phrase) == expected


@pytest.mark.parametrize(
    ("verb", "tag", "expected"),
    [("decline", "VBD", "declined"), ("decline", "VBZ", "declines"), ("decline", "VBG", "declining"),
     ("choose", "VBD", "chose"), ("report", "VBZ", "reports"), ("die", "VBG", "dying"), ("decline", "VB", "decline")],
)
def test_inflect(verb, tag, expected):
    assert inflect(verb, tag) == expected


def test_info_tier_findings_never_fail_a_default_run():
    found = [f for f in lint("He went to rehab and is on MAT; his relapse was in May.") if f.category == "language"]
    assert {f.rule for f in found} >= {"NL240", "NL241", "NL215"}
    assert not fails(Settings(), found)


@pytest.mark.parametrize("code", [r.code for r in load_catalogue().active if r.category == "language"])
def test_language_rules_cite_and_suggest(code):
    rule = load_catalogue().get(code)
    assert rule.source and rule.suggestions, code
    assert rule.severity in ("info", "warning", "error")
