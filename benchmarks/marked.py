"""Read notes in the eval's inline markup into rows shaped like dev.jsonl.

`[[LABEL|text]]` / `[[LABEL:other|text]]` identifiers, `{{text}}` stigma, `{{~text}}` stigma near-miss,
`<<CODE|text>>` ethics, `<<~text>>` ethics near-miss; notes start with `=== ID FORMAT` lines. Markup nests.
"""

from __future__ import annotations

import re
from pathlib import Path

OPEN = {"[[": "]]", "{{": "}}", "<<": ">>"}
HEADER = re.compile(r"^=== (\S+)\s*(\S*)\s*$", re.M)


def parse_note(marked: str) -> dict:
    text: list[str] = []
    stack: list[tuple[str, int, str]] = []
    row = {"pii": [], "stigma": [], "stigma_negatives": [], "ethics": [], "ethics_negatives": []}
    i = 0
    while i < len(marked):
        two = marked[i:i + 2]
        if two in OPEN:
            j = i + 2
            head = ""
            if two in ("[[", "<<"):
                bar = marked.find("|", j)
                if two == "<<" and marked[j] == "~":
                    head, j = "~", j + 1
                elif bar != -1:
                    head, j = marked[j:bar], bar + 1
            elif marked[j] == "~":
                head, j = "~", j + 1
            stack.append((two, len("".join(text)), head))
            i = j
            continue
        if stack and two == OPEN[stack[-1][0]]:
            kind, start, head = stack.pop()
            end = len("".join(text))
            if kind == "[[":
                label, _, other = head.partition(":")
                row["pii"].append({"start": start, "end": end, "label": label, "other": other == "other"})
            elif kind == "{{":
                row["stigma_negatives" if head == "~" else "stigma"].append({"start": start, "end": end})
            else:
                if head == "~":
                    row["ethics_negatives"].append({"start": start, "end": end})
                else:
                    row["ethics"].append({"start": start, "end": end, "principle": head})
            i += 2
            continue
        text.append(marked[i])
        i += 1
    row["text"] = "".join(text)
    return row


def read_marked(path: Path) -> list[dict]:
    content = path.read_text(encoding="utf-8")
    heads = list(HEADER.finditer(content))
    rows = []
    for n, head in enumerate(heads):
        body = content[head.end() + 1: heads[n + 1].start() if n + 1 < len(heads) else len(content)]
        row = parse_note(body.strip("\n") + "\n")
        row.update(id=head.group(1), format=head.group(2))
        rows.append(row)
    return rows
