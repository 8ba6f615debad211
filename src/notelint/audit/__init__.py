"""Batch audits: an agency's export of notes in, findings and a report a quality lead can act on out.

`run_audit` ties the parts together: `sources` streams records, `runner` lints them in worker processes,
`summary` keeps the totals and `outputs` writes the folder of reports.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ..config import Settings
from . import runner, sources
from .outputs import OutputDir
from .sources import Columns, RowProblem
from .summary import Summary

__all__ = ["AuditResult", "Columns", "run_audit"]


@dataclass(frozen=True)
class AuditResult:
    summary: dict
    files: list[Path]
    interrupted: bool


def run_audit(
    inputs: Sequence[str],
    output_dir: str | Path,
    settings: Settings,
    *,
    columns: Columns = Columns(),
    jobs: int | None = None,
    chunk: int = runner.CHUNK,
    on_problem: Callable[[RowProblem], None] | None = None,
    progress=None,
) -> AuditResult:
    """Audit every note in `inputs` and write the five report files to `output_dir`.

    Args:
        progress: an optional object with `start(total)` and `advance(n)` (the CLI passes a rich progress bar).

    Raises:
        NotelintError: an input or column problem found before any note is linted, or an unwritable folder.
    """
    paths = sources.check_inputs(inputs, columns)
    jobs = jobs or runner.default_jobs()
    out = OutputDir(output_dir, settings.extra_patterns)
    summary = Summary()

    def problem(item: RowProblem) -> None:
        summary.add_problem(item)
        if on_problem is not None:
            on_problem(item)

    def result(item: runner.NoteResult) -> None:
        summary.add(item)
        out.add(item)
        if progress is not None:
            progress.advance(1)

    interrupted = False
    started = time.perf_counter()
    try:
        if progress is not None:
            progress.start(sources.count(paths))
        runner.run(sources.read(paths, columns), settings, jobs=jobs, chunk=chunk, on_result=result,
                   on_problem=problem)
    except KeyboardInterrupt:
        interrupted = True  # keep what was written: the files below cover every note finished so far
    except BaseException:
        out.discard()
        raise
    elapsed = time.perf_counter() - started
    payload = summary.to_dict(elapsed=elapsed, jobs=jobs, interrupted=interrupted, inputs=[str(p) for p in paths])
    files = out.finish(payload, summary.attention())
    return AuditResult(payload, files, interrupted)
