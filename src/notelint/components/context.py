"""`notelint_context`: the context every rule consults.

Per token it records whether the token sits inside quotation marks (and whom the quote is attributed to),
whether it is negated or hypothetical (ConText-style trigger words with a forward scope), and, through
getters, who a clause is about: the client, the writer (including the implicit writer of telegraphic
sentences such as "Lent client $20."), or a third party.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import doccache

WRITER_WORDS = {"i", "we", "me", "us", "myself", "writer", "crs", "prs", "cprs", "staff", "peer", "specialist", "coach",
                "i'm", "i've", "i'd", "rc", "prc", "cpss", "pss", "prss", "crpa", "mentor", "navigator"}
CLIENT_WORDS = {"client", "pt", "patient", "participant", "consumer", "he", "she", "they", "him", "her", "them",
                "member", "individual", "resident", "mbr", "cl", "ct", "clt", "guest", "person"}
# Body parts and symptoms as subjects ("arm tingling", "his hands were shaking") belong to whoever the sentence
# is about, not to a third person.
BODY_WORDS = {"arm", "arms", "leg", "legs", "hand", "hands", "chest", "head", "back", "stomach", "heart", "face",
              "lips", "skin", "foot", "feet", "knee", "knees", "hip", "eyes", "throat", "body", "mouth", "neck",
              "shoulder", "teeth", "breathing", "pulse", "vision", "speech", "pain", "symptoms", "withdrawal"}
# "No answer so called his mom": a subjectless past verb after one of these continues the writer's log.
LINKS = frozenset({"so", "then", "also", "&", "+"})
# An unattributed quote in the first person is the client's: the writer rarely quotes themselves unannounced.
FIRST_PERSON = frozenset({"i", "i'm", "im", "me", "my", "myself", "i've", "i'll", "i'd"})
SPEECH_LEMMAS = {"say", "state", "report", "tell", "call", "describe", "explain", "add", "ask", "write", "text",
                 "put", "refer", "quote", "share", "mention", "insist", "joke", "laugh", "yell", "reply", "answer",
                 "admit", "note", "express", "identify", "announce", "exclaim", "disclose", "verbalize",
                 "introduce"}
# Surface forms too, so attribution works without a lemmatizer.
SPEECH_FORMS = SPEECH_LEMMAS | {"said", "says", "stated", "states", "reported", "reports", "told", "tells", "called",
                                "calls", "described", "describes", "explained", "explains", "added", "asked", "asks",
                                "wrote", "writes", "texted", "put", "shared", "shares", "mentioned", "insisted",
                                "joked", "replied", "answered", "admitted", "noted", "expressed", "identified",
                                "identifies", "disclosed", "verbalized", "saying", "stating", "calling"}
NEGATION_TRIGGERS = ("no", "not", "n't", "never", "denies", "denied", "deny", "without", "none", "nor", "neither",
                     "negative for", "free of", "absence of", "did not", "does not", "no longer", "ruled out")
HYPOTHETICAL_TRIGGERS = ("if", "would", "could", "might", "whether", "unless", "in case", "should", "what if",
                         "suppose", "supposing", "hypothetically", "in the event", "may want")
TERMINATORS = {"but", "however", "although", "though", "except", "yet", "because", "since", "which", "who", "whereas",
               "while", "so", "and", ";", ":", ".", "!", "?", "—", "–"}
SCOPE = 6
OPEN_QUOTES = {'"', "“", "„", "«"}
CLOSE_QUOTES = {'"', "”", "»"}
HEADER_RE = re.compile(r"^\s*(?:client|pt|patient|participant|name|consumer)\s*(?:name)?\s*[:#-]\s*(.+)$",
                       re.IGNORECASE | re.MULTILINE)


def _register() -> None:
    # nl_negated / nl_hypothetical hold 1 + the index of the trigger word (0: not in any scope), so a rule whose
    # own pattern includes the trigger ("doesn't want to wake up") is not cleared by it.
    for name, default in (("nl_quote", 0), ("nl_negated", 0), ("nl_hypothetical", 0), ("nl_name", False)):
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)
    if not Doc.has_extension("nl_quotes"):
        Doc.set_extension("nl_quotes", default=None)
    if not Doc.has_extension("nl_client_names"):
        Doc.set_extension("nl_client_names", default=frozenset())
    if not Token.has_extension("nl_role"):
        Token.set_extension("nl_role", getter=role_of)
    if not Token.has_extension("nl_agent"):
        Token.set_extension("nl_agent", getter=agent_of)
    if not Token.has_extension("nl_client_quote"):
        Token.set_extension("nl_client_quote", getter=lambda t: _quote_of(t) == "client")
    if not Span.has_extension("nl_about"):
        Span.set_extension("nl_about", getter=lambda span: agent_of(span.root))



def _quote_of(token: Token) -> str | None:
    """The attribution of the quote holding `token` ("client", "writer", "third-party", "none"), or None."""
    qid = token._.nl_quote
    if not qid or not token.doc._.nl_quotes:
        return None
    return token.doc._.nl_quotes[qid - 1][2]


def client_names(text: str) -> frozenset[str]:
    """Lower-cased name tokens of the client, read from a header line such as `Client: Jo Smith | DOB ...`."""
    names: set[str] = set()
    for match in HEADER_RE.finditer(text[:2000]):
        value = re.split(r"\s{2,}|[|/\t]|\bDOB\b|\bID\b|\bMRN\b|\bAcct\b|\d", match.group(1))[0]
        for word in re.findall(r"[A-Za-z][A-Za-z'\-]+", value):
            if len(word) > 1:
                names.add(word.lower())
    return frozenset(names)


def role_of(token: Token) -> str:
    """Who a noun or pronoun refers to: "writer", "client", "third-party" or "unknown"."""
    low = token.lower_
    if low in WRITER_WORDS:
        if low == "peer" and any(c.dep_ == "poss" for c in token.children):
            return "third-party"
        return "writer"
    if low == "this" and token.head.lower_ == "writer":
        return "writer"
    if low in token.doc._.nl_client_names:
        return "client"
    if low in CLIENT_WORDS:
        return "client"
    if low in BODY_WORDS:
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        return role_of(owner) if owner is not None and owner.pos_ in ("NOUN", "PROPN") else "unknown"
    if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
        return "third-party" if token.doc._.nl_client_names else "client"
    if token.pos_ == "NOUN" or any(c.dep_ == "poss" and c.lower_ not in ("my", "our") for c in token.children):
        return "third-party"
    return "unknown"


def _is_label(token: Token) -> bool:
    """A section label the parser may take for a subject: the "P" of "P: CRS told pt ..."."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text == ":" and len(token) <= 12


def _subject_of(verb: Token) -> Token | None:
    # The subject nearest the verb: the parser sometimes hangs a fragment on it too ("Pt undecided abt detox,
    # writer went ahead ...": "detox" and "writer").
    for child in sorted(verb.children, key=lambda c: (c.i > verb.i, abs(c.i - verb.i))):
        if child.dep_ in ("nsubj", "nsubjpass", "csubj") and not _is_label(child):
            between = verb.doc[child.i + 1:verb.i]
            if child.pos_ == "NOUN" and len(between) and between[-1].lower_ in LINKS:
                return None  # "No answer so called his mom": "answer" is not who called
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subject_of(verb.head) if verb.dep_ != "advcl" else None
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.lower_ in WRITER_WORDS | CLIENT_WORDS:
        return verb.head  # "P: Writer called ..." misread as a noun with a clause: the noun is the subject
    return None


CLIENT_OPENERS = frozenset({"claim", "claims", "claimed", "allege", "alleges", "alleged", "insist", "insists",
                            "insisted", "admit", "admits", "admitted", "relapse", "relapsed", "relapses", "purports",
                            "deny", "denies", "denied"})


def _is_telegraphic(verb: Token) -> bool:
    """A clause opening on a verb with no subject ("Lent client $20.") is written by the writer."""
    sent = verb.sent
    first = next((t for t in sent if not (t.is_punct or t.is_space or t.like_num or t.text in ("-", "*", "•"))), None)
    return first is verb and verb.tag_ in ("VBD", "VBN", "VB", "VBP", "VBZ", "VBG") and verb.lower_ not in ("is", "was")


def agent_of(token: Token) -> str:
    """Who does or is what `token` says: walk up to the governing verb and classify its subject."""
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    subject = _subject_of(verb)
    if subject is not None:
        role = role_of(subject)
        if role != "writer" and any(role_of(c) == "writer" for c in subject.conjuncts):
            return "writer"  # "writer and the house manager went through her purse": the writer acts too
        return role
    # "Lent client $20." / "Gave him my number" / "Pt reports ..." tagged oddly: the sentence opener decides.
    head = verb
    while head.dep_ == "conj" and head.head is not head:  # "Ran into her boss and mentioned ...": the first verb's
        head = head.head                                   # subject (or its absence) governs the conjoined one
    prev = head.doc[head.i - 1] if head.i > head.sent.start else None
    after_link = prev is not None and prev.lower_ in LINKS and head.tag_ in ("VBD", "VBN")
    if _is_telegraphic(head) or (head.i == head.sent.start and head.pos_ == "VERB") or after_link:
        # "Claims the bus never came." / "Relapsed again.": verbs a writer uses of the client, not of themselves.
        if head.lower_ in CLIENT_OPENERS or head.lemma_.lower() in CLIENT_OPENERS:
            return "client"
        return "writer"
    return "unknown"


def _mark_quotes(doc: Doc) -> None:
    quotes: list[tuple[int, int, str]] = []
    open_at = None
    for tok in doc:
        if tok.text in OPEN_QUOTES | CLOSE_QUOTES:
            if open_at is None and tok.text in OPEN_QUOTES:
                open_at = tok.i
            elif open_at is not None and tok.text in CLOSE_QUOTES:
                quotes.append((open_at, tok.i + 1))
                open_at = None
    out = []
    for qid, (start, end) in enumerate(quotes, start=1):
        for tok in doc[start:end]:
            tok._.nl_quote = qid
        out.append((start, end, _attribution(doc, start, end)))
    doc._.nl_quotes = out


def _attribution(doc: Doc, start: int, end: int) -> str:
    """Whose words a quote is: find a speech verb just before or after it in the same sentence."""
    sent = doc[start].sent
    before = doc[max(sent.start, start - 10):start]
    after = doc[end:min(sent.end, end + 6)]
    for tok in list(reversed(before)) + list(after):
        if tok.lemma_.lower() in SPEECH_LEMMAS or tok.lower_ in SPEECH_FORMS or tok.text == ":":
            speaker = _subject_of(tok) if tok.pos_ in ("VERB", "AUX") else None
            if speaker is None and tok.text == ":":
                prev = doc[tok.i - 1] if tok.i > 0 else None
                speaker = prev if prev is not None and prev.pos_ in ("NOUN", "PROPN", "PRON") else None
            role = role_of(speaker) if speaker is not None else ("client" if tok.i < start else "unknown")
            return "client" if role in ("client", "unknown") else role
        if tok.lower_ in ("per", "in") and tok.nbor(1).lower_ in ("client", "pt", "her", "his", "their") if tok.i + 1 < len(doc) else False:
            return "client"
    # An unattributed quote in the first person ('"I'm done being a junkie in a parking lot."') is the client's.
    if any(t.lower_ in FIRST_PERSON for t in doc[start:end]):
        return "client"
    return "none"


def _scope_marks(doc: Doc, triggers: tuple[str, ...], attr: str) -> None:
    lowered = [t.lower_ for t in doc]
    single = {t for t in triggers if " " not in t}
    multi = [tuple(t.split()) for t in triggers if " " in t]
    i = 0
    while i < len(doc):
        width = 0
        if lowered[i] in single:
            width = 1
        else:
            for m in multi:
                if tuple(lowered[i:i + len(m)]) == m:
                    width = len(m)
                    break
        if width:
            end = min(len(doc), i + width + SCOPE, doc[i].sent.end)
            for j in range(i + width, end):
                if lowered[j] in TERMINATORS and j > i + width:
                    break
                setattr(doc[j]._, attr, i + 1)
            i += width
        else:
            i += 1


# Words that end or anchor the name of a fellowship, instrument, agency or program: a Title-Case run holding
# one of them ("Alcoholics Anonymous", "Drug Abuse Screening Test", "Riverbend Detox") is a name, not prose.
NAME_HEADS = {"anonymous", "test", "screening", "inventory", "scale", "questionnaire", "institute", "administration",
              "program", "programme", "center", "centre", "clinic", "unit", "services", "service", "association",
              "council", "coalition", "foundation", "network", "project", "initiative", "alliance", "society",
              "detox", "rehab", "court", "house", "hospital", "agency", "department", "office", "book", "group"}
NAME_JOINERS = {"of", "on", "and", "for", "the", "&", "-", "'s"}


def _mark_names(doc: Doc) -> None:
    """Mark tokens inside proper names of fellowships, instruments and programs (`._.nl_name`)."""
    run: list[Token] = []

    def close() -> None:
        while run and run[-1].lower_ in NAME_JOINERS:
            run.pop()
        if len(run) >= 2 and any(t.lower_ in NAME_HEADS for t in run[1:]):
            for t in run:
                t._.nl_name = True
        run.clear()

    for tok in doc:
        capital = tok.is_title or (tok.is_upper and len(tok) > 1 and tok.is_alpha)
        if capital or (run and tok.lower_ in NAME_JOINERS and not tok.is_sent_start):
            if tok.is_sent_start and run:
                close()
            run.append(tok)
        else:
            close()
    close()


def annotate(doc: Doc) -> Doc:
    doc._.nl_client_names = client_names(doccache.text(doc))
    _mark_quotes(doc)
    _mark_names(doc)
    _scope_marks(doc, NEGATION_TRIGGERS, "nl_negated")
    _scope_marks(doc, HYPOTHETICAL_TRIGGERS, "nl_hypothetical")
    if doc.has_annotation("DEP"):
        for tok in doc:
            if tok.dep_ == "neg":
                tok.head._.nl_negated = tok.i + 1
                for child in tok.head.children:
                    if child.dep_ in ("acomp", "dobj", "attr", "oprd"):
                        for sub in child.subtree:
                            sub._.nl_negated = tok.i + 1
    return doc


_register()


@Language.factory("notelint_context", default_config={})
def make_context(nlp: Language, name: str):
    """Annotate quotes, negation, hypotheticals and the client's name on every Doc."""
    return annotate


@Language.factory("notelint_lines", default_config={})
def make_lines(nlp: Language, name: str):
    """Start a new sentence after every line break: note headers and list items are not one sentence."""

    def split_lines(doc: Doc) -> Doc:
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                tok.is_sent_start = True
            elif not tok.is_space and tok.is_sent_start is None:
                continue
        return doc

    return split_lines
