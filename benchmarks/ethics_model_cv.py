"""What the trained ethics classifier (rules NL390-NL397) adds on notes it never saw.

Trains the classifier exactly as `models/train_ethics_model.py` does but without the held-out sets (by default
the four most recent blind sets, written by separate authors after the patterns were last tuned), then scores
those sets with the pattern rules alone and with the patterns plus the classifier, by the eval's rules. Also
scores the shared dev notes (never used for training) when `../shared` is present.

    python benchmarks/ethics_model_cv.py [--holdout holdout30 holdout31 ...] [--thresholds 0.4 0.5 0.6]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "models"))

from marked import read_marked  # noqa: E402
from quality import DEFAULT_DATA, score  # noqa: E402
import train_ethics_model as trainer  # noqa: E402

from notelint.components.ethics_model import DETECTOR, load_classifier  # noqa: E402
from notelint.config import Settings  # noqa: E402
from notelint.lint import findings_for  # noqa: E402
from notelint.pipeline import get_nlp  # noqa: E402


def row(name: str, s: dict) -> str:
    e, q = s["ethics"], s["quiet"]
    return (f"| {name} | {e['recall']:.3f} | {e['right']:.3f} | {e['precision']:.3f} | {e['near_miss']:.2f} "
            f"| {q['flagged']} of {q['total']} |")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--holdout", nargs="*", default=["holdout30", "holdout31", "holdout32", "holdout33"])
    parser.add_argument("--thresholds", nargs="*", type=float, default=[0.4, 0.5, 0.6])
    args = parser.parse_args(argv)
    sets = {name: read_marked(HERE / "data" / f"{name}.marked.txt") for name in args.holdout}
    if DEFAULT_DATA.exists():
        sets["dev (shared)"] = [json.loads(line) for line in DEFAULT_DATA.read_text(encoding="utf-8").splitlines()
                                if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        trainer.train(trainer.training_data(args.holdout)).to_disk(tmp)
        classifier = load_classifier(Path(tmp))
    settings = Settings()
    nlp = get_nlp(settings)
    model = nlp.get_pipe(DETECTOR)
    model.use(classifier)
    print(f"trained without {', '.join(args.holdout)}\n")
    print("| notes | ethics recall | right principle | precision | near-miss | quiet notes flagged |")
    print("|---|---|---|---|---|---|")
    for name, rows in sets.items():
        texts = [r["text"] for r in rows]
        model.enabled = False
        print(row(f"{name}: patterns only", score(rows, [findings_for(d, settings) for d in nlp.pipe(texts)])))
        model.enabled = True
        for threshold in args.thresholds:
            model.threshold = threshold
            found = [findings_for(d, settings) for d in nlp.pipe(texts)]
            print(row(f"{name}: + model at {threshold}", score(rows, found)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
