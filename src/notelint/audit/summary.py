"""An audit's running totals: findings per 100 notes by principle, rule, writer and month, and the notes that
need attention first.

Everything here grows with the number of rules, writers and months, never with the number of notes: the
attention list is a bounded heap and only the first problems are kept word for word.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

from ..catalogue import SEVERITIES
from .runner import NoteResult
from .sources import RowProblem

WEIGHT = {"error": 10.0, "warning": 3.0, "info": 0.5}  # how much a finding makes a note need attention
ATTENTION = 50
KEPT_PROBLEMS = 1000


def per_100(count: int, notes: int) -> float:
    return round(100.0 * count / notes, 2) if notes else 0.0


def attention_score(result: NoteResult) -> float:
    return sum(WEIGHT[f.severity] for f in result.findings)


@dataclass
class Summary:
    """Totals of one audit, updated note by note."""

    notes: int = 0
    notes_with_findings: int = 0
    findings: int = 0
    chars: int = 0
    severity: Counter = field(default_factory=Counter)
    principle: Counter = field(default_factory=Counter)
    rule: Counter = field(default_factory=Counter)
    rule_names: dict = field(default_factory=dict)
    writer_notes: Counter = field(default_factory=Counter)
    writer_findings: Counter = field(default_factory=Counter)
    month_notes: Counter = field(default_factory=Counter)
    month_findings: Counter = field(default_factory=Counter)
    problems: int = 0
    problem_list: list = field(default_factory=list)
    _heap: list = field(default_factory=list)
    _seq: int = 0

    def add(self, result: NoteResult) -> None:
        """Count one note (only findings above `info` count for the per-100 figures of writers and months)."""
        self.notes += 1
        self.chars += result.chars
        self.writer_notes[result.author] += 1
        self.month_notes[result.month] += 1
        if not result.findings:
            return
        self.notes_with_findings += 1
        self.findings += len(result.findings)
        for f in result.findings:
            self.severity[f.severity] += 1
            self.principle[f.principle] += 1
            self.rule[f.rule] += 1
            self.rule_names[f.rule] = (f.name, f.principle)
            if f.severity != "info":
                self.writer_findings[result.author] += 1
                self.month_findings[result.month] += 1
        self._seq += 1
        entry = (attention_score(result), -self._seq, result)
        if len(self._heap) < ATTENTION:
            heapq.heappush(self._heap, entry)
        elif entry[:2] > self._heap[0][:2]:
            heapq.heapreplace(self._heap, entry)

    def add_problem(self, problem: RowProblem) -> None:
        self.problems += 1
        if len(self.problem_list) < KEPT_PROBLEMS:
            self.problem_list.append({"source": problem.source, "row": problem.row, "message": problem.message})

    def attention(self) -> list[NoteResult]:
        """The notes that need attention first: highest score, then earliest in the input."""
        return [r for _, _, r in sorted(self._heap, key=lambda e: (-e[0], -e[1]))]

    def to_dict(self, *, elapsed: float, jobs: int, interrupted: bool, inputs: list[str]) -> dict:
        """The `summary.json` payload: counts and per-100-notes rates; note ids only, never note text."""
        n = self.notes

        def table(counter: Counter) -> list[dict]:
            return [{"key": k, "findings": v, "per_100_notes": per_100(v, n)} for k, v in counter.most_common()]

        def grouped(notes: Counter, found: Counter, order: list) -> list[dict]:
            return [{"key": k, "notes": notes[k], "findings": found[k], "per_100_notes": per_100(found[k], notes[k])}
                    for k in order]

        return {
            "version": 1,
            "inputs": inputs,
            "interrupted": interrupted,
            "jobs": jobs,
            "elapsed_seconds": round(elapsed, 2),
            "notes_per_second": round(n / elapsed, 1) if elapsed > 0 else None,
            "notes": n,
            "notes_with_findings": self.notes_with_findings,
            "findings": self.findings,
            "findings_per_100_notes": per_100(self.findings, n),
            "by_severity": {s: self.severity.get(s, 0) for s in reversed(SEVERITIES)},
            "by_principle": table(self.principle),
            "by_rule": [dict(row, name=self.rule_names[row["key"]][0], principle=self.rule_names[row["key"]][1])
                        for row in table(self.rule)],
            # Writers and months count findings above info: those are what a writer is asked to change.
            "by_writer": grouped(self.writer_notes, self.writer_findings,
                                 sorted(self.writer_notes, key=lambda k: (-per_100(self.writer_findings[k],
                                                                                    self.writer_notes[k]), k))),
            "by_month": grouped(self.month_notes, self.month_findings, sorted(self.month_notes)),
            "attention": [
                {"id": r.id, "source": r.source, "row": r.row, "author": r.author, "month": r.month,
                 "score": attention_score(r), "findings": len(r.findings),
                 "rules": sorted({f.rule for f in r.findings})}
                for r in self.attention()
            ],
            "problems": self.problems,
            "problem_list": self.problem_list,
        }
