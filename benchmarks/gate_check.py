"""Check that the speed gates do not change findings: lint the same notes with the NER gate on and off.

The NER gate (`notelint_ner`) sends only sentences that may hold a name to the statistical NER. This runs
every note twice, once through the gate and once with every sentence sent to the NER, and lists each finding
that differs. Notes: a generated corpus, the labelled dev notes when `../shared` is present, and our hold-out
sets in `benchmarks/data/`.

    python benchmarks/gate_check.py [--notes 2000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from notelint import Settings, lint_many
from notelint.pipeline import get_nlp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402
import marked  # noqa: E402

DEV = HERE.parent.parent / "shared" / "eval" / "notes" / "dev.jsonl"


def sources(notes: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        make_corpus.main(["--notes", str(notes), "--out", str(path), "--seed", "5"])
        out["generated"] = [json.loads(line)["note_text"] for line in path.open(encoding="utf-8")]
    if DEV.exists():
        out["dev"] = [json.loads(line)["text"] for line in DEV.open(encoding="utf-8")]
    out["hold-outs"] = [row["text"] for path in sorted((HERE / "data").glob("*.marked.txt"))
                        for row in marked.read_marked(path)]
    return out


def key(finding) -> tuple:
    return (finding.rule, finding.start, finding.end, finding.severity)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=2000, help="generated notes to compare")
    args = parser.parse_args(argv)
    settings = Settings()
    gate = get_nlp(settings).get_pipe("ner")
    print("| notes | count | findings (gate off) | only without the gate | only with the gate |")
    print("|---|---|---|---|---|")
    differences = []
    for name, texts in sources(args.notes).items():
        gate.enabled = False
        plain = list(lint_many(texts, settings))
        gate.enabled = True
        gated = list(lint_many(texts, settings))
        total = sum(len(f) for f in plain)
        lost = gained = 0
        for text, a, b in zip(texts, plain, gated):
            ka, kb = {key(f): f for f in a}, {key(f): f for f in b}
            for k in ka.keys() - kb.keys():
                lost += 1
                differences.append(("lost", name, ka[k].rule, text[ka[k].start:ka[k].end]))
            for k in kb.keys() - ka.keys():
                gained += 1
                differences.append(("gained", name, kb[k].rule, text[kb[k].start:kb[k].end]))
        print(f"| {name} | {len(texts):,} | {total:,} | {lost} | {gained} |")
    for kind, name, code, text in differences[:40]:
        print(f"  {kind}: {name} {code} {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
