"""Compiler-style terminal output: `path:line:col: NL201 [non-judgment] message`, colour on a TTY only."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from . import Report

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(report: Report, console: Console, show_identifiers: bool = False) -> None:
    for result in report.files:
        for f in result.findings:
            shown = f.shown_text(show_identifiers).replace("\n", " ")
            console.print(
                f"[bold]{escape(result.path)}:{f.line}:{f.column}:[/] [{STYLE[f.severity]}]{f.rule}[/] "
                f"[dim]\\[{f.principle}][/] {escape(f.message)} [dim]({f.severity}: \"{escape(shown)}\")[/]",
                highlight=False,
                soft_wrap=True,
            )
            if f.suggestions:
                console.print(f"    [green]suggestion:[/] {escape('; '.join(f.suggestions))}", highlight=False, soft_wrap=True)
    s = report.summary()
    sev = s["by_severity"]
    parts = [f"{sev.get(k, 0)} {k}" for k in ("error", "warning", "info") if sev.get(k)]
    detail = f" ({', '.join(parts)})" if parts else ""
    errors = f", {s['errors']} input error(s)" if s["errors"] else ""
    console.print(
        f"{s['findings']} finding(s){detail} in {s['files_with_findings']} of {s['files']} note(s){errors}.",
        highlight=False,
    )
