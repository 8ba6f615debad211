"""A rule's verdict on one candidate span, from the context `notelint_context` annotated.

The verdict is the severity to report, or None when the context clears the span (negated, hypothetical,
the client's own quoted words, an excluding cue nearby...).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from . import doccache
from .catalogue import Rule


@lru_cache(maxsize=4096)
def cue_regex(phrases: tuple[str, ...]) -> re.Pattern | None:
    """Whole-word, case-insensitive alternation of cue phrases; a trailing `*` matches any word ending and a
    leading `*` any word beginning (`*profen` matches ibuprofen)."""
    if not phrases:
        return None
    parts = []
    for phrase in phrases:
        body = re.escape(phrase.lower().strip("*")).replace(r"\ ", r"\s+")
        parts.append((r"\w*" if phrase.startswith("*") else "") + body + (r"\w*" if phrase.endswith("*") else ""))
    return re.compile(r"(?<![\w$])(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


NEGATORS = re.compile(r"\b(?:no|not|without|never|missing|lacks?|lacking|unsigned|absent|nor|neither|pending|"
                      r"expired|revoked|busy|unavailable|declined|refused|n't|didnt|dont|doesnt|wasnt|isnt|wont|cant|couldnt|"
                      r"wouldnt|hasnt|havent|skipped)\b|n't\b", re.IGNORECASE)

CLAUSE_END = re.compile(r"[,;.!?]|\b(?:and|but|then)\b", re.IGNORECASE)
CONTRAST = re.compile(r"\bnot\s+(?:me|mine|myself|us|writer|this\s+writer)\b", re.IGNORECASE)

DEFERRED = re.compile(r"\b(?:before|instead of|rather than|until after|no need to|(?:do|does|did)n't need to)\b",
                      re.IGNORECASE)


def affirmed(regex: re.Pattern, text: str) -> bool:
    """A cue counts only where it is not negated: "release on file" clears a rule, "no release on file",
    "release not signed" or "without consent" do not; nor does one put off till later ("try it before bringing
    it up with the doctor", "instead of seeing her doctor")."""
    for match in regex.finditer(text):
        before = " ".join(text[max(0, match.start() - 40):match.start()].split()[-4:])
        # Only the cue's own clause: "weigh in on, and not to stop" does not negate "weigh in on".
        after = " ".join(CLAUSE_END.split(text[match.end():match.end() + 30], maxsplit=1)[0].split()[:3])
        after = CONTRAST.sub("", after)  # "a question for her prescriber, not me": a contrast, not a negation
        if NEGATORS.search(before) or NEGATORS.search(after):
            continue
        if DEFERRED.search(" ".join(text[max(0, match.start() - 60):match.start()].split()[-6:])):
            continue
        return True
    return False


def _near(words: tuple[str, ...], tokens) -> bool:
    wanted = {w.lower() for w in words}
    return any(t.lower_ in wanted or t.lemma_.lower() in wanted for t in tokens)


def clause_window(span: Span) -> Span:
    """The span's sentence with its neighbours on the same line: the small model often splits one clause in
    two ("Pt no-showed today | but I wrote up the session"), and sentence cues should survive that."""
    sent = span.sent
    doc = span.doc
    start, end = sent.start, sent.end
    if start > 0:
        prev = doc[start - 1].sent
        if "\n" not in doc[prev.start:start].text:
            start = prev.start
    if end < len(doc):
        nxt = doc[end].sent
        if "\n" not in doc[end - 1:nxt.end].text.rstrip("\n"):
            end = nxt.end
    return doc[start:end]


def scoped_from_outside(span: Span, attr: str) -> bool:
    """Whether a negation (or hypothetical) trigger outside `span` scopes over it; a trigger the rule's own
    pattern matched ("doesn't want to wake up") is part of what the rule means, not a reason to clear it."""
    for tok in span:
        trigger = getattr(tok._, attr) - 1
        if trigger >= 0 and not span.start <= trigger < span.end:
            return True
    return False


def _apply(policy: str, severity: str) -> str | None:
    if policy == "skip":
        return None
    return "info" if policy == "info" else severity


def verdict(rule: Rule, span: Span, severity: str | None = None) -> str | None:
    """Return the severity `rule` reports for `span`, or None when the context clears it."""
    ctx = rule.context
    severity = severity or rule.severity
    doc = span.doc
    sent = span.sent
    # Cue lists first: they are the cheapest and the most specific.
    if ctx.unless_prev and _near(ctx.unless_prev, doc[max(sent.start, span.start - ctx.window):span.start]):
        return None
    if ctx.unless_next and _near(ctx.unless_next, doc[span.end:min(sent.end, span.end + ctx.window)]):
        return None
    sent_text = clause_window(span).text
    if ctx.unless_sentence and affirmed(cue_regex(ctx.unless_sentence), sent_text):
        return None
    if ctx.requires_sentence and not cue_regex(ctx.requires_sentence).search(sent_text):
        return None
    if ctx.unless_note and affirmed(cue_regex(ctx.unless_note), doccache.text(doc)):
        return None
    if ctx.requires_note and not cue_regex(ctx.requires_note).search(doccache.text(doc)):
        return None
    if ctx.subject and span.root._.nl_agent not in ctx.subject:
        return None
    if ctx.in_name == "skip" and any(tok._.nl_name for tok in span):
        return None
    if scoped_from_outside(span, "nl_negated"):
        severity = _apply(ctx.negated, severity)
    if severity is None:
        return None
    if scoped_from_outside(span, "nl_hypothetical"):
        severity = _apply(ctx.hypothetical, severity)
    if severity is None:
        return None
    qid = span[0]._.nl_quote
    if qid and doc._.nl_quotes:
        start, end, who = doc._.nl_quotes[qid - 1]
        if who == "client":
            severity = _apply(ctx.client_quote, severity)
        elif who == "third-party" and ctx.third_party_quote:
            severity = _apply(ctx.third_party_quote, severity)
        else:
            severity = _apply(ctx.quoted, severity)
    return severity
