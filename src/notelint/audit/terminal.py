"""What `notelint audit` shows on the terminal: a progress bar on a TTY, one line per bad row, a closing line."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

from ..catalogue import severity_rank
from ..config import Settings
from . import AuditResult, Columns, run_audit
from .sources import RowProblem

SHOWN_PROBLEMS = 50  # past this, bad rows are counted, not listed (they are all in summary.json up to its cap)


class RateColumn(ProgressColumn):
    """Notes per second, from rich's own moving estimate."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:,.0f} notes/s" if task.speed else "… notes/s", style="cyan")


class Bar:
    """A rich progress bar started lazily, on the first finished note: after the worker processes exist, so
    they are never forked while the bar's refresh thread holds a lock."""

    def __init__(self, console: Console):
        self.console = console
        self.total: int | None = None
        self.progress: Progress | None = None
        self.task = None

    def start(self, total: int) -> None:
        self.total = total or None

    def advance(self, n: int) -> None:
        if self.progress is None:
            self.progress = Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                                     TextColumn("ETA"), TimeRemainingColumn(), console=self.console, transient=True,
                                     speed_estimate_period=20)
            self.progress.start()
            self.task = self.progress.add_task("audit", total=self.total)
        self.progress.advance(self.task, n)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def audit(inputs, output_dir, settings: Settings, *, columns: Columns, jobs: int | None, fail_on: str,
          console: Console) -> int:
    """Run the audit with terminal feedback and return the exit code (0 done, 1 findings at `fail_on`, 130 stopped)."""
    shown = 0

    def problem(item: RowProblem) -> None:
        nonlocal shown
        shown += 1
        if shown <= SHOWN_PROBLEMS:
            console.print(f"notelint: skipped: {escape(str(item))}", highlight=False, soft_wrap=True)

    bar = Bar(console) if console.is_terminal else None
    try:
        result: AuditResult = run_audit(inputs, output_dir, settings, columns=columns, jobs=jobs,
                                        on_problem=problem, progress=bar)
    finally:
        if bar is not None:
            bar.stop()
    s = result.summary
    if s["problems"] > SHOWN_PROBLEMS:
        console.print(f"notelint: skipped {s['problems'] - SHOWN_PROBLEMS} more bad row(s); see summary.json",
                      highlight=False)
    sev = s["by_severity"]
    state = "stopped early: " if result.interrupted else ""
    console.print(
        f"{state}{s['notes']} note(s) audited in {s['elapsed_seconds']:.1f} s ({s['notes_per_second'] or 0:.0f}/s, "
        f"{s['jobs']} job(s)): {s['findings']} finding(s) ({sev['error']} error, {sev['warning']} warning, "
        f"{sev['info']} info) in {s['notes_with_findings']} note(s); {s['problems']} row(s) skipped. "
        f"Reports in {escape(str(output_dir))}/",
        highlight=False, soft_wrap=True,
    )
    if result.interrupted:
        return 130
    if fail_on != "never" and any(sev.get(k, 0) for k in sev if severity_rank(k) >= severity_rank(fail_on)):
        return 1
    return 0
