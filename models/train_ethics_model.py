"""Train the sentence classifier behind `notelint_ethics_model` (rules NL390-NL397) and save it here.

Training data, all written for this project (never the shared dev notes, which only measure):
- the labelled hold-out notes in `benchmarks/data/holdout*.marked.txt`: a sentence takes the principle of an
  ethics span covering it, every other sentence (near-misses included) is a negative;
- the flag / pass examples of every pattern-based ethics rule in `patterns/` (the model rules' own examples are
  left out, so the golden test checks the model on sentences it never saw).

Sentences are split and lemmatised by notelint's own pipeline, so training reads what linting reads.

    python models/train_ethics_model.py [--exclude holdout30 ...] [--out models/ethics_textcat]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from marked import read_marked  # noqa: E402  (benchmarks/marked.py reads the markup)

from notelint.catalogue import load_catalogue  # noqa: E402
from notelint.components.ethics_model import DETECTOR, NON_ETHICS, sentence_words  # noqa: E402
from notelint.config import Settings  # noqa: E402
from notelint.pipeline import get_nlp  # noqa: E402

CODES = {"CONFIDENTIALITY": "confidentiality", "BOUNDARY": "professional-boundaries", "COMPETENCE": "competence",
         "CULTURE": "cultural-sensitivity", "CONSENT": "informed-consent", "JUDGMENT": "non-judgment",
         "INTEGRITY": "integrity", "WELFARE": "client-welfare"}
LABELS = list(CODES.values())
DATA = ROOT / "benchmarks" / "data"


def lint_docs(texts: list[str]):
    """The texts through notelint's pipeline without the classifier itself: what linting reads."""
    nlp = get_nlp(Settings())
    with nlp.select_pipes(disable=[DETECTOR]):
        yield from nlp.pipe(texts)


def note_sentences(rows: list[dict]) -> list[tuple[list[str], set[str]]]:
    """(words, principles) for every sentence of the marked notes."""
    out = []
    for row, doc in zip(rows, lint_docs([r["text"] for r in rows])):
        for sent in doc.sents:
            a, b = sent.start_char, sent.end_char
            labels = set()
            for gold in row["ethics"]:
                if min(b, gold["end"]) - max(a, gold["start"]) >= min(15, (b - a) // 2):
                    labels.add(CODES[gold["principle"]])
            words = sentence_words(sent)
            if any(w.isalpha() for w in words):
                out.append((words, labels))
    return out


def example_sentences() -> list[tuple[list[str], set[str]]]:
    """(words, principles) for the pattern rules' own flag / pass examples."""
    active = load_catalogue().active
    rules = [r for r in active if r.category not in NON_ETHICS and r.detector != DETECTOR]
    texts = [(t, {r.principle}) for r in rules for t in r.examples_flag]
    texts += [(t, set()) for r in rules for t in r.examples_pass]
    # The other families' passing examples are ordinary note sentences: more of what a problem-free note says.
    texts += [(t, set()) for r in active if r.category in NON_ETHICS for t in r.examples_pass]
    docs = lint_docs([t for t, _ in texts])
    return [([w for s in doc.sents for w in sentence_words(s)], labels) for (_, labels), doc in zip(texts, docs)]


def marked_files(exclude: list[str]) -> list[Path]:
    return [p for p in sorted(DATA.glob("holdout*.marked.txt")) if not any(p.name.startswith(e + ".") for e in exclude)]


def training_data(exclude: list[str]) -> list[tuple[list[str], set[str]]]:
    rows = [row for path in marked_files(exclude) for row in read_marked(path)]
    return note_sentences(rows) + example_sentences()


def train(data: list[tuple[list[str], set[str]]], epochs: int = 10, seed: int = 0) -> Language:
    """A blank English pipeline with a bag-of-lemmas `textcat_multilabel`, one label per principle."""
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 1,
        "no_output_layer": False, "length": 65536}})
    for label in LABELS:
        textcat.add_label(label)
    examples = [Example.from_dict(Doc(nlp.vocab, words=words), {"cats": {l: float(l in labels) for l in LABELS}})
                for words, labels in data]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for i in range(0, len(examples), 16):
            nlp.update(examples[i:i + 16], sgd=optimizer, drop=0.2)
    return nlp


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--exclude", nargs="*", default=[], help="hold-out sets to leave out (e.g. holdout30)")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "ethics_textcat")
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args(argv)
    data = training_data(args.exclude)
    model = train(data, epochs=args.epochs)
    model.to_disk(args.out)
    positives = sum(1 for _, labels in data if labels)
    print(f"trained on {len(data)} sentences ({positives} with a problem) from {len(marked_files(args.exclude))} "
          f"hold-out files and the catalogue examples; saved to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
