"""`notelint_ethics_model`: a trained sentence classifier for ethics problems the patterns do not phrase.

Pattern rules are precise but only catch the wordings someone wrote down; notes written by other people phrase
the same boundary crossing or consent problem in new ways. This component scores each sentence with a small
spaCy `textcat_multilabel` (a bag of lemmas, one label per principle) trained by `models/train_ethics_model.py`
on labelled hold-out notes and the catalogue's own examples. A sentence scoring at least `threshold` for a
principle becomes a candidate for that principle's model rule (NL390-NL397 in `patterns/model.yaml`), judged
like any rule (negation, hypotheticals, quoted words, cue lists) unless a pattern rule already flagged an
ethics problem in the same sentence. `benchmarks/ethics_model_cv.py` measures what it adds on notes it never saw.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.api import Config

from .. import candidates, doccache
from ..catalogue import CODE_PREFIX, Rule, load_catalogue
from ..resources import models_dir
from ..spacy_plugins import without_plugins
from ..verdict import verdict
from .ethics import CHECKS, checked

DETECTOR = "notelint_ethics_model"
NON_ETHICS = frozenset(CODE_PREFIX)  # the categories with their own code family; every other one is ethics


def sentence_words(sent: Span) -> list[str]:
    """What the classifier reads: lower-case lemmas, numbers as "0" (the trainer uses the same function)."""
    words = []
    for tok in sent:
        if tok.is_space:
            continue
        words.append("0" if tok.like_num and not tok.is_alpha else (tok.lemma_ or tok.text).lower())
    return words


def _statement(sent: Span) -> bool:
    """A sentence that says something happened: not a header or title line ("Peer support note - week 3")."""
    words = [t for t in sent if t.is_alpha]
    return bool(words) and (len(words) >= 12 or any(t.pos_ in ("VERB", "AUX") for t in sent))


def _trimmed(sent: Span) -> Span:
    """The sentence without trailing spaces and punctuation (closing quotes and brackets stay)."""
    span = sent
    while len(span) > 1 and (span[-1].is_space or span[-1].is_punct and span[-1].text not in ")\"'”"):
        span = span[:-1]
    return span


def load_classifier(path: Path, nlp: Language | None = None):
    """The saved `textcat_multilabel` (a pipeline folder written by the trainer), as a component of `nlp`'s
    vocabulary; built from its own config rather than `spacy.load`, which would start a second English pipeline
    and scan every installed spaCy plugin (half a second of start-up)."""
    if nlp is None:
        nlp = without_plugins(lambda: spacy.blank("en"))
    config = Config().from_disk(path / "config.cfg")
    block = dict(config["components"]["textcat_multilabel"])
    block.pop("factory", None)
    textcat = without_plugins(lambda: nlp.create_pipe("textcat_multilabel", config=block))
    return textcat.from_disk(path / "textcat_multilabel", exclude=["vocab"])


class EthicsModel:
    def __init__(self, nlp: Language, rules: list[Rule], threshold: float, model: str, enabled: bool,
                 policy: dict | None = None, catalogue: dict[str, Rule] | None = None):
        self.catalogue = catalogue or {}
        self.policy = policy or {}
        self.rules = {r.principle: r for r in rules}
        self.threshold = threshold
        self.enabled = enabled and bool(rules)
        self.skipped: dict[str, str] = {}
        self.textcat = None
        if self.enabled:
            path = Path(model) if Path(model).is_absolute() else models_dir() / model
            if not path.is_dir():
                self.skipped = {r.code: f"the trained model {model} is missing from {models_dir()}" for r in rules}
                self.enabled = False
            else:
                self.use(load_classifier(path, nlp))

    def use(self, classifier) -> None:
        """Score with `classifier` (a `textcat_multilabel` component, as `load_classifier` returns) from now on."""
        self.textcat = classifier

    def _flagged(self, doc: Doc, starts: list[int]) -> tuple[set[int], set[str]]:
        """Sentences (indices, by their start tokens) already holding a pattern rule's ethics candidate, and the
        principles pattern rules found a problem of in this note."""
        taken: set[int] = set()
        principles: set[str] = set()
        for span in candidates.spans(doc):
            rule = self.catalogue.get(span.label_)
            if rule is None or rule.category in NON_ETHICS or rule.detector == DETECTOR:
                continue
            taken.add(bisect_right(starts, span.start) - 1)
            principles.add(rule.principle)
        return taken, principles

    def _scores(self, sents: list[Span]) -> list[dict[str, float]]:
        vocab = self.textcat.vocab
        labels = self.textcat.labels
        words = [sentence_words(s) for s in sents]
        docs = [Doc(vocab, words=w) for w in words if w]
        rows = iter(self.textcat.predict(docs).tolist() if docs else [])
        return [dict(zip(labels, next(rows))) if w else dict.fromkeys(labels, 0.0) for w in words]

    def _judge(self, rule: Rule, span: Span, score: float) -> tuple[Span, dict] | None:
        """The rule's verdict on a sentence the model picked: its candidate meta, or None when context clears it."""
        severity = verdict(rule, span)
        if severity is None:
            return None
        outcome = checked(rule, span, severity, self.policy, CHECKS.get(rule.settings.get("check", "")))
        if outcome is not None:
            outcome[1].setdefault("message", f"{rule.message} (model score {score:.2f})")
        return outcome

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled or not len(doc):
            return doc
        bounds = doccache.sentence_bounds(doc)
        every = [doc[start:end] for start, end in bounds]
        taken, found_by_patterns = self._flagged(doc, [start for start, _ in bounds])
        chosen = [i for i, s in enumerate(every) if i not in taken and _statement(s)]
        if not chosen:
            return doc
        found: list[tuple[int, Rule, Span, dict, float]] = []
        for index, scores in zip(chosen, self._scores([every[i] for i in chosen])):
            principle = max(scores, key=scores.get)
            rule = self.rules.get(principle)
            if rule is None or scores[principle] < self.threshold:
                continue
            # Only a pattern finding's own sentence is skipped (`taken`): on twelve blind sets the model had not seen
            # (holdout81-92) that found more problems at slightly higher precision than skipping one or three
            # neighbouring sentences too. A once-per-note rule (welfare) stays quiet once its principle is found.
            if rule.settings.get("once_per_note") and principle in found_by_patterns:
                continue
            judged = self._judge(rule, _trimmed(every[index]), scores[principle])
            if judged is not None:
                found.append((index, rule, *judged, scores[principle]))
        # Neighbouring sentences of one principle are one problem told in two: one finding over both.
        merged: list[tuple[int, Rule, Span, dict, float]] = []
        for item in found:
            last = merged[-1] if merged else None
            if last is not None and last[1] is item[1] and item[0] == last[0] + 1:
                best = item if item[4] > last[4] else last
                merged[-1] = (item[0], item[1], doc[last[2].start:item[2].end], best[3], best[4])
            else:
                merged.append(item)
        for _, rule, span, meta, _ in merged:
            candidates.add(doc, span, rule.code, **meta)
        return doc


@Language.factory(
    DETECTOR,
    default_config={"extra_patterns": [], "policy": {}, "threshold": 0.45, "model": "ethics_textcat",
                    "enabled": True},
)
def make_ethics_model(nlp: Language, name: str, extra_patterns: list[str], policy: dict, threshold: float,
                      model: str, enabled: bool):
    """Score sentences with the trained classifier in `models/<model>`; `threshold` is the score to report."""
    catalogue = load_catalogue(extra_patterns)
    rules = [r for r in catalogue.active if r.detector == DETECTOR]
    return EthicsModel(nlp, rules, threshold, model, enabled, policy, {r.code: r for r in catalogue.active})
