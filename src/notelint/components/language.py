"""`notelint_language`: the language checks that need more than a pattern, and suggestions that fit.

Runs after `notelint_rules`. It finds scare quotes (rule `scare-quotes`): one to three words in quotation marks
that no speaker is given for, around the client's account ("had a "reaction""). Then it rewrites every language
candidate's suggestions to fit its sentence (`suggestions.fit`): "addicts" -> "people with a substance use
disorder", "refused" -> "declined". `with_article` widens a span over its "a" / "an" for `notelint fix`, which
then writes "an addict" -> "a person with a substance use disorder".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import candidates
from ..catalogue import Rule, load_catalogue
from ..suggestions import ARTICLES, fit
from ..verdict import verdict
from .context import SPEECH_LEMMAS

SCARE_QUOTES = "scare-quotes"
LANGUAGE = "language"
MAX_SCARE_WORDS = 3
# A quoted word right after these is being named or mentioned, not doubted ("the word "clean"").
NAMING_WORDS = {"called", "named", "titled", "word", "words", "term", "phrase", "aka", "as", "labeled", "labelled",
                "nicknamed", "dubbed", "sign", "says", "reads", "read"}
LABEL_DETERMINERS = {"the", "a", "an", "her", "his", "their", "our", "my", "this", "that"}
# Verbs of talking beyond the context component's speech verbs: their sentence reports speech.
TALK_LEMMAS = {"talk", "complain", "vent", "joke", "argue", "agree", "claim", "cry", "shout", "scream", "whisper",
               "sigh", "message", "post", "repeat", "respond", "promise", "swear", "brag", "warn"}


class LanguageChecks:
    """Scare-quote detection and sentence-fitted suggestions for language candidates."""

    def __init__(self, rules: dict[str, Rule]):
        self.rules = rules
        self.scare = next((r for r in rules.values() if r.name == SCARE_QUOTES), None)

    def __call__(self, doc: Doc) -> Doc:
        if self.scare is not None:
            for span in scare_quotes(doc):
                severity = verdict(self.scare, span)
                if severity is not None:
                    candidates.add(doc, span, self.scare.code,
                                   **({"severity": severity} if severity != self.scare.severity else {}))
        self._fit_suggestions(doc)
        return doc

    def _fit_suggestions(self, doc: Doc) -> None:
        found = candidates.spans(doc)
        if not any(span.label_ in self.rules for span in found):
            return
        metas = [dict(candidates.meta(doc, span)) for span in found]
        doc.spans[candidates.SPAN_KEY] = []
        for span, meta in zip(found, metas):
            rule = self.rules.get(span.label_)
            if rule is not None and rule.suggestions and "suggestions" not in meta:
                # A suggestion replaces exactly the finding's words (front ends apply it to that range), so it
                # agrees in number and tense here; the article before it is fitted by whoever applies it
                # (`notelint fix`, the web page).
                meta["suggestions"] = list(dict.fromkeys(fit(s, span) for s in rule.suggestions))
            candidates.add(doc, span, span.label_, **meta)


def with_article(span: Span) -> Span:
    """Widen a noun span to take in the "a" / "an" before it, so a replacement can choose its own article."""
    if span.start == 0 or span[0].pos_ in ("VERB", "AUX") or span[0].lower_ in ARTICLES:
        return span
    prev = span.doc[span.start - 1]
    if prev.lower_ in ARTICLES:
        return Span(span.doc, span.start - 1, span.end, label=span.label_)
    return span


def scare_quotes(doc: Doc) -> list[Span]:
    """Short quoted phrases with no speaker, which read as the writer doubting the client's words."""
    out = []
    for start, end, who in doc._.nl_quotes or ():
        if who != "none" or end - start < 3:
            continue
        inner = doc[start + 1:end - 1]
        words = [t for t in inner if not (t.is_punct or t.is_space)]
        if not 1 <= len(words) <= MAX_SCARE_WORDS or "\n" in inner.text:
            continue
        # Titles and names ("Seeking Safety"), numbers and codes are quoted for other reasons.
        if all(t.is_title or t.is_upper for t in words) or any(t.like_num for t in words):
            continue
        # Quoted speech ends inside its quotes ("for coffee."); a quoted label names a thing (the "leave early" plan).
        if inner[-1].text in (".", "!", "?", ","):
            continue
        after = doc[end] if end < len(doc) else None
        if after is not None and after.pos_ in ("NOUN", "PROPN") and doc[start - 1].lower_ in LABEL_DETERMINERS:
            continue
        # A pronoun makes it a fragment of speech ("it beats jail"), not a word held at arm's length.
        if any(t.pos_ == "PRON" or t.lower_ in ("i", "i'm", "me", "my", "you", "it") for t in words):
            continue
        sent = doc[start].sent
        before = [t for t in doc[sent.start:start] if not (t.is_punct or t.is_space)]
        # A quote opening its sentence or a labelled field ('Goal: "..."') is the client's stated words.
        if not before or doc[start - 1].text in (":", "-", "–", "—"):
            continue
        if before[-1].lower_ in NAMING_WORDS or before[-1].lemma_.lower() in NAMING_WORDS:
            continue
        # Someone speaks in this sentence: the quote is reported speech, not a sneer.
        if any(t.lemma_.lower() in SPEECH_LEMMAS or t.lemma_.lower() in TALK_LEMMAS for t in sent):
            continue
        out.append(doc[start:end])
    return out


@Language.factory("notelint_language", default_config={"extra_patterns": []})
def make_language(nlp: Language, name: str, extra_patterns: list[str]):
    """Scare quotes and sentence-fitted suggestions for the language rules."""
    catalogue = load_catalogue(extra_patterns)
    return LanguageChecks({r.code: r for r in catalogue.active if r.category == LANGUAGE})
