"""Suggestions that fit the sentence: article, number, tense and capitals agree with the words they replace.

"an addict" -> "a person with a substance use disorder", "addicts" -> "people with a substance use disorder",
"refused" -> "declined" (from "decline"), "Claims" at a sentence start -> "Reports".
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

ARTICLES = {"a", "an"}
# Head nouns of person-first suggestions, with their plurals; a suggestion starting with one is a noun phrase.
NOUN_PLURALS = {
    "person": "people", "baby": "babies", "newborn": "newborns", "immigrant": "immigrants", "man": "men",
    "woman": "women", "child": "children", "adult": "adults", "individual": "individuals", "parent": "parents",
    "mother": "mothers", "father": "fathers", "client": "clients", "member": "members",
}
PLURAL_NOUNS = set(NOUN_PLURALS.values())
# Verbs whose base form a suggestion may start with; they take the tense of the verb they replace.
IRREGULAR = {
    "be": ("is", "was", "was", "being"), "have": ("has", "had", "had", "having"),
    "choose": ("chooses", "chose", "chosen", "choosing"), "say": ("says", "said", "said", "saying"),
    "take": ("takes", "took", "taken", "taking"), "die": ("dies", "died", "died", "dying"),
    "feel": ("feels", "felt", "felt", "feeling"), "tell": ("tells", "told", "told", "telling"),
    "get": ("gets", "got", "gotten", "getting"), "go": ("goes", "went", "gone", "going"),
}
REGULAR_VERBS = {"decline", "report", "state", "share", "use", "misuse", "return", "resume", "describe", "repeat",
                 "request", "prefer", "disagree", "inject", "trade", "drink", "test"}
# Words that begin with a vowel letter but a consonant sound, and the reverse.
YOU_SOUND = re.compile(r"^(?:u[nrs]i|use|usu|uti|eu|one\b|once\b)", re.IGNORECASE)
SILENT_H = re.compile(r"^(?:hour|honest|honou?r|heir)", re.IGNORECASE)
ACRONYM_VOWEL_SOUND = set("AEFHILMNORSX")


def article(phrase: str) -> str:
    """The indefinite article that reads right before `phrase`: "a person", "an opioid", "an MOUD plan"."""
    word = phrase.split()[0] if phrase.split() else ""
    if word.isupper() and len(word) > 1:
        return "an" if word[0] in ACRONYM_VOWEL_SOUND else "a"
    if SILENT_H.match(word):
        return "an"
    if YOU_SOUND.match(word):
        return "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def is_noun_phrase(suggestion: str) -> bool:
    """Whether a suggestion starts with a person-first head noun (and so takes number and an article)."""
    first = suggestion.split()[0].lower() if suggestion.split() else ""
    return first in NOUN_PLURALS or first in PLURAL_NOUNS


def _verb_third_person_to_plural(word: str) -> str:
    if word == "has":
        return "have"
    if word == "is":
        return "are"
    if re.search(r"(?:ss|sh|ch|x|z)es$", word):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def pluralize(phrase: str) -> str:
    """Make a person-first noun phrase plural: its head noun and the verb of a "who ..." clause.

    "person who uses drugs" -> "people who use drugs"; "baby with NOWS" -> "babies with NOWS".
    """
    words = phrase.split(" ")
    if not words:
        return phrase
    head = words[0].lower()
    if head in NOUN_PLURALS:
        words[0] = _same_case(words[0], NOUN_PLURALS[head])
    for i, word in enumerate(words[:-1]):
        if word.lower() == "who":
            words[i + 1] = _verb_third_person_to_plural(words[i + 1])
            break
    return " ".join(words)


def inflect(verb: str, tag: str) -> str:
    """Give a base-form verb the tense of a Penn tag: VBD / VBN past, VBZ third person, VBG -ing."""
    low = verb.lower()
    if low in IRREGULAR:
        third, past, participle, gerund = IRREGULAR[low]
        form = {"VBZ": third, "VBD": past, "VBN": participle, "VBG": gerund}.get(tag, low)
    elif tag in ("VBD", "VBN"):
        form = low + "d" if low.endswith("e") else low[:-1] + "ied" if re.search(r"[^aeiou]y$", low) else low + "ed"
    elif tag == "VBZ":
        form = low + "es" if re.search(r"(?:s|sh|ch|x|z|o)$", low) else (
            low[:-1] + "ies" if re.search(r"[^aeiou]y$", low) else low + "s")
    elif tag == "VBG":
        form = low[:-2] + "ying" if low.endswith("ie") else (
            low[:-1] + "ing" if low.endswith("e") and not low.endswith("ee") else low + "ing")
    else:
        form = low
    return _same_case(verb, form)


def is_plural(span: Span) -> bool:
    """Whether the words a suggestion replaces are plural ("addicts", "drug users")."""
    root = _head_noun(span)
    if root is None:
        return False
    return root.tag_ in ("NNS", "NNPS") or "Plur" in root.morph.get("Number") or (
        root.lower_.endswith("s") and not root.lower_.endswith("ss") and root.tag_ not in ("NN", "NNP"))


def _head_noun(span: Span) -> Token | None:
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN") or t.tag_.startswith("NN")]
    return nouns[-1] if nouns else None


def _same_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def starts_with_article(span: Span) -> bool:
    return len(span) > 1 and span[0].lower_ in ARTICLES


def fit(suggestion: str, span: Span) -> str:
    """`suggestion` as it would read in place of `span`, with article, number, tense and capitals to match."""
    text = suggestion
    body = span[1:] if starts_with_article(span) else span
    if is_noun_phrase(text):
        plural = is_plural(body)
        if plural:
            text = pluralize(text)
        if starts_with_article(span) and not plural:
            text = f"{article(text)} {text}"
    else:
        verb = body.root if len(body) else span.root
        first = text.split(" ")[0]
        if verb.tag_ in ("VBD", "VBN", "VBZ", "VBG") and (first.lower() in REGULAR_VERBS or first.lower() in IRREGULAR):
            text = " ".join([inflect(first, verb.tag_)] + text.split(" ")[1:])
    return _same_case(span.text, text)
