"""`--format json`: the versioned wire format (fields are only ever added)."""

from __future__ import annotations

import json

from . import Report

VERSION = 1


def render(report: Report, show_identifiers: bool = False) -> str:
    payload = {
        "version": VERSION,
        "files": [
            {"path": r.path, "findings": [f.to_dict(show_identifiers) for f in r.findings]} for r in report.files
        ],
        "errors": [{"path": p.path, "message": p.message} for p in report.problems],
        "summary": report.summary(),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)
