"""`--format github`: GitHub Actions workflow commands, shown as annotations on the changed lines.

    ::warning file=notes/visit.md,line=3,col=15,endLine=3,endColumn=21,title=NL201 person-label-addict::...

The matched text is never part of an annotation (annotations are public on the pull request).
"""

from __future__ import annotations

from . import Report

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    """Escape a command's message: GitHub reads %, CR and LF specially."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    """Escape a property value: also `:` and `,`, which separate properties."""
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    """One workflow command per finding, and one `::error` per input problem."""
    lines = []
    for result in report.files:
        path = _property(result.path)
        for f in result.findings:
            where = f"file={path},line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column}"
            title = _property(f"{f.rule} {f.name}")
            advice = f" Use instead: {'; '.join(f.suggestions)}." if f.suggestions else ""
            message = _data(f"{f.message} [{f.principle}]{advice}")
            lines.append(f"::{LEVEL[f.severity]} {where},title={title}::{message}")
    for problem in report.problems:
        lines.append(f"::error file={_property(problem.path)},title=notelint::{_data(problem.message)}")
    return "\n".join(lines)
