"""Generate a corpus of fictional peer-recovery case notes for speed and memory benchmarks.

Notes are assembled from this file's own sentence templates and made-up names, numbers and places (no eval
data), in several formats (narrative, DAP, SOAP-style, contact log, group note), with an occasional identifier,
stigmatizing phrase or boundary signal so the detectors have work to do. Deterministic for a given seed.

    python benchmarks/make_corpus.py --notes 5000 --out /tmp/corpus.csv        # or .jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

FIRST = ["Marlo", "Tessaly", "Quin", "Doran", "Alvie", "Brisa", "Corwin", "Delphine", "Ezra", "Fenna", "Gideon",
         "Halle", "Ivo", "Jessamy", "Kellan", "Liora", "Mattias", "Nessa", "Orrin", "Petra", "Ravi", "Solene",
         "Tobin", "Ulla", "Vance", "Wren", "Yusra", "Zeno"]
LAST = ["Ashgrove", "Bellweather", "Cordray", "Dunmore", "Eastlake", "Fairbank", "Grisholm", "Hartwell",
        "Ingleby", "Jastrow", "Kettering", "Lindqvist", "Marchetti", "Northcott", "Okonjo", "Pellham", "Quarles",
        "Ravensworth", "Stroud", "Thackery", "Underhill", "Vasquez-Lowe", "Whitcombe", "Yardley"]
WRITERS = ["A. Okafor", "B. Lindgren", "C. Marsh", "D. Petrakis", "E. Santos", "F. Huang", "G. Whitfield",
           "H. Abara", "I. Novak", "J. Delacroix", "K. Iyer", "L. Brennan"]
PLACES = ["the library on Fenwick Ave", "the Harlow Street drop-in", "a coffee shop near the transit center",
          "the county services building", "the recovery community center", "the park by the river trail"]
TOPICS = ["housing applications", "a job interview next week", "getting back in touch with family",
          "building a daily routine", "meeting attendance", "transportation to appointments", "budgeting",
          "sleep and stress", "a GED class schedule", "volunteering at the food pantry", "sponsor contact",
          "coping with cravings after work", "plans for the holidays", "a court date coming up"]
PLAIN = [
    "Met with client at {place} to talk about {topic}.",
    "Client described progress with {topic} and said the last week felt steadier.",
    "We reviewed the recovery plan together and updated two goals around {topic}.",
    "Client identified one small step to take before our next session.",
    "Discussed what has helped with stress lately; client named walking and calling a friend.",
    "Client shared that the new schedule at work is tiring but manageable.",
    "Peer specialist offered information about local support meetings and left the choice with the client.",
    "Client asked about resources for {topic}; CRS shared the community resource list.",
    "Session focused on strengths: client noted three things that went well this month.",
    "Client reported attending two mutual-help meetings since our last contact.",
    "Explored options for {topic} and client chose to call the program on Monday.",
    "Client expressed frustration about waiting lists and we talked through next steps.",
    "Client reported no use since the last session and feels hopeful about {topic}.",
    "Role-played a phone call about {topic}; client felt more confident afterward.",
    "Plan: follow up by phone in one week and check in about {topic}.",
]
IDENTIFIERS = [
    "Client's sister {first} {last} joined for the first ten minutes.",
    "Client can be reached at 555-01{d2} after 5 pm.",
    "Next appointment set for {month_name} {day}.",
    "Client mentioned living near {street} in the east end.",
    "Emailed the housing form to {first_l}.{last_l}@example.org at client's request.",
    "Client's case number {num} was used on the county form.",
]
STIGMA = [
    "Client has been an addict for most of his adult life.",
    "UA came back dirty for opioids.",
    "Client was non-compliant with the plan this week.",
    "Client claims she has been going to meetings.",
    "He is a known drug seeker at the clinic.",
    "Client relapsed again and seems unmotivated.",
]
BOUNDARY = [
    "Lent client $20 for groceries until payday.",
    "Gave client my personal cell number in case of emergency.",
    "Drove client to the store in my own car after the session.",
    "Client added me on Facebook and I accepted.",
    "Told client to stop taking the prescribed medication because of side effects.",
]
STREETS = ["Larkspur Lane", "Quarry Road", "Beacon Hollow Drive", "Millbrook Court"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _fill(template: str, rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return template.format(
        place=rng.choice(PLACES), topic=rng.choice(TOPICS), first=first, last=last, first_l=first.lower(),
        last_l=last.lower(), d2=f"{rng.randrange(100):02d}", month_name=rng.choice(MONTHS), day=rng.randint(1, 28),
        street=rng.choice(STREETS), num=f"{rng.randrange(10**6, 10**7)}",
    )


def _sentences(rng: random.Random, n: int) -> list[str]:
    out = [_fill(rng.choice(PLAIN), rng) for _ in range(n)]
    for pool, p in ((IDENTIFIERS, 0.45), (STIGMA, 0.2), (BOUNDARY, 0.08)):
        if rng.random() < p:
            out.insert(rng.randrange(len(out) + 1), _fill(rng.choice(pool), rng))
    return out


def note(rng: random.Random, when: date) -> str:
    """One fictional note in a randomly chosen format."""
    kind = rng.choice(["narrative", "dap", "soap", "contact", "group"])
    client = f"{rng.choice(FIRST)} {rng.choice(LAST)[0]}."
    if kind == "narrative":
        return " ".join(_sentences(rng, rng.randint(3, 7)))
    if kind == "dap":
        s = _sentences(rng, rng.randint(4, 7))
        return f"Client: {client}\nD: {' '.join(s[:2])}\nA: {' '.join(s[2:-1])}\nP: {s[-1]}"
    if kind == "soap":
        s = _sentences(rng, rng.randint(4, 6))
        return (f"S: {s[0]}\nO: Client arrived on time and engaged well.\nA: {' '.join(s[1:-1])}\n"
                f"P: {s[-1]}")
    if kind == "contact":
        s = _sentences(rng, rng.randint(1, 3))
        return f"{when:%m/%d/%Y} phone contact, {rng.randint(5, 40)} min. " + " ".join(s)
    s = _sentences(rng, rng.randint(3, 5))
    return f"Group session: {rng.choice(TOPICS)}. {rng.randint(4, 11)} attendees.\n" + "\n".join(f"- {x}" for x in s)


def rows(count: int, seed: int = 7):
    """Yield `(note_id, writer, service_date, text)` for `count` notes over one year."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    for i in range(count):
        when = start + timedelta(days=rng.randrange(366))
        yield f"N{i + 1:06d}", rng.choice(WRITERS), when.isoformat(), note(rng, when)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--out", type=Path, required=True, help=".csv or .jsonl")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    header = ("note_id", "staff", "service_date", "note_text")
    with open(args.out, "w", encoding="utf-8", newline="") as out:
        if args.out.suffix == ".jsonl":
            for values in rows(args.notes, args.seed):
                out.write(json.dumps(dict(zip(header, values))) + "\n")
        else:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows(args.notes, args.seed))
    print(f"wrote {args.notes} notes to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
