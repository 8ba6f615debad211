"""`notelint_ethics`: the ethics rules (NL3xx) that need more than one matched span to decide.

Rules assigned here (`detector: notelint_ethics`) are matched and judged in context like any other rule, with
one addition the note style needs: a clause whose subject the parser missed but that opens the sentence on a
past-tense verb ("Venmo'd her $25", "Lent client $20") is the writer's. A rule may then have a check, named
after the rule, that reads the rest of the note or the agency's policy:

- agency policy thresholds (gift value, personal-vehicle transport, hugs, the after-hours window), read from
  the rule's `settings:` defaults and overridden by `Settings.policy`;
- client-welfare absence checks: a disclosure of risk with no response documented in the same note (the
  response cues are the rule's `context.unless_note`); the finding points at the disclosure and its message
  says what is missing;
- misgendering: third-person pronouns for the client that differ from the pronouns stated in the same note;
- voice: judgments, dismissals and advice count only when the writer voices them, not when the note reports
  what the client or someone else said, felt or thought.

The small model tags many telegraphic openers ("Took", "Hugged", "Friended") as nouns or base forms and leaves
their lemma unreduced; the detector re-lemmatises such an opener as a past-tense verb before matching, so one
`LEMMA` pattern covers "I took ...", "took ..." and "Took ...".
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import candidates, doccache
from ..catalogue import Rule, load_catalogue
from ..verdict import clause_window, cue_regex, scoped_from_outside, verdict
from .rules import RuleMatcher

# Past-tense openers the small model tags as nouns or adjectives at the start of a telegraphic sentence.
TELEGRAPHIC_OPENERS = {
    "lent", "loaned", "gave", "paid", "bought", "sent", "told", "took", "drove", "let", "kept", "met", "got",
    "went", "left", "brought", "made", "hugged", "kissed", "texted", "called", "messaged", "friended", "venmo'd",
    "venmoed", "zelled", "fronted", "covered", "hired", "sold", "signed", "initialed", "enrolled", "shared",
    "promised", "threatened", "advised", "recommended", "suggested", "diagnosed", "backdated", "recorded",
    "photographed", "filmed", "accepted", "borrowed", "spotted", "picked", "dropped", "invited", "agreed",
    "rang", "phoned", "emailed", "contacted", "reached", "spoke", "talked", "booked", "scheduled", "put", "decided",
    "wrote", "typed", "dated", "entered", "lectured", "reminded", "explained", "informed", "updated", "notified",
    "spent", "asked", "read", "snapped", "posted", "friended", "followed", "slept", "stayed", "had", "smoked",
}
# Verbs that report what the writer said to the client (advice, promises, verdicts).
SPEECH_FORMS = {
    "tell", "told", "tells", "say", "said", "says", "promise", "promised", "assure", "assured", "reassure",
    "reassured", "advise", "advised", "suggest", "suggested", "recommend", "recommended", "explain", "explained",
    "swear", "swore", "agree", "agreed", "remind", "reminded", "point", "pointed", "warn", "warned", "let",
    "instruct", "instructed", "encourage", "encouraged", "inform", "informed",
}
# Verbs whose subject voices what follows them: speech, feeling, belief, and the lecturing verbs themselves.
# Verbs by which the writer directs the client; what the client is told to think or do is the writer's voice.
DIRECTIVES = {"tell", "advise", "suggest", "warn", "remind", "lecture", "encourage", "urge", "instruct", "recommend",
              "scold", "caution", "insist"}
REPORTING = SPEECH_FORMS | {
    "feel", "felt", "feels", "worry", "worried", "worries", "believe", "believes", "believed", "think", "thinks",
    "thought", "fear", "fears", "feared", "wonder", "wonders", "wondered", "complain", "complained", "complains",
    "admit", "admitted", "admits", "state", "stated", "states", "report", "reported", "reports", "share", "shared",
    "shares", "mention", "mentioned", "mentions", "express", "expressed", "describe", "described", "insist",
    "insisted", "hear", "heard", "ask", "asked", "asks", "want", "wants", "wanted", "hope", "hopes", "hoped",
    "lecture", "lectured", "scold", "scolded", "remind", "reminded", "worry", "question", "questioned", "blame",
    "blamed", "blames", "joke", "joked", "write", "wrote", "writes", "call", "calls", "called", "yell", "yelled",
}
PRONOUN_SETS = {
    "she": {"she", "her", "hers", "herself"},
    "he": {"he", "him", "his", "himself"},
    "they": {"they", "them", "their", "theirs", "themself", "themselves"},
}
# "pronouns: she/her", "uses they/them", "(he/him)": the first word of a stated pair names the set.
STATED_PRONOUNS = re.compile(r"\b(she|he|they)\s*/\s*(her|him|them|hers|his|theirs)\b", re.IGNORECASE)
WRITERS_USAGE = re.compile(r"\b(?:refer to (?:him|her|them) as|to match|per (?:the )?chart)\s*$|"
                           r"\b(?:writer|i)\b[^.]*\b(?:will (?:keep )?us(?:e|ing)|keep using|is using|am using|"
                           r"continues? (?:to use|using))\s*$", re.IGNORECASE)
AMOUNT = re.compile(r"\$\s?(\d+(?:[.,]\d+)?)|\b(\d+(?:\.\d+)?)\s*(?:dollars|bucks)\b", re.IGNORECASE)
# A date just before "AM" ("June 3 AM", "11/4 AM"): the morning of that day, not 3 or 4 a.m.
MONTH_BEFORE = re.compile(r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*|\d[/-])$", re.IGNORECASE)
# "11pm", "1:30 a.m.", "9:45p", "midnight", or a 24-hour "23:15" with no am/pm after it.
CLOCK = re.compile(
    r"\b(?:(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?:\s*(?P<half>[ap])\.?m\b\.?|(?P<short>[ap])\b)"
    r"|(?P<midnight>midnight)|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?!\d|\s*[ap]))",
    re.IGNORECASE,
)
# Other people a third-person pronoun can stand for; their presence nearby makes a pronoun ambiguous.
OTHER_PEOPLE = {
    "mother", "mom", "father", "dad", "brother", "sister", "son", "daughter", "wife", "husband", "partner",
    "boyfriend", "girlfriend", "friend", "aunt", "uncle", "cousin", "grandmother", "grandfather", "grandma",
    "grandpa", "landlord", "boss", "employer", "officer", "po", "doctor", "prescriber", "counselor", "therapist",
    "sponsor", "roommate", "ex", "baby", "child", "kid", "nurse", "judge", "attorney", "lawyer", "manager",
    "niece", "nephew", "fiance", "fiancé", "stepdad", "stepmom", "caseworker",
}

Check = Callable[[Rule, Span, dict], "tuple[Span, dict] | None"]
CHECKS: dict[str, Check] = {}


def check(*names: str):
    """Register a function as the check of the rules named `names`."""

    def register(func: Check) -> Check:
        for name in names:
            CHECKS[name] = func
        return func

    return register


def policy_value(rule: Rule, policy: dict, key: str):
    """An agency policy value: `Settings.policy` wins over the rule's documented default."""
    return policy.get(key, rule.settings.get(key))


def label_end(sent: Span) -> int:
    """Index just after a leading section label ("P:", "I:", "Plan:"), or the sentence start if none."""
    for tok in sent[:4]:
        if tok.text == ":" and all(t.is_alpha for t in sent[:tok.i - sent.start]):
            return tok.i + 1
    return sent.start


def opener(sent: Span):
    """The first word of a sentence, skipping a section label, list bullets, numbers and punctuation."""
    start = label_end(sent)
    return next((t for t in sent.doc[start:sent.end] if t.is_alpha or "'" in t.text), None)


def opens_on_verb(span: Span) -> bool:
    """True when the sentence opens on a past-tense verb, so its implicit subject is the writer.

    The small model often tags such an opener as a noun or a bare verb ("Lent", "Accepted"), so its form
    decides as well as its tag.
    """
    first = opener(span.sent)
    if first is None:
        return False
    low = first.lower_
    return (
        low in TELEGRAPHIC_OPENERS
        or first.tag_ in ("VBD", "VBN")
        or (first.is_title and low.endswith("ed") and first.pos_ != "PROPN")
    )


def about_writer(span: Span) -> bool:
    """The writer does what `span` says: the parser's subject, or a telegraphic opener."""
    agent = span.root._.nl_agent
    if agent == "writer":
        return True
    if label_end(span.sent) > span.sent.start and agent == "third-party":
        # The parser takes a section label ("P: Enrolled her ...") for the subject.
        agent = "unknown"
    first = opener(span.sent)
    if first is not None and first.i == span.start and opens_on_verb(span):
        return True
    root = span.root
    if agent == "unknown" and root.tag_ in ("VBD", "VBN") and root.i > 0 and root.nbor(-1).text in (";", "—", "–"):
        # A subjectless clause after a semicolon continues the writer's telegraphic style ("...; told her ...").
        return True
    return agent == "unknown" and opens_on_verb(span)


def writer_voice(span: Span) -> bool:
    """The sentence holding `span` (with its neighbours on the same line: the small model splits long advice)
    reports something the writer said, told or promised."""
    for tok in clause_window(span):
        if tok.lower_ in SPEECH_FORMS or tok.lemma_.lower() in SPEECH_FORMS:
            if about_writer(span.doc[tok.i:tok.i + 1]):
                return True
    return False


def speaker(span: Span) -> str:
    """Who voices `span`: the subject of the nearest reporting verb above it, else the writer's own narrative.

    Returns "writer" or "other" ("Client said ...", "Her sponsor told her ...", "Pt feels ...").
    """
    ancestors = (span.root, *span.root.ancestors)
    if span.root.lemma_ in ("want", "need") and span.start < span.root.i < span.end:
        ancestors = ancestors[1:]  # "just wants a free meal": the want is the writer's attribution, not a report
    for n, tok in enumerate(ancestors):
        if tok.lower_ in REPORTING or tok.lemma_.lower() in REPORTING:
            if about_writer(span.doc[tok.i:tok.i + 1]):
                return "writer"
            label = label_end(tok.sent)
            if label > tok.sent.start and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < label for c in tok.children):
                return "writer"  # the parser took a section label ("A:") for the subject: the writer's own voice
            if tok._.nl_agent not in ("client", "third-party"):
                return "writer"
            # "Writer told her she should think about ...": the client's verb sits inside the writer's directive.
            for outer in ancestors[n + 1:]:
                if outer.lemma_.lower() in DIRECTIVES and (about_writer(span.doc[outer.i:outer.i + 1])
                                                          or outer._.nl_agent == "writer"):
                    return "writer"
            return "other"
    return "writer"


def judge(rule: Rule, span: Span) -> str | None:
    """`verdict`, with the writer's implicit subject in telegraphic sentences recognised."""
    wanted = rule.context.subject
    if "writer" not in wanted:
        return verdict(rule, span)
    relaxed = replace(rule, context=replace(rule.context, subject=()))
    severity = verdict(relaxed, span)
    if severity is None:
        return None
    if about_writer(span):
        return severity
    return severity if span.root._.nl_agent in wanted else None


def amounts(text: str) -> list[float]:
    found = []
    for m in AMOUNT.finditer(text):
        raw = (m.group(1) or m.group(2)).replace(",", "")
        try:
            found.append(float(raw))
        except ValueError:
            continue
    return found


@check("gift-beyond-policy", "gift-or-favour-from-client")
def gift_value(rule: Rule, span: Span, policy: dict):
    """A gift at or under the agency's nominal value passes; above it (or of unstated value) it flags."""
    limit = float(policy_value(rule, policy, "gift_max_value") or 0)
    values = amounts(span.sent.text)
    if values and max(values) <= limit:
        return None
    return span, {}


@check("client-in-personal-vehicle")
def personal_vehicle(rule: Rule, span: Span, policy: dict):
    if policy_value(rule, policy, "personal_vehicle_transport"):
        return None
    return span, {}


@check("hug-outside-policy")
def hugs(rule: Rule, span: Span, policy: dict):
    if policy_value(rule, policy, "hugs_allowed"):
        return None
    return span, {}


def minutes_of(match: re.Match) -> int | None:
    """Minutes after midnight of a CLOCK match, or None when it is not a valid time."""
    g = match.groupdict()
    if g["midnight"]:
        return 0
    if g["h24"] is not None:
        hour, minute = int(g["h24"]), int(g["m24"])
        if hour < 13 and not g["h24"].startswith("0"):
            return None  # "texted at 3:10": a 12-hour time with no am/pm, most likely the afternoon
        return hour * 60 + minute if hour < 24 and minute < 60 else None
    hour, minute = int(g["h"]), int(g["m"] or 0)
    half = (g["half"] or g["short"]).lower()
    if not 1 <= hour <= 12 or minute > 59:
        return None
    return (hour % 12 + (12 if half == "p" else 0)) * 60 + minute


def clock(value: str) -> int:
    hour, _, minute = str(value).partition(":")
    return int(hour) * 60 + int(minute or 0)


def in_window(minute: int, start: int, end: int) -> bool:
    """Whether `minute` falls in a window that may wrap past midnight (21:00-07:00)."""
    return start <= minute or minute < end if start > end else start <= minute < end


@check("after-hours-contact")
def after_hours(rule: Rule, span: Span, policy: dict):
    """Writer-client contact at a stated time, near the contact verb, inside the agency's after-hours window."""
    start = clock(policy_value(rule, policy, "after_hours_start") or "21:00")
    end = clock(policy_value(rule, policy, "after_hours_end") or "07:00")
    doc = span.doc
    # The time must belong to this contact: within a few tokens of the verb, in the same sentence.
    near = doc[max(span.sent.start, span.start - 8):min(span.sent.end, span.end + 8)]
    for m in CLOCK.finditer(near.text):
        if MONTH_BEFORE.search(near.text[:m.start()]):
            continue
        minute = minutes_of(m)
        if minute is not None and in_window(minute, start, end):
            return span, {}
    return None


@check("secrecy-promise", "legal-advice", "pathway-imposition", "medication-advice")
def said_by_writer(rule: Rule, span: Span, policy: dict):
    """Advice, promises and verdicts count only in the writer's own voice, not in what the client reports."""
    return (span, {}) if writer_voice(span) else None


@check("action-without-agreement")
def writer_acts(rule: Rule, span: Span, policy: dict):
    """The writer acts in the span's clause, in the sentence's main clause, as a subject inside the span
    ("pt didn't know I was calling"), or in an earlier clause of the sentence ("Writer faxed ...; pt was not
    asked")."""
    root = span.sent.root
    if about_writer(span) or about_writer(span.doc[root.i:root.i + 1]):
        return span, {}
    if any(t.dep_ == "nsubj" and t._.nl_role == "writer" for t in span):
        return span, {}
    earlier = span.doc[span.sent.start:span.start]
    return (span, {}) if any(t.pos_ == "VERB" and t._.nl_agent == "writer" for t in earlier) else None


@check("moralizing-lecture", "writer-diagnosis")
def voiced_by_writer(rule: Rule, span: Span, policy: dict):
    """A judgment counts in the writer's narrative or speech, not in what the client or others said or felt."""
    return (span, {}) if speaker(span) == "writer" else None


@check("cultural-practice-dismissed")
def practice_dismissed(rule: Rule, span: Span, policy: dict):
    """A practice named near a verdict on it ("a crutch") or a writer's directive to drop it ("told her to skip").

    The practices, verdicts and directives are the rule's `settings`; a span that is itself a dismissal (one of
    the rule's other patterns) needs only the writer's voice.
    """
    if speaker(span) != "writer":
        return None
    if span.root.lower_ not in set(rule.settings.get("practices", ())):
        return span, {}
    window = clause_window(span)
    verdicts = cue_regex(tuple(rule.settings.get("verdicts", ())))
    match = verdicts.search(window.text) if verdicts is not None else None
    if match is None:
        directives = cue_regex(tuple(rule.settings.get("directives", ())))
        match = directives.search(window.text) if directives is not None else None
        if match is not None and not writer_voice(span):
            match = None
    if match is None:
        return None
    # Point at the dismissal itself when it sits in the next sentence ("She wears hijab. Writer said that's not
    # realistic."), not at the practice it dismisses.
    cue = span.doc.char_span(window.start_char + match.start(), window.start_char + match.end(),
                             alignment_mode="expand")
    return (cue.sent if cue is not None and cue.sent.start != span.sent.start else span), {}


SUBJECTS = ("nsubj", "nsubjpass")
RAN_OUT = re.compile(r"\b(?:out of|no more|lost (?:her|his|their|the))\s+$", re.IGNORECASE)


def documented(doc: Doc, cues: Iterable[str], disclosure: Span | None = None) -> bool:
    """Whether the note documents any of `cues` as done: a negated mention ("no referral made") does not count.

    Nor does a cue inside the disclosure's own few words ("kicked out of the shelter" names no response) or its
    subject ("the shelter is pulling his bed"), nor one more than a sentence before it (a goal line's "stay on
    vivitrol" does not answer a later overdose).
    """
    regex = cue_regex(tuple(cues))
    if regex is None:
        return False
    text = doccache.text(doc)
    earliest = 0
    if disclosure is not None:
        sent = disclosure.sent
        earliest = doc[sent.start - 1].sent.start_char if sent.start > 0 else 0
    for m in regex.finditer(text, earliest):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or scoped_from_outside(span, "nl_negated"):
            continue
        if RAN_OUT.search(text[max(0, m.start() - 16):m.start()]):
            continue  # "is out of narcan", "no more test strips": the lack of a response, not one
        if disclosure is not None and disclosure.start <= span.start <= disclosure.end + 3:
            continue
        if disclosure is not None and disclosure.sent.start <= span.start < disclosure.start and any(
                t.dep_ in SUBJECTS or t.head.dep_ in SUBJECTS or t == disclosure.root.head for t in span):
            continue  # who the disclosure is about ("the shelter is pulling his bed"), not a response
        return True
    return False


@check("suicide-risk-no-response", "overdose-no-response", "medical-emergency-no-response",
       "abuse-no-response", "housing-loss-no-response", "harm-to-others-no-response", "overdose-risk-no-response")
def welfare_response(rule: Rule, span: Span, policy: dict):
    """A risk disclosure with no response documented anywhere in the note; the message names what is missing.

    The responses are the rule's `settings.responses`; an agency adds its own protocol names with the policy
    key `welfare_responses`.
    """
    responses = list(rule.settings.get("responses", ())) + list(policy.get("welfare_responses", ()))
    if documented(span.doc, responses, span):
        return None
    examples = ", ".join(r.rstrip("*") for r in responses[:4])
    return span, {"message": f"{rule.message} Not documented in this note: a response such as {examples}."}


def stated_pronouns(doc: Doc) -> tuple[str, tuple[int, int]] | None:
    """The client's stated pronoun set and the characters stating it, from the first "she/her"-style pair."""
    text = doccache.text(doc)
    for m in STATED_PRONOUNS.finditer(text):
        if WRITERS_USAGE.search(text[max(0, m.start() - 250):m.start()]):
            continue  # "writer will keep using he/him to match the chart": the writer's usage, not the client's
        return m.group(1).lower(), (m.start(), m.end())
    return None


def ambiguous(token, window: int = 12) -> bool:
    """A pronoun could mean someone else when another person is named shortly before it."""
    sent = token.sent
    start = token.doc[sent.start - 1].sent.start if sent.start > 0 else 0
    for other in token.doc[max(start, token.i - window):token.i]:
        if other.lower_ in OTHER_PEOPLE or (other.ent_type_ == "PERSON" and other._.nl_role == "third-party"):
            return True
    return False


def misgendered(doc: Doc) -> Iterable[Span]:
    stated = stated_pronouns(doc)
    if stated is None:
        return
    own, (s_start, s_end) = stated
    others = set().union(*(words for key, words in PRONOUN_SETS.items() if key not in (own, "they")))
    for tok in doc:
        if tok.lower_ not in others or s_start <= tok.idx < s_end:
            continue
        if tok._.nl_quote or ambiguous(tok):
            continue
        yield doc[tok.i:tok.i + 1]


ENTRY_NOISE = re.compile(r"[\d/:.,;()\-–—+#*]+|\b(?:am|pm|a|p|min|mins|hrs?|x)\b", re.IGNORECASE)


def _near_copy(a: str, b: str, least: float = 0.92) -> bool:
    """Two entries that differ only by a typo or a word: cheap length and letter bounds first."""
    if abs(len(a) - len(b)) > (1 - least) * max(len(a), len(b)):
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= least and matcher.quick_ratio() >= least and matcher.ratio() >= least


def repeated_entries(doc: Doc, min_words: int = 6) -> Iterable[Span]:
    """Lines that repeat an earlier line of the note once dates, times and punctuation are set aside."""
    text = doccache.text(doc)
    seen: list[str] = []
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        words = ENTRY_NOISE.sub(" ", line).lower().split()
        if len(words) < min_words:
            continue
        key = " ".join(words)
        if key in seen or any(_near_copy(key, old) for old in seen):
            lead = len(line) - len(line.lstrip())
            span = doc.char_span(start + lead, start + len(line.rstrip()), alignment_mode="expand")
            if span is not None:
                yield span
        seen.append(key)


class EthicsDetector(RuleMatcher):
    """Match the rules assigned to `notelint_ethics`, judge them in context and apply their checks."""

    # Ethics rules hold many patterns, each anchored on different words ("lectured", "good mother", "own fault");
    # gated per rule, a sentence holding any one anchor would run them all.
    gate_per_pattern = True

    def __init__(self, nlp: Language, rules: Iterable[Rule], available: set[str], policy: dict):
        rules = list(rules)
        super().__init__(nlp, [r for r in rules if r.patterns], available)
        self.policy = dict(policy)
        self.nlp = nlp
        self.lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self.verb_lemmas: dict[str, str] = {}
        self.note_level = [r for r in rules if not r.patterns and r.code not in self.skipped]

    def __call__(self, doc: Doc) -> Doc:
        self.relemmatize_openers(doc)
        for rule, span in self.matches(doc):
            self.report(doc, rule, span)
        for rule in self.note_level:
            if rule.name == "repeated-entry":
                for span in repeated_entries(doc):
                    self.report(doc, rule, span)
            if rule.name == "misgendering-stated-pronouns":
                # One finding per note, at the first pronoun: a note that misgenders does it throughout, and ten
                # findings for one choice would bury the rest of the report.
                spans = [span for span in misgendered(doc) if judge(rule, span) is not None]
                if spans:
                    more = f" The note does this {len(spans)} times; this is the first." if len(spans) > 1 else ""
                    self.report(doc, rule, spans[0], message=rule.message + more if more else None)
        return doc

    def relemmatize_openers(self, doc: Doc) -> None:
        """Give a telegraphic opener the lemma of the past-tense verb it is ("Took" -> take, "Hugged" -> hug)."""
        if self.lemmatizer is None or not doc.has_annotation("LEMMA"):
            return
        for sent in doc.sents:
            first = doc[sent.start]
            # Cheap pre-test before the full opener logic: a label or bullet comes first, or a verb-like form.
            if first.is_alpha and first.pos_ in ("AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "NUM"):
                continue
            first = opener(sent)
            if first is None or first.pos_ == "AUX" or not opens_on_verb(sent):
                continue
            lemma = self.verb_lemmas.get(first.lower_)
            if lemma is None:
                word = self.nlp.make_doc(first.lower_)[0]
                word.pos_, word.tag_ = "VERB", "VBD"
                word.set_morph("Tense=Past|VerbForm=Fin")
                # The rule lemmatizer lists candidates, the known stem last ("friended": friende, friend).
                lemma = self.verb_lemmas[first.lower_] = self.lemmatizer.rule_lemmatize(word)[-1].lower()
            first.lemma_ = lemma

    def report(self, doc: Doc, rule: Rule, span: Span, message: str | None = None) -> None:
        severity = judge(rule, span)
        if severity is None:
            return
        outcome = checked(rule, span, severity, self.policy, CHECKS.get(rule.name))
        if outcome is not None:
            meta = dict(outcome[1], **({"message": message} if message else {}))
            candidates.add(doc, outcome[0], rule.code, **meta)


def checked(rule: Rule, span: Span, severity: str, policy: dict, rule_check: Check | None):
    """A judged candidate through its rule's check: the (span, meta) to record, or None when the check clears it."""
    meta: dict = {}
    if rule_check is not None:
        outcome = rule_check(rule, span, policy)
        if outcome is None:
            return None
        span, meta = outcome
    if severity != rule.severity:
        meta["severity"] = severity
    return span, meta


@Language.factory(
    "notelint_ethics",
    default_config={"extra_patterns": [], "policy": {}},
)
def make_ethics(nlp: Language, name: str, extra_patterns: list[str], policy: dict):
    """Run the ethics rules assigned to `notelint_ethics`, with agency `policy` overriding rule settings."""
    catalogue = load_catalogue(extra_patterns)
    available = set(nlp.pipe_names)
    rules = [r for r in catalogue.active if r.detector == "notelint_ethics"]
    return EthicsDetector(nlp, rules, available, policy)
