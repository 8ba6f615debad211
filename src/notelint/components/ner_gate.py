"""`notelint_ner`: the base model's statistical NER, run only on the sentences that could hold a name.

The NER has its own embedding layers and was over a third of a note's time. notelint reads only its PERSON,
ORG, FAC, GPE and LOC entities, and those are written with capitals. So a sentence goes to the NER only if it
holds a proper noun or a capitalised word that is not: "I", a clinical or note term ("Suboxone", "IOP", "Pt"),
a line label ("D:", "Plan:"), or an ordinary English word opening the sentence (name-like words such as "Hope"
and "June" still count). The chosen sentences run through the NER together as one short Doc per note and
their entities are copied back; the other sentences simply have none. `benchmarks/speed.py` measures the gain
and `benchmarks/gate_check.py` that findings stay the same.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from .. import doccache
from .identifiers import CLINICAL_ALLOW, COMMON_WORD_NAMES, english_words

class GatedNer:
    """Wraps a trained `EntityRecognizer`; same entities where it matters, far fewer tokens through it."""

    def __init__(self, ner, ordinary: frozenset[str]):
        self.ner = ner
        self.ordinary = ordinary  # lower-case words that open a sentence without naming anyone
        self.labels = ner.labels if ner is not None else ()
        self.enabled = True  # False: every sentence goes to the NER (to compare, in benchmarks/gate_check.py)

    def _candidate(self, sent: Span) -> bool:
        first = True  # no word yet, line labels aside
        for i, tok in enumerate(sent):
            if not tok.is_alpha:
                continue
            if first and i + 1 < len(sent) and sent[i + 1].text == ":":
                continue  # a label: "D:", "Plan:", "Client:"
            low = tok.lower_
            if low not in CLINICAL_ALLOW and tok.text != "I":
                if tok.pos_ == "PROPN":
                    return True
                if tok.text[0].isupper() and not (
                        first and (low in self.ordinary or tok.lemma_.lower() in self.ordinary)
                        and low not in COMMON_WORD_NAMES):
                    return True
            first = False
        return False

    def _selection(self, doc: Doc) -> list[int]:
        """Indices of the tokens whose sentences may hold a name, in order."""
        picked: list[int] = []
        for start, end in doccache.sentence_bounds(doc):
            if self._candidate(doc[start:end]):
                picked.extend(range(start, end))
        return picked

    def _short_doc(self, doc: Doc, picked: list[int]) -> Doc:
        tokens = [doc[i] for i in picked]
        short = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[t.whitespace_ != "" for t in tokens])
        for new, old in zip(short, tokens):
            new.norm_ = old.norm_  # tokenizer exceptions ("'m" -> "am") feed the NER's features
            new.is_sent_start = old.is_sent_start  # the NER ends an entity where a sentence ends
        return short

    def _copy_back(self, doc: Doc, short: Doc, picked: list[int]) -> None:
        spans = []
        for ent in short.ents:
            start, end = picked[ent.start], picked[ent.end - 1] + 1
            if end - start == len(ent):  # not stitched across two chosen sentences
                spans.append(Span(doc, start, end, label=ent.label_))
        doc.set_ents(spans, default="outside")

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        if not self.enabled:
            yield from self.ner.pipe(docs, batch_size=batch_size)
            return
        for batch in minibatch(docs, size=batch_size):
            picks = [self._selection(doc) for doc in batch]
            shorts = [self._short_doc(doc, picked) for doc, picked in zip(batch, picks)]
            for doc, short, picked in zip(batch, self.ner.pipe(shorts, batch_size=batch_size), picks):
                self._copy_back(doc, short, picked)
                yield doc


def gate_ner(nlp: Language) -> None:
    """Put the NER behind the gate, keeping its name and place in the pipeline."""
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names or isinstance(nlp.get_pipe("ner"), GatedNer):
        return
    index = nlp.pipe_names.index("ner")
    _, ner = nlp.remove_pipe("ner")
    after = nlp.pipe_names[index] if index < len(nlp.pipe_names) else None
    gate = nlp.add_pipe("notelint_ner", name="ner", before=after)
    gate.ner, gate.labels = ner, ner.labels


@Language.factory("notelint_ner")
def make_gated_ner(nlp: Language, name: str):
    """A placeholder until `gate_ner` hands it the trained NER it wraps."""
    return GatedNer(None, english_words(nlp) | STOP_WORDS)
