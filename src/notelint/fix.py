"""`notelint fix`: apply the rewrites a rule declares safe, and say what is left for a human.

Only language findings are rewritten, and only through their rule's `fix:` map (a whole match, or single words
inside it), fitted to the sentence by `suggestions.fit`. Quoted words, findings inside an identifier or ethics
finding, and matches that would need rewording (a possessive, a modifier) are left for a human. Nothing is
written unless asked, and then atomically.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span

from . import atomic
from .catalogue import Rule, load_catalogue, severity_rank
from .config import Settings
from .findings import Finding
from .lint import findings_for
from .pipeline import get_nlp
from .components.language import with_article
from .suggestions import fit, starts_with_article

LANGUAGE = "language"


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` with `replacement`."""

    start: int
    end: int
    replacement: str
    rule: str


@dataclass(frozen=True)
class Left:
    """A finding fix does not rewrite, and why."""

    finding: Finding
    reason: str


@dataclass(frozen=True)
class FixPlan:
    """What `fix` would do to one note."""

    text: str
    edits: tuple[Edit, ...] = ()
    left: tuple[Left, ...] = ()
    untouched: tuple[Finding, ...] = field(default=())  # identifier and ethics findings: never rewritten

    @property
    def fixed(self) -> str:
        return apply_edits(self.text, self.edits)

    @property
    def changed(self) -> bool:
        return bool(self.edits)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits, back to front so earlier offsets stay valid."""
    out = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[:edit.start] + edit.replacement + out[edit.end:]
    return out


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _needs_rewording(body: Span) -> bool:
    """A noun replacement cannot go before a possessive ("the addict's") or in front of a noun it modifies."""
    doc = body.doc
    if body.end < len(doc) and doc[body.end].lower_ in ("'s", "’s", "'"):
        return True
    last = body[-1]
    return last.dep_ in ("amod", "compound", "nmod") and last.head.i >= body.end and last.head.pos_ in ("NOUN", "PROPN")


def edits_for(span: Span, rule: Rule) -> list[Edit] | str:
    """The edits that fix `span` by `rule.fix`, or the reason they cannot be made safely."""
    if any(tok._.nl_quote for tok in span):
        return "quoted words are left as written"
    body = span[1:] if starts_with_article(span) else span
    lemmas = " ".join(t.lemma_.lower() for t in body)
    for key in (_key(body.text), _key(lemmas)):
        if key in rule.fix:
            if _needs_rewording(body):
                return "needs rewording around the phrase"
            return [Edit(span.start_char, span.end_char, fit(rule.fix[key], span), rule.code)]
    words = [t for t in body if t.lower_ in rule.fix]
    if words:
        return [Edit(t.idx, t.idx + len(t.text), fit(rule.fix[t.lower_], body[t.i - body.start:t.i - body.start + 1]),
                     rule.code) for t in words]
    return "no safe rewrite for this wording"


def plan_doc(doc: Doc, found: list[Finding], rules: dict[str, Rule]) -> FixPlan:
    """Plan the fixes for one processed note."""
    protected = [f for f in found if f.category != LANGUAGE]
    edits: list[Edit] = []
    left: list[Left] = []
    for finding in (f for f in found if f.category == LANGUAGE):
        rule = rules.get(finding.rule)
        demoted = finding.severity == "info" and rule is not None and rule.severity != "info"
        if rule is None or demoted:
            continue
        if not rule.fixable:
            if severity_rank(finding.severity) > 0:
                left.append(Left(finding, "no safe rewrite: rule needs a human"))
            continue
        if any(p.start < finding.end and finding.start < p.end for p in protected):
            left.append(Left(finding, "inside an identifier or ethics finding"))
            continue
        span = doc.char_span(finding.start, finding.end, alignment_mode="expand")
        # The edit takes in a preceding "a" / "an" so the replacement can bring its own article.
        result = edits_for(with_article(span), rule) if span is not None else "span does not align with tokens"
        if isinstance(result, str):
            left.append(Left(finding, result))
            continue
        if any(e.start < n.end and n.start < e.end for e in result for n in edits):
            left.append(Left(finding, "overlaps another fix"))
            continue
        edits.extend(e for e in result if doc.text[e.start:e.end] != e.replacement)
    return FixPlan(doc.text, tuple(sorted(edits, key=lambda e: e.start)), tuple(left), tuple(protected))


def plan_many(texts: Iterable[str], settings: Settings | None = None) -> Iterator[FixPlan]:
    """Plan fixes for many notes through one `nlp.pipe`."""
    settings = settings or Settings()
    rules = load_catalogue(settings.extra_patterns).by_code()
    nlp = get_nlp(settings)
    for doc in nlp.pipe(texts):
        yield plan_doc(doc, findings_for(doc, settings), rules)


def plan(text: str, settings: Settings | None = None) -> FixPlan:
    """Plan fixes for one note."""
    return next(plan_many([text], settings))


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one note, as `git apply` reads it."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path.lstrip('/')}", tofile=f"b/{path.lstrip('/')}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def write_atomic(path: Path | str, text: str) -> None:
    """Write a fixed note atomically, keeping its byte-order mark and file mode."""
    atomic.write_text(path, text)


def describe_left(path: str, left: Left) -> str:
    """One line for a finding left for a human (language findings only, so no identifier text)."""
    f = left.finding
    return f"{path}:{f.line}:{f.column}: {f.rule} {f.name} {f.text!r}: {left.reason}"


def run(paths: Iterable[str], given: dict, config_file: str | None, *, show_diff: bool, write: bool, out, err) -> int:
    """The `notelint fix` command: 0 nothing to do, 1 rewrites pending or findings left, 2 errors."""
    from . import configfile
    from .config import fails
    from .inputs import STDIN, InputProblem, read_notes

    if write and STDIN in paths:
        err.print("notelint: error: <stdin>: --write needs files; use --diff to see the rewrites")
        return 2
    configfile.resolve(None, given, config_file)
    failed = pending = False
    notes = []
    for item in read_notes(paths):
        if isinstance(item, InputProblem):
            err.print(f"notelint: error: {item}")
            failed = True
        else:
            notes.append(item)
    per_note = [configfile.resolve(n.path, given, config_file).settings for n in notes]
    plans: dict[int, FixPlan] = {}
    for settings in dict.fromkeys(per_note):
        indices = [i for i, s in enumerate(per_note) if s == settings]
        for i, note_plan in zip(indices, plan_many((notes[i].text for i in indices), settings)):
            plans[i] = note_plan
    report = err if show_diff else out
    for i, note in enumerate(notes):
        note_plan, settings = plans[i], per_note[i]
        if show_diff and note_plan.changed:
            out.print(unified_diff(note.path, note_plan.text, note_plan.fixed), end="", markup=False, highlight=False)
        verb = "would rewrite"
        if write and note_plan.changed:
            try:
                write_atomic(note.path, note_plan.fixed)
                verb = "rewrote"
            except OSError as exc:
                err.print(f"notelint: error: {note.path}: cannot write: {exc.strerror or exc}")
                failed = True
        elif note_plan.changed:
            pending = True
        if note_plan.changed:
            report.print(f"{note.path}: {verb} {len(note_plan.edits)} phrase(s)", markup=False, highlight=False)
        for left in note_plan.left:
            report.print(describe_left(note.path, left), markup=False, highlight=False)
        if note_plan.untouched:
            report.print(f"{note.path}: {len(note_plan.untouched)} identifier or ethics finding(s) left as they are;"
                         " see `notelint check`", markup=False, highlight=False)
        if fails(settings, [left.finding for left in note_plan.left]):
            pending = True
    if failed:
        return 2
    return 1 if pending else 0
