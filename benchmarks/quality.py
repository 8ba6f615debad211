"""Score notelint on the shared labelled dev notes (../shared/eval/notes/dev.jsonl) by the eval README's rules.

A report, not a test: prints recall / precision / near-miss false alarms per family beside the reference figures
of Presidio and alex measured on the dev notes. `--data benchmarks/data/holdout.marked.txt` scores our own small
hold-out set (fictional notes written apart from the dev set, in the same markup) to check that figures generalise.

    python benchmarks/quality.py [--data PATH] [--per-label] [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from notelint import Settings, lint_many

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "eval" / "notes" / "dev.jsonl"
ETHICS_CODES = {
    "CONFIDENTIALITY": "confidentiality", "BOUNDARY": "professional-boundaries", "COMPETENCE": "competence",
    "CULTURE": "cultural-sensitivity", "CONSENT": "informed-consent", "JUDGMENT": "non-judgment",
    "INTEGRITY": "integrity", "WELFARE": "client-welfare",
}
REFERENCE = {
    "identifiers": "Presidio (sm, 0.4): R 0.748 / P 0.573",
    "language": "alex 11: R 0.273 / P 0.036 / near-miss 0.40",
    "ethics": "none",
    "quiet": "alex 11: 18 of 18 given a language finding",
}


def overlaps(a, b) -> bool:
    return a["start"] < b.end and b.start < a["end"]


def ratio(n: int, d: int) -> float:
    return n / d if d else float("nan")


def score(rows, results):
    out = {}
    # identifiers: every severity counts
    gold_hit = Counter()
    gold_all = Counter()
    pred_ok = pred_all = 0
    missed = []
    fp = []
    # language / ethics: info findings are hints (neither recall nor precision)
    lang = dict(hit=0, gold=0, tp=0, pred=0, neg_hit=0, neg=0)
    eth = dict(hit=0, right=0, gold=0, tp=0, pred=0, neg_hit=0, neg=0)
    per_principle = defaultdict(lambda: dict(gold=0, hit=0, right=0, pred=0, tp=0))
    quiet_total = quiet_flagged = 0
    lang_misses, lang_fps, eth_misses, eth_fps = [], [], [], []
    for row, found in zip(rows, results):
        text = row["text"]
        ids = [f for f in found if f.category == "identifiers"]
        lng = [f for f in found if f.category == "language" and f.severity != "info"]
        eth_f = [f for f in found if f.category not in ("identifiers", "language", "tool") and f.severity != "info"]
        for g in row["pii"]:
            gold_all[g["label"]] += 1
            if any(overlaps(g, f) for f in ids):
                gold_hit[g["label"]] += 1
            else:
                missed.append((row["id"], g["label"], text[g["start"]:g["end"]]))
        for f in ids:
            pred_all += 1
            if any(overlaps(g, f) for g in row["pii"]):
                pred_ok += 1
            else:
                fp.append((row["id"], f.rule, text[f.start:f.end]))
        for g in row["stigma"]:
            lang["gold"] += 1
            if any(overlaps(g, f) for f in lng):
                lang["hit"] += 1
            else:
                lang_misses.append((row["id"], text[g["start"]:g["end"]]))
        for f in lng:
            lang["pred"] += 1
            if any(overlaps(g, f) for g in row["stigma"]):
                lang["tp"] += 1
            else:
                lang_fps.append((row["id"], f.rule, text[f.start:f.end]))
        for g in row["stigma_negatives"]:
            lang["neg"] += 1
            lang["neg_hit"] += any(overlaps(g, f) for f in lng)
        for g in row["ethics"]:
            slug = ETHICS_CODES[g["principle"]]
            eth["gold"] += 1
            per_principle[slug]["gold"] += 1
            hits = [f for f in eth_f if overlaps(g, f)]
            if hits:
                eth["hit"] += 1
                per_principle[slug]["hit"] += 1
                if any(f.principle == slug for f in hits):
                    eth["right"] += 1
                    per_principle[slug]["right"] += 1
            else:
                eth_misses.append((row["id"], slug, text[g["start"]:g["end"]][:90]))
        for f in eth_f:
            eth["pred"] += 1
            per_principle[f.principle]["pred"] += 1
            if any(overlaps(g, f) for g in row["ethics"]):
                eth["tp"] += 1
                per_principle[f.principle]["tp"] += 1
            else:
                eth_fps.append((row["id"], f.rule, text[f.start:f.end][:90]))
        for g in row["ethics_negatives"]:
            eth["neg"] += 1
            eth["neg_hit"] += any(overlaps(g, f) for f in eth_f)
        if not row["stigma"] and not row["ethics"]:
            quiet_total += 1
            quiet_flagged += bool(lng or eth_f)
    out["identifiers"] = dict(recall=ratio(sum(gold_hit.values()), sum(gold_all.values())),
                              precision=ratio(pred_ok, pred_all), gold_hit=gold_hit, gold_all=gold_all,
                              missed=missed, fp=fp)
    out["language"] = dict(recall=ratio(lang["hit"], lang["gold"]), precision=ratio(lang["tp"], lang["pred"]),
                           near_miss=ratio(lang["neg_hit"], lang["neg"]), missed=lang_misses, fp=lang_fps)
    out["ethics"] = dict(recall=ratio(eth["hit"], eth["gold"]), right=ratio(eth["right"], eth["gold"]),
                         precision=ratio(eth["tp"], eth["pred"]), near_miss=ratio(eth["neg_hit"], eth["neg"]),
                         per_principle=dict(per_principle), missed=eth_misses, fp=eth_fps)
    out["quiet"] = dict(total=quiet_total, flagged=quiet_flagged)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-label", action="store_true", help="identifier recall per label")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms (dev data only)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"quality: {args.data} not found (the shared eval data is needed for this benchmark)", file=sys.stderr)
        return 2
    if args.data.suffix == ".txt":  # the inline markup (e.g. benchmarks/data/holdout.marked.txt)
        sys.path.insert(0, str(HERE))
        from marked import read_marked

        rows = read_marked(args.data)
    else:
        rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    t0 = time.perf_counter()
    results = list(lint_many((r["text"] for r in rows), Settings()))
    elapsed = time.perf_counter() - t0
    s = score(rows, results)
    i, l, e, q = s["identifiers"], s["language"], s["ethics"], s["quiet"]
    print(f"notelint quality on {args.data.name} ({len(rows)} notes, strict profile, {len(rows) / elapsed:.0f} notes/s incl. load)")
    print()
    print("| family | notelint | reference (same notes) |")
    print("|---|---|---|")
    print(f"| identifiers recall / precision | {i['recall']:.3f} / {i['precision']:.3f} | {REFERENCE['identifiers']} |")
    print(f"| language recall / precision / near-miss false alarms | {l['recall']:.3f} / {l['precision']:.3f} / {l['near_miss']:.2f} | {REFERENCE['language']} |")
    print(f"| ethics recall / right principle / precision / near-miss | {e['recall']:.3f} / {e['right']:.3f} / {e['precision']:.3f} / {e['near_miss']:.2f} | {REFERENCE['ethics']} |")
    print(f"| quiet notes given a language or ethics finding | {q['flagged']} of {q['total']} | {REFERENCE['quiet']} |")
    print()
    print("| principle | gold | hit | right principle | findings | precision |")
    print("|---|---|---|---|---|---|")
    for slug in ETHICS_CODES.values():
        p = e["per_principle"].get(slug, dict(gold=0, hit=0, right=0, pred=0, tp=0))
        print(f"| {slug} | {p['gold']} | {p['hit']} | {p['right']} | {p['pred']} | {ratio(p['tp'], p['pred']):.2f} |")
    if args.per_label:
        print()
        print("| identifier label | hit / gold |")
        print("|---|---|")
        for label, n in sorted(i["gold_all"].items()):
            print(f"| {label} | {i['gold_hit'][label]} / {n} |")
    if args.misses:
        for title, items in (("identifier misses", i["missed"]), ("identifier false alarms", i["fp"]),
                             ("language misses", l["missed"]), ("language false alarms", l["fp"]),
                             ("ethics misses", e["missed"]), ("ethics false alarms", e["fp"])):
            print(f"\n## {title} ({len(items)})")
            for item in items:
                print("  ", *item)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
