"""Inline suppressions in Markdown notes, each with the reason that makes it audit evidence.

    <!-- notelint-disable NL201 reason="verbatim quote from the 2019 training script" -->
    ...everything here, until...
    <!-- notelint-enable -->

    <!-- notelint-ignore NL202 reason="reproduces the old intake form" -->
    Only the next paragraph (up to the next blank line).

A directive names rules by code, code prefix, rule name or principle. Without a reason it suppresses nothing
and is itself a finding (NL902); one that names no known rule is NL903; one that hides nothing is NL901.
Plain-text notes need none of this: configuration and the command line cover them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable

from .catalogue import Catalogue
from .findings import Finding, LineIndex
from .principles import principle_slugs

# HTML comments have no token structure worth matching, so a regex reads them.
DIRECTIVE = re.compile(r"<!--\s*notelint-(?P<verb>[A-Za-z]+(?:-[A-Za-z]+)*)(?P<args>.*?)-->", re.DOTALL)
REASON = re.compile(r"""\breason\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|“(?P<cq>[^”]*)”)""")
VERBS = ("disable", "enable", "ignore")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
TOOL_CATEGORY = "tool"
UNUSED, NO_REASON, INVALID = "NL901", "NL902", "NL903"


@dataclass(frozen=True)
class Directive:
    """One `<!-- notelint-... -->` comment and the text it covers."""

    verb: str
    selectors: tuple[str, ...]
    reason: str | None
    start: int
    end: int
    scope_start: int = 0
    scope_end: int = 0
    problem: tuple[str, str] | None = None  # (code, message) when the directive itself is a finding

    @property
    def suppresses(self) -> bool:
        return self.verb in ("disable", "ignore") and self.problem is None

    def covers(self, finding: Finding) -> bool:
        return self.scope_start <= finding.start < self.scope_end and any(matches(s, finding) for s in self.selectors)


def matches(selector: str, finding: Finding) -> bool:
    """A selector names a rule by code or code prefix, kebab-case name, or principle slug."""
    return (
        finding.rule.startswith(selector.upper())
        or finding.name == selector.lower()
        or finding.principle == selector.lower()
    )


def _known(selector: str, catalogue: Catalogue) -> bool:
    upper, lower = selector.upper(), selector.lower()
    return lower in principle_slugs() or any(r.code.startswith(upper) or r.name == lower for r in catalogue)


def _parse_one(match: re.Match, catalogue: Catalogue) -> Directive:
    verb = match["verb"].lower()
    args = match["args"]
    reason_match = REASON.search(args)
    reason = None
    if reason_match:
        reason = next(g for g in reason_match.groups() if g is not None).strip()
        args = args[: reason_match.start()] + args[reason_match.end():]
    selectors = tuple(s for s in re.split(r"[\s,]+", args) if s)
    directive = Directive(verb, selectors, reason, match.start(), match.end())
    problem = None
    if verb not in VERBS:
        problem = (INVALID, f"notelint-{verb} is not a directive; use notelint-disable, notelint-enable or notelint-ignore.")
    elif verb != "enable" and not selectors:
        problem = (INVALID, f"notelint-{verb} must name the rules it suppresses (a code such as NL201, a prefix or a principle).")
    elif unknown := [s for s in selectors if not _known(s, catalogue)]:
        problem = (INVALID, f"notelint-{verb} names no known rule: {', '.join(unknown)}; `notelint rules` lists them.")
    elif verb != "enable" and not reason:
        problem = (NO_REASON, f'notelint-{verb} needs a reason="..." saying why; it suppresses nothing until it has one.')
    return replace(directive, problem=problem)


def _paragraph_after(text: str, offset: int) -> tuple[int, int]:
    start = offset
    while start < len(text) and text[start].isspace():
        start += 1
    found = PARAGRAPH_BREAK.search(text, start)
    return start, found.start() if found else len(text)


def parse(text: str, catalogue: Catalogue) -> list[Directive]:
    """Every directive in `text`, with the span of text each one covers."""
    directives = [_parse_one(m, catalogue) for m in DIRECTIVE.finditer(text)]
    out = []
    for i, d in enumerate(directives):
        if d.verb == "ignore":
            d = replace(d, scope_start=_paragraph_after(text, d.end)[0], scope_end=_paragraph_after(text, d.end)[1])
        elif d.verb == "disable":
            wanted = {s.lower() for s in d.selectors}
            closing = next(
                (e for e in directives[i + 1:]
                 if e.verb == "enable" and (not e.selectors or wanted & {s.lower() for s in e.selectors})),
                None,
            )
            d = replace(d, scope_start=d.end, scope_end=closing.start if closing else len(text))
        out.append(d)
    return out


def _tool_finding(rule, directive: Directive, text: str, lines: LineIndex, message: str) -> Finding:
    line, column = lines.position(directive.start)
    end_line, end_column = lines.position(directive.end)
    return Finding(
        rule=rule.code, name=rule.name, category=rule.category, principle=rule.principle,
        severity=rule.severity, message=message, suggestions=rule.suggestions,
        line=line, column=column, end_line=end_line, end_column=end_column,
        start=directive.start, end=directive.end, text=text[directive.start:directive.end],
    )


def problems(text: str, catalogue: Catalogue) -> list[tuple[Directive, str, str]]:
    """(directive, code, message) for every directive that is malformed or lacks a reason."""
    return [(d, *d.problem) for d in parse(text, catalogue) if d.problem]


def apply(text: str, found: Iterable[Finding], catalogue: Catalogue) -> list[Finding]:
    """Drop findings a valid directive covers, and report each directive selector that covered nothing (NL901).

    Findings inside a directive's own comment (its reason may quote a flagged word) are dropped too.
    """
    found = list(found)
    directives = parse(text, catalogue)
    if not directives:
        return found
    used: set[tuple[int, str]] = set()
    kept = []
    for f in found:
        if f.category == TOOL_CATEGORY:
            kept.append(f)
            continue
        if any(d.start <= f.start < d.end for d in directives):
            continue
        covering = [(d, s) for d in directives if d.suppresses and d.covers(f) for s in d.selectors if matches(s, f)]
        if covering:
            used.update((d.start, s) for d, s in covering)
            continue
        kept.append(f)
    rules = catalogue.by_code()
    if UNUSED in rules:
        lines = LineIndex(text)
        for d in directives:
            for s in d.selectors if d.suppresses else ():
                if (d.start, s) not in used:
                    message = f"notelint-{d.verb} {s} suppresses nothing here; remove it so the suppressions stay true."
                    kept.append(_tool_finding(rules[UNUSED], d, text, lines, message))
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))
