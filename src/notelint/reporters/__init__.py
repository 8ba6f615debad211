"""Reporters format findings; they never decide what is found."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..findings import Finding
from ..inputs import InputProblem


@dataclass
class FileResult:
    path: str
    findings: list[Finding]


@dataclass
class Report:
    """What one run found: per-file findings and the input problems met along the way."""

    files: list[FileResult] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    def summary(self) -> dict:
        found = self.findings
        return {
            "files": len(self.files),
            "files_with_findings": sum(1 for r in self.files if r.findings),
            "findings": len(found),
            "by_severity": dict(Counter(f.severity for f in found)),
            "by_principle": dict(Counter(f.principle for f in found)),
            "by_rule": dict(Counter(f.rule for f in found)),
            "errors": len(self.problems),
        }
