"""SARIF 2.1.0 output: code-scanning tools and editors read findings as `results` of rule `NLxxx`.

A result carries the rule, its level, the rule's message and a region (line and column); never the matched text,
so identifier text cannot leak into a file that is often uploaded elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import IO
from urllib.parse import quote

from .. import __version__
from ..catalogue import Catalogue, Rule, load_catalogue
from ..findings import Finding
from . import Report

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
VERSION = "2.1.0"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://github.com/notelint/notelint"


def rule_descriptor(rule: Rule) -> dict:
    """A `reportingDescriptor` for one rule: its message, rationale, principle and default level."""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": " ".join(rule.rationale.split())},
        "help": _help(rule),
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"principle": rule.principle, "category": rule.category, "tags": list(dict.fromkeys([rule.principle, rule.category]))},
    }


def _help(rule: Rule) -> dict:
    """What code-scanning shows under "Rule help": why it matters, what to write instead, and the sources."""
    rationale = " ".join(rule.rationale.split())
    instead = "; ".join(rule.suggestions)
    sources = "; ".join(rule.source)
    text = f"{rule.message}\n\nWhy it matters ({rule.principle}): {rationale}"
    markdown = f"**{rule.message}**\n\n**Why it matters** ({rule.principle}): {rationale}"
    if instead:
        text += f"\n\nUse instead: {instead}"
        markdown += "\n\n**Use instead:**\n" + "\n".join(f"- {s}" for s in rule.suggestions)
    text += f"\n\nSources: {sources}"
    markdown += f"\n\n**Sources:** {sources}"
    return {"text": text, "markdown": markdown}


def artifact_uri(path: str) -> str:
    """A relative (or file:) URI reference for a note path; spaces and other reserved characters are escaped."""
    if path == "<stdin>":
        return "stdin"
    posix = PurePath(path).as_posix()
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    return quote(posix, safe="/")


def result(finding: Finding, uri: str, rule_index: int | None = None) -> dict:
    """One SARIF `result` for a finding in the note at `uri` (no matched text)."""
    out = {
        "ruleId": finding.rule,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": finding.end_line,
                    "endColumn": finding.end_column,
                    "charOffset": finding.start,
                    "charLength": finding.end - finding.start,
                },
            }
        }],
        "properties": {"principle": finding.principle, "category": finding.category},
    }
    if rule_index is not None:
        out["ruleIndex"] = rule_index
    return out


def _run_head(catalogue: Catalogue) -> dict:
    return {
        "tool": {
            "driver": {
                "name": "notelint",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(r) for r in catalogue.active],
            }
        },
        "columnKind": "unicodeCodePoints",
    }


class StreamWriter:
    """Write one SARIF log result by result, so a batch of any size never sits in memory.

    Args:
        stream: an open text file; the writer owns its content from the first `add` until `close`.
        catalogue: the rules to describe in the tool's driver.
    """

    def __init__(self, stream: IO[str], catalogue: Catalogue | None = None):
        self.stream = stream
        catalogue = catalogue or load_catalogue()
        self.index = {r.code: i for i, r in enumerate(catalogue.active)}
        head = json.dumps({"$schema": SCHEMA, "version": VERSION, "runs": [_run_head(catalogue)]}, indent=None)
        # Splice the results array into the closing of the one run: `...}]}` becomes `..., "results": [`.
        self.stream.write(head[:-3] + ', "results": [\n')
        self.first = True

    def add(self, finding: Finding, uri: str) -> None:
        self.stream.write(("" if self.first else ",\n") + json.dumps(result(finding, uri, self.index.get(finding.rule))))
        self.first = False

    def close(self) -> None:
        self.stream.write("\n]}]}\n")


def render(report: Report, catalogue: Catalogue | None = None) -> str:
    """The whole report as one SARIF 2.1.0 log."""
    catalogue = catalogue or load_catalogue()
    index = {r.code: i for i, r in enumerate(catalogue.active)}
    run = _run_head(catalogue)
    run["results"] = [result(f, artifact_uri(r.path), index.get(f.rule)) for r in report.files for f in r.findings]
    return json.dumps({"$schema": SCHEMA, "version": VERSION, "runs": [run]}, indent=2, ensure_ascii=False)

