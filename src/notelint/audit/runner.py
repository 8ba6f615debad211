"""Run an audit's notes through the one lint path, in worker processes, in order, with bounded memory.

Notes go to workers in chunks; each worker runs `lint_many` (`nlp.pipe`) over its chunk and sends back plain
findings and masked excerpts, never the text. At most a few chunks per worker are in flight, so a 100,000-row
export is never held in memory. On Linux the workers are forked after the pipeline is loaded once, so they
share it instead of each loading their own.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..config import Settings
from ..findings import Finding
from ..lint import lint_many
from ..pipeline import get_nlp
from .excerpts import excerpts
from .sources import Record, RowProblem

CHUNK = 48  # notes per task: large enough to amortise the pickling, small enough to keep workers busy
IN_FLIGHT = 3  # chunks queued per worker


@dataclass(frozen=True)
class NoteResult:
    """What the audit keeps of one note: where it came from and what was found; no text."""

    id: str
    source: str
    row: int | None
    author: str
    month: str
    chars: int
    findings: list[Finding] = field(default_factory=list)
    excerpts: list[dict] = field(default_factory=list)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def lint_chunk(records: list[Record], settings: Settings) -> list[NoteResult]:
    """Lint one chunk in this process and keep only what the reports need."""
    out = []
    for rec, found in zip(records, lint_many((r.text for r in records), settings, batch_size=len(records) or 1)):
        out.append(NoteResult(rec.id, rec.source, rec.row, rec.author, rec.month, len(rec.text), found,
                              excerpts(rec.text, found)))
    return out


_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    # The parent handles Ctrl-C and stops the pool; a worker dying mid-chunk on SIGINT would only add noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_SETTINGS = settings
    get_nlp(settings)  # a no-op when forked from a parent that already built it


def _work(records: list[Record]) -> list[NoteResult]:
    return lint_chunk(records, _WORKER_SETTINGS)


def _chunks(items: Iterable[Record | RowProblem], size: int, on_problem: Callable[[RowProblem], None]
            ) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for item in items:
        if isinstance(item, RowProblem):
            on_problem(item)
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _context():
    methods = multiprocessing.get_all_start_methods()
    # fork shares the already-loaded pipeline copy-on-write: no second load, less memory.
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run(
    items: Iterable[Record | RowProblem],
    settings: Settings,
    *,
    jobs: int = 1,
    chunk: int = CHUNK,
    on_result: Callable[[NoteResult], None],
    on_problem: Callable[[RowProblem], None],
) -> None:
    """Lint every record, calling `on_result` for each note in input order and `on_problem` for each bad row.

    Raises:
        KeyboardInterrupt: after stopping the workers; every result delivered before it has been handled.
    """
    get_nlp(settings)  # load once, before any fork, so a bad model fails here with one clear error
    chunks = _chunks(items, chunk, on_problem)
    if jobs <= 1:
        for part in chunks:
            for result in lint_chunk(part, settings):
                on_result(result)
        return
    pool = _context().Pool(processes=jobs, initializer=_init_worker, initargs=(settings,))
    pending: deque = deque()
    try:
        for part in chunks:
            pending.append(pool.apply_async(_work, (part,)))
            # Bounded: wait for the oldest chunk before reading further, so memory stays flat.
            while len(pending) >= jobs * IN_FLIGHT:
                for result in pending.popleft().get():
                    on_result(result)
        while pending:
            for result in pending.popleft().get():
                on_result(result)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
