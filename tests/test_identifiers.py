"""Identifier detection as a user sees it: which words in a note are flagged, with which label."""

from __future__ import annotations

import pytest

from notelint import Settings, lint
from notelint.catalogue import load_catalogue

LABELS = {r.code: r.label for r in load_catalogue()}


def flagged(text: str, settings: Settings | None = None) -> dict[str, str]:
    """Identifier findings of `text` as {matched text: label}."""
    return {f.text: LABELS[f.rule] for f in lint(text, settings) if f.is_identifier}


@pytest.mark.parametrize(
    ("text", "expected", "label"),
    [
        # Names: full, first-only after a cue, "Last, First", initials, first + initial, common-word names in context.
        ("Session w/ Wendell Marsh at the office.", "Wendell Marsh", "NAME"),
        ("Ostrowski, Delia - contact log", "Ostrowski, Delia", "NAME"),
        ("Client Hope arrived early and was upbeat.", "Hope", "NAME"),
        ("His sponsor Will picked him up after group.", "Will", "NAME"),
        ("Grace said the new job is going well.", "Grace", "NAME"),
        ("Met with T.J. about the housing list.", "T.J.", "NAME"),
        ("Pt's neighbor, Mrs. Okonkwo, drove her to the clinic.", "Okonkwo", "NAME"),
        ("Name: lorna quist", "lorna quist", "NAME"),
        ("Name:    Ilse Varga", "Ilse Varga", "NAME"),
        # Names no list knows, told by what they do: subject, object of a person verb, owner, apposition, addressee.
        ("Ysolde lives with her aunt since the eviction.", "Ysolde", "NAME"),
        ("Marit yelled at Quenby after group.", "Quenby", "NAME"),
        ("Pt brought her son Oakes to the session.", "Oakes", "NAME"),
        ("Tavi's mom called the front desk twice.", "Tavi", "NAME"),
        ("Visited Ebbe at the apartment.", "Ebbe", "NAME"),
        ("Bexley, can you call me back before noon?", "Bexley", "NAME"),
        ('Oskar: "see you at 5 by the bus stop"', "Oskar", "NAME"),
        # Lower case after a role word or a name cue; common-word names after a giving verb.
        ("His sister tove came to the meeting with him.", "tove", "NAME"),
        ("Her name is ottilie and she is new.", "ottilie", "NAME"),
        ("She goes by Otti at work.", "Otti", "NAME"),
        ("Lent Grace $10 for lunch.", "Grace", "NAME"),
        # A name alone on a log or address line, after a date or a quote mark.
        ("4/2/24 Tamsin Ocampo\nGood session, pt upbeat.", "Tamsin Ocampo", "NAME"),
        ("> Ilse Varga\n> 12 Vale Forks", "Ilse Varga", "NAME"),
        ("TEXT LOG (agency phone) - Ottoline Baird 555-201-4471", "Ottoline Baird", "NAME"),
        # A name the note already used is flagged everywhere, first name alone included.
        ("Client: Brody Kessler\nBrody said the week went better.", "Brody", "NAME"),
        # Dates in numeric and written forms, bare months with a cue, days of the month.
        ("Next visit 11/18, same time.", "11/18", "DATE"),
        ("Intake was 2024-02-09 at the front desk.", "2024-02-09", "DATE"),
        ("Pt relapsed in early September after the move.", "September", "DATE"),
        ("Rent is due on the 3rd and pt is short.", "3rd", "DATE"),
        ("Court hearing moved to Dec. 4, 2024.", "Dec. 4, 2024", "DATE"),
        # Numbers with shapes and cues.
        ("Left a voicemail at 555 241 8890.", "555 241 8890", "PHONE"),
        ("Fax records to (555) 300-1200 ext 14.", "(555) 300-1200 ext 14", "PHONE"),
        ("MRN 4471092 confirmed.", "4471092", "ID"),
        ("Plate number is QTR-4471 per the police report.", "QTR-4471", "ID"),
        ("Pt wrote SSN 412-55-9087 on the form.", "412-55-9087", "SSN"),
        ("She emails from dk.morrow@example.com now.", "dk.morrow@example.com", "EMAIL"),
        ("Fundraiser link: https://example.org/help-lou", "https://example.org/help-lou", "URL"),
        ("Telehealth from 203.0.113.77 today.", "203.0.113.77", "IP"),
        ("Her grandmother, who is 96, lives with them.", "96", "AGE"),
        # Places and facilities.
        ("Home visit at 88 Juniper Court, Apt 4.", "88 Juniper Court, Apt 4", "ADDRESS"),
        ("Mail now goes to 4410 Harlow Turnpike.", "4410 Harlow Turnpike", "ADDRESS"),
        ("She moved to 12 Quarry Knoll last week.", "12 Quarry Knoll", "ADDRESS"),
        ("ZIP: 45211 on the new form.", "45211", "LOCATION"),
        ("Her zip code is 45219 now.", "45219", "LOCATION"),
        ("Pt moved to her cousin's place in Larkin Falls.", "Larkin Falls", "LOCATION"),
        ("Court date is in Hadley County.", "Hadley County", "LOCATION"),
        ("Pt starts work at Marlow Brothers Roofing on Monday.", "Marlow Brothers Roofing", "ORG"),
        ("Pt doses daily at Eastbrook Treatment Center.", "Eastbrook Treatment Center", "ORG"),
        ("The Thursday meeting at St. Casimir's is in the basement.", "St. Casimir", "ORG"),
    ],
)
def test_identifier_is_flagged(text, expected, label):
    found = flagged(text)
    assert any(expected in got or got in expected for got in found), f"{expected!r} not flagged in {found}"
    match = next(got for got in found if expected in got or got in expected)
    assert found[match] == label


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("Pt says she will keep going and has hope for the job.", "hope"),
        ("Cravings 4/10 today, down from last week.", "4/10"),
        ("Took 1/2 tab as prescribed.", "1/2"),
        ("Pt is 71 and has been sober since 2019.", "71"),
        ("Pt is on Suboxone and attends IOP and NA meetings.", "Suboxone"),
        ("CRS and pt reviewed the WRAP plan with her PO.", "WRAP"),
        ("Pt moved back to Ohio to be near family.", "Ohio"),
        ("Next session Tuesday; see you next week.", "Tuesday"),
        ("Pt attended the Women's Early Recovery Group again.", "Women's"),
        ("CPS closed the case and SSA approved benefits.", "CPS"),
        ("Pt works at a hardware store near home.", "hardware"),
        # Titles of plain lines, things that act, brands used and passive subjects are not names.
        ("Relapse Prevention Group\nTopic: Triggers", "Relapse"),
        ("Smartphone broke again so pt missed the call.", "Smartphone"),
        ("Ozempic was discussed with her doctor.", "Ozempic"),
        ("Pt watched Netflix with her kids.", "Netflix"),
        ("Oh, pt forgot the form again.", "Oh"),
        ("Pt earned his 90 Day Key at the meeting.", "Day Key"),
        ("Pt says her sponsor said the prescribers are helpful.", "prescribers"),
    ],
)
def test_non_identifier_passes(text, not_expected):
    found = flagged(text)
    assert not any(not_expected in got for got in found), f"{not_expected!r} wrongly flagged: {found}"


def test_allow_list_extends_the_clinical_allow_list():
    text = "Pt finished the Brightpath Wellness Center program."
    assert any("Brightpath" in got for got in flagged(text))
    allowed = Settings(allow=("Brightpath Wellness Center",))
    assert not any("Brightpath" in got for got in flagged(text, allowed))


def test_identifiers_stay_flagged_when_negated_or_quoted():
    text = 'Pt did not call 555-241-8890 back. She said "text me at 555-241-8891."'
    found = flagged(text)
    assert {"555-241-8890", "555-241-8891"} <= set(found)
