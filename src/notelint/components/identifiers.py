"""`notelint_identifiers`: person names, places and named facilities, the identifiers that need judgement.

Shapes (phones, dates, record numbers) run in the generic `notelint_rules` engine. Names, towns and
facilities have no fixed shape, so this component combines several kinds of evidence the way the best
de-identification tools do, and keeps them consistent across the note:

- the base model's entities, including the ORG / FAC predictions (employers, clinics, churches) that
  Presidio discards, filtered through a clinical allow-list of capitalised terms that are not identifiers
  (Suboxone, IOP, WRAP, CPS...) that `Settings.allow` extends with agency and program names;
- the rules' own cue patterns ("client Hope", "his sponsor Will", "Mrs. Ortiz", "Dana said", "works at ...",
  "... County", "... Recovery Center");
- note headers ("Client: ...", "4/2/24 | Dana Whitfield | ID ...", "Whitfield, Dana");
- person slots: a capitalised proper noun that is no English word (the base model's lemmatizer ships a
  WordNet word list) is a name when it does what people do in a sentence: subject or object of a verb,
  owner ("Tavi's mom"), apposition ("her son Oakes"), addressee ("yelled at Quenby", "Bexley, call me");
  a lower-case one after a role word ("his sister tove") as well;
- consistency: once a note names someone ("Dana Whitfield"), the same name elsewhere ("Dana said") is
  flagged too, and a facility's short form ("Eastbrook" after "Eastbrook OTP") as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from .. import candidates, doccache
from ..catalogue import Rule, load_catalogue
from ..verdict import verdict

DETECTOR = "notelint_identifiers"

# Capitalised words in notes that identify no one: medications, programs, fellowships, agencies, credentials
# and note vocabulary. Lower-cased; `Settings.allow` adds an agency's own names.
CLINICAL_ALLOW = frozenset("""
suboxone subutex sublocade zubsolv vivitrol narcan naloxone naltrexone methadone buprenorphine antabuse disulfiram
campral acamprosate lexapro zoloft prozac paxil celexa wellbutrin effexor cymbalta trazodone seroquel abilify
risperdal xanax klonopin ativan valium adderall ritalin vyvanse gabapentin neurontin lyrica percocet oxycontin
vicodin norco dilaudid tramadol fentanyl fent chantix nicorette tylenol advil ibuprofen insulin metformin
benadryl melatonin nyquil dayquil unisom zzzquil sudafed claritin zyrtec allegra aleve motrin excedrin pepto tums
imodium mucinex robitussin dramamine aspirin midol prilosec pepcid flonase kratom
lisinopril prazosin clonidine hydroxyzine vistaril lithium depakote lamictal topamax brixadi lucemyra probuphine
kloxxado zimhi lofexidine venmo zelle cashapp paypal zoom facetime uber lyft facebook instagram snapchat tiktok
whatsapp google youtube teams doxy netflix hulu spotify doordash instacart grubhub iban atm pin gps wifi
acct addr address apt ste dept appt appts cell mobile fax tel desk website dx hx rx tx sx fu tox meds labs vitals
oh hey yeah yep nope wow um uh hmm lol omg
iop php mat moud mar otp wrap smart emdr tf-cbt cpt ifs act cpap bipap gmail yahoo hotmail outlook icloud clt ph cna lvm insta doc dcs pride lifeline owner rc nas gi mtg u via visa psalms c-ssrs cssrs phq-9 phq gad-7 dast audit-c asq biba fts ehr emr army navy marines usmc mh bh dcf anon vet vets aa na ca ga cma al-anon alanon nar-anon alateen celebrate refuge
crs cprs prs crss cps aps dcfs dss dhs ssa ssi ssdi snap wic ebt tanf hud va medicaid medicare hipaa roi
cfr cadc lcsw lpc lmhc lac msw md do rn lpn np pa pcp ed er icu nicu ama dob dos mrn id ua uds tox ekg
si hi ptsd adhd oud aud sud gad mdd cbt dbt mi asam dsm icd ged dmv dui dwi ged bac etoh thc cbd hep hiv
bp hr rr o2 bmi dv ipv sa csa ot pt/ot sti std uti copd ems ems/911 nos mse
latina latino latinas latinos latinx hispanic black white asian native indigenous arab muslim christian catholic
jewish hindu sikh buddhist mormon baptist methodist lutheran pentecostal evangelical lgbtq lgbt lgbtqia queer
pt pts client clients writer staff peer peers specialist sponsor sponsee group member members participant
note notes log contact narrative session sessions summary progress update intake discharge visit call phone text
txt email telehealth video office plan goal goals data assessment response intervention behavior behaviour
subjective objective circle class meeting meetings review follow-up check-in walk-in weekly daily monthly
recovery wellness support action crisis safety relapse prevention coping cravings craving anger grief
bible god lord jesus christ higher power big book step steps tradition traditions serenity prayer
anonymous alcoholics narcotics cocaine crystal meth heroin alcohol opioid opioids benzo benzos
mr mrs ms dr miss sir maam ok okay yes no hi hello thanks thank please re fyi asap n/a na tbd
grp grps arr req reqs lib cm cms bmv fmla cfs cdl bil sil mil fil ra liheap recert recerts sched resched nite tmrw
wk wks wknd hrs mins approx ppl pls thx abt rcvd recd cx dc hosp sw cw apt. mgr sup supv coord rep reps admin
messenger addendum mens womens subs ig ssp nep sep asl vri sci eng duis dwis
""".split())
ROLE_WORDS = frozenset("""
client pt patient participant member resident consumer sponsor sponsee sister brother mom mother dad father son
daughter kid child baby grandson granddaughter stepson stepdaughter guardian spouse wife husband boyfriend
girlfriend fiance fiancee partner ex roommate neighbor neighbour friend cousin aunt mamaw papaw meemaw pawpaw granny nana abuela abuelo tia tio
uncle grandma grandmother grandpa grandfather nephew niece stepdad stepmom landlord landlady boss supervisor manager
coworker counselor counsellor therapist caseworker prescriber pastor attorney lawyer officer po mr mrs ms miss dr
named called writer staff peer nurse doctor judge
""".split())
# Redaction placeholders ("[NAME]", "[PERSON-2]") must not read as identifiers when a redacted note is linted.
PLACEHOLDER = re.compile(r"^(?:NAME|PERSON|DATE|PHONE|EMAIL|ADDRESS|LOCATION|SSN|ID|URL|IP|ORG|AGE|IDENTIFIER)(?:-\d+)?$")
TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "mx", "mx."})
WEEKDAYS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds thu thur thurs fri sat sun mondays tuesdays wednesdays thursdays fridays saturdays sundays
today tomorrow yesterday tonight weekend weekday morning afternoon evening
""".split())
MONTHS = frozenset("""
january february march april may june july august september october november december jan feb mar apr jun jul aug
sep sept oct nov dec
""".split())
HOLIDAYS = frozenset("christmas thanksgiving easter halloween hanukkah kwanzaa ramadan eid passover".split())
US_STATES = frozenset("""
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin
wyoming
""".split()) | {"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
                "rhode island", "south carolina", "south dakota", "west virginia", "district of columbia",
                "puerto rico", "guam"}
STATE_CODES = frozenset("""
AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA
RI SC SD TN TX UT VT VA WA WV WI WY DC PR
""".split())
# Countries and regions are not Safe Harbor identifiers; the list covers those a note is likely to name.
COUNTRIES = frozenset("""
usa us america canada mexico guatemala honduras salvador nicaragua cuba haiti jamaica dominican colombia venezuela
peru ecuador brazil argentina chile bolivia england britain uk ireland scotland wales france germany italy spain
portugal poland ukraine russia greece turkey israel iran iraq syria lebanon jordan egypt nigeria ghana kenya
ethiopia somalia sudan congo liberia senegal morocco algeria india pakistan bangladesh china japan korea vietnam
laos cambodia thailand philippines indonesia afghanistan nepal australia europe asia africa
""".split()) | {"united states", "el salvador", "puerto rico", "south korea", "north korea", "united kingdom",
                "new zealand", "south africa", "latin america", "central america", "south america", "middle east"}
# Languages ("started her share in Spanish"): never a place.
LANGUAGES = frozenset("""
english spanish french creole haitian portuguese vietnamese chinese mandarin cantonese korean japanese tagalog arabic
somali amharic russian ukrainian polish hindi urdu bengali punjabi farsi persian pashto dari swahili hmong karen
navajo lakota ojibwe cherokee k'iche' mam asl italian german greek hebrew yiddish diné dine tigrinya oromo nepali
burmese khmer lao thai indonesian malay turkish kurdish albanian bosnian serbian croatian romanian yoruba igbo twi
""".split())
# Words that make up program and agency names without identifying anyone; a facility name needs one more.
GENERIC_ORG_WORDS = frozenset("""
recovery treatment center centre community family health mental behavioral behavioural services service group
women's men's womens mens women men early peer support wellness adult adults protective social security program outpatient
inpatient residential sober living house home crisis emergency department court drug county state regional
medical hospital clinic the of and & for a an club meeting meetings class circle new public human housing
child children youth senior veterans legal aid office center's care unit room hall skills skill relapse prevention
coping life anger management grief parenting education seeking safety thinking process action plan workshop
training session team reentry re-entry dual diagnosis intensive partial hospitalization day night evening
""".split())
# Verbs that open telegraphic note sentences ("Lent Dana $20", "Met Lou at ..."): never part of a name.
NOTE_VERBS = frozenset("""
lent gave met called texted drove took saw told asked helped sent left picked brought bought paid walked spoke
emailed reminded encouraged provided offered assisted transported accompanied reviewed discussed explained
checked dropped visited introduced connected referred scheduled rescheduled contacted phoned messaged signed
loaned fronted owed handed venmoed venmo'd zelled thanked kept went got made found put let sat stayed tried
started stopped continued waited worked filled wrote heard felt
""".split())
# Common first names the word list also holds (as saints, places, nouns): still names when a proper noun sits
# in a person slot ("that Teresa had to go back"). Ordinary words among them are in COMMON_WORD_NAMES instead.
FIRST_NAMES = frozenset("""
james john robert michael david joseph thomas charles christopher daniel matthew anthony paul andrew joshua george
timothy edward jason jacob gary nicholas jonathan stephen scott benjamin samuel gregory alexander patrick jerry
tyler aaron adam henry douglas peter walter noah terry arthur lawrence dylan bryan billy bruce gabriel logan albert
wayne elijah randy eugene russell bobby philip louis mary elizabeth sarah karen nancy donna melissa rebecca cynthia
anna helen rachel catherine maria heather ruth joyce victoria kelly judith teresa theresa jean doris isabella diana
brittany carlos rosa ana sofia
""".split())
# First names that are also ordinary words: flagged in name-like positions, never from lower-case text.
COMMON_WORD_NAMES = frozenset("""
hope will grace faith bill june rose joy mark iris autumn summer dawn april may august ruby pearl amber crystal
destiny sky hunter chase grant frank guy art sue pat rich drew ray jack penny sandy rusty brandy ginger heather
holly ivy lily daisy violet jasmine star river stone cash king young black white brown green baker miles gene
dean earl joy patience charity mercy honor noble major precious angel trinity harmony journey storm rocky buck
""".split())
HEADER_LABEL = re.compile(r"^\s*(?:client|pt|patient|participant|member|resident|consumer|name|attendee|re)"
                          r"\s*(?:name)?\s*[:#-]\s*", re.IGNORECASE)
HEADER_SPLIT = re.compile(r"\s+[|/–—-]\s+|\s{2,}|\t|\s*\|\s*")
# Endings of abstract English nouns no first name or surname shares ("induction", "assessment", "wellness").
ABSTRACT_NOUN = re.compile(r"(?:tion|sion|ment|ness|ity|ism|ing)$")
# Capitals and letters of the Latin alphabets names are written in ("Gréta", "Čika", "Øster").
UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž"
SEGMENT_NAME = re.compile(
    rf"^(?:[{UP}][{LETTER}'’-]+(?:\s+[{UP}]\.?)?(?:\s+[{UP}][{LETTER}'’-]+){{1,2}}\.?"  # First (M.) Last
    rf"|[{UP}][{LETTER}'’-]+\s+[{UP}]\."  # First L.
    rf"|[{UP}][{LETTER}'’-]+,\s*[{UP}][{LETTER}'’-]*\.?(?:\s+[{UP}]\.)?)$"  # Last, First / Last, F.
)
# Around a name on a log or address line: dates, times, phone numbers, quote marks and bullets ("4/2 9:15a
# Tamsin Ocampo", "> Ilse Varga", "Bo Lind 555-0142").
LINE_LEAD = re.compile(r"^(?:[^\w(]+|\d[\d/.:-]*(?:[ap]m?)?\b|\([^)]*\))+\s*", re.IGNORECASE)
SPEAKER = re.compile(rf"^\s*([{UP}][{LETTER}'’-]+)\s*:\s*[\"“']")
LINE_TAIL = re.compile(r"\s+(?:\(?\+?\d|[-–—|:]).*$")
ACRONYM = re.compile(r"[A-Z](?:-?[A-Z]){1,5}|[A-Z][a-z][A-Z]{2,3}")
ZIP = re.compile(r"\d{5}(?:-\d{4})?")
# Dependency roles in which a proper noun is doing what people do in a sentence.
PERSON_DEPS = frozenset({"nsubj", "dative", "poss", "appos", "attr", "oprd", "ROOT"})
# Verbs whose object is usually a person: "visited Oakes", "hugged Tavi" (not "watched Netflix", "took Amtrak").
PERSON_OBJECT_VERBS = frozenset("""
meet see visit call text phone message email hug kiss thank remind invite introduce encourage support help ask tell
pay owe lend give drive pick bring marry date love miss know like hate trust blame fire hire sponsor mentor
accompany join follow contact reach page greet welcome congratulate praise warn threaten hit push punch
""".split())
# Verbs that things, not people, do: a subject of these is a device, a drug or a service ("Smartphone broke").
THING_VERBS = frozenset("""
break crash expire cost ship load discuss review prescribe approve cover taper increase decrease wear kick fail
deny renew lapse arrive
""".split())
# Verbs whose "at" / "to" object is a person, not a place: "yelled at Quenby", "handed it to Oakes".
ADDRESSEE_VERBS = frozenset("""
shout yell scream say talk speak wave smile laugh give send write lend hand text point look stare swear lie
apologize apologise introduce explain complain sell pay owe sing reply answer whisper nod wink hug
""".split())
SPEECH_LEMMAS = frozenset("""
say state report tell ask share text call admit explain mention shout yell reply answer agree complain
""".split())
LABELS = ("NAME", "ORG", "LOCATION")
MODALS = frozenset({"will", "may", "can", "shall", "must"})


def _in_longer_name(span) -> bool:
    """A word the model split off a longer proper name: "Cobbler" of "Cobbler's Reach", "Route" of "Route 9"."""
    doc = span.doc
    after = span.end + (1 if span.end < len(doc) and doc[span.end].text in ("'s", "’s") else 0)
    nxt = doc[after] if after < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if nxt is not None and (nxt.like_num or nxt.is_title and nxt.is_alpha):
        return True
    return prev is not None and prev.is_title and prev.is_alpha and prev.i != prev.sent.start


@dataclass
class Evidence:
    """One candidate: token range, label, and how strong the evidence is (3 cue/header, 2 model, 1 weak)."""

    start: int
    end: int
    label: str
    strength: int
    any_case: bool = False  # a cue fixed the name's position ("Name: dana ruiz"), so lower case is kept


def doc_next(token: Token) -> Token | None:
    """The token after `token`, or None at the end of the Doc."""
    return token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None


def _before_state(token: Token) -> bool:
    """A town is followed by its state: "Dorrance, OH", "Dorrance, Ohio"."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
        return False
    after = doc[token.i + 2]
    return after.text in STATE_CODES or after.lower_ in US_STATES


def _opening_subject(token: Token) -> bool:
    """A sentence's first word followed by its verb ("Ysolde lives ..."), which the tagger may call a noun."""
    nxt = doc_next(token)
    return (token.i == token.sent.start and len(token) >= 4 and token.tag_ in ("NN", "JJ", "NNP")
            and token.dep_ != "nsubjpass" and token.head.lemma_ not in THING_VERBS
            and nxt is not None and nxt.pos_ in ("VERB", "AUX") and nxt.lower_ not in ("'s", "’s")
            and nxt.lemma_ not in THING_VERBS)


def _is_preposition_cue(rules: dict[str, Rule], key: str) -> bool:
    """A place after "in"/"from" is weak evidence: the same position holds program and people names too."""
    label, index = key.split("#")
    first = rules[label].patterns[int(index)]["token"][0]
    return "from" in first.get("LOWER", {}).get("IN", [])


def _low(token: Token) -> str:
    return token.lower_.rstrip(".")


def _low_text(text: str) -> str:
    return text.lower().rstrip(".")


def english_words(nlp: Language) -> frozenset[str]:
    """Ordinary English words, from the word index the base model's rule lemmatizer ships (WordNet lemmas).

    Empty when the pipeline has no such lemmatizer; the evidence that needs it is then skipped.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lemmatizer = nlp.get_pipe("lemmatizer")
    cached = getattr(lemmatizer, "_notelint_words", None)  # built once per model: the NER gate asks too
    if cached is not None:
        return cached
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    words = frozenset(word for key in table for word in table[key] if "_" not in word)
    lemmatizer._notelint_words = words
    return words


def _stems(word: str) -> list[str]:
    """Base forms an inflected English word may come from ("states" -> state, "skills" -> skill)."""
    out = []
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    if word.endswith("ed"):
        out += [word[:-2], word[:-1]]
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
    return out


DESCRIBING_TAGS = ("JJ", "JJR", "JJS", "RB", "RBR")


def _derived(word: str) -> list[str]:
    """Words an adjective or adverb may be made from ("sweaty" -> sweat, "calmer" -> calm, "shaky" -> shake)."""
    out = []
    if word.endswith("ier") or word.endswith("ily"):
        out.append(word[:-3] + "y")
    if word.endswith("er") or word.endswith("ly"):
        out += [word[:-2], word[:-1]]
    if word.endswith("y") and len(word) > 4:
        out += [word[:-1], word[:-1] + "e"]
        if word[-2] == word[-3]:
            out.append(word[:-2])  # "chatty" -> chat
    return out


def _title(token: Token) -> bool:
    """Capitalised like a name: "Oakes", "Čika", "McAdoo", "O'Neil"; not "IOP" or "iPhone"."""
    text = token.text
    return len(text) > 1 and text[0].isupper() and not text.isupper() and token.is_alpha or (
        len(text) > 2 and text[0].isupper() and re.fullmatch(rf"[{LETTER}]+['’-][{LETTER}]+", text) is not None)


class IdentifierDetector:
    """Compile the name / place / facility rules once; gather and reconcile evidence on each Doc."""

    def __init__(self, nlp: Language, rules: Iterable[Rule], allow: Iterable[str] = (), available: set[str] | None = None):
        self.rules: dict[str, Rule] = {}
        self.skipped: dict[str, str] = {}
        available = set(nlp.pipe_names) if available is None else available
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.focus: dict[str, tuple[int, int]] = {}
        allow_lower = {a.strip().lower() for a in allow if a.strip()}
        self.allow_words = CLINICAL_ALLOW | {a for a in allow_lower if " " not in a}
        self.allow_phrases = {a for a in allow_lower if " " in a}
        for rule in rules:
            if rule.label not in LABELS:
                continue
            reason = rule.unmet(available)
            if reason:
                self.skipped[rule.code] = reason
                continue
            self.rules[rule.label] = rule
            for i, pattern in enumerate(rule.patterns):
                if "token" not in pattern:
                    continue
                key = f"{rule.label}#{i}"
                self.matcher.add(key, [pattern["token"]], greedy="LONGEST")
                if "focus" in pattern:
                    self.focus[key] = tuple(pattern["focus"])
        self.weak = {key for key in self.focus if key.startswith("LOCATION#") and _is_preposition_cue(self.rules, key)}
        self.words = english_words(nlp)

    # -- filtering --------------------------------------------------------------------------------------

    def _ignorable(self, token: Token, label: str, any_case: bool = False) -> bool:
        """Edge tokens trimmed from a candidate: punctuation, lower-case words, roles, titles, allow-listed."""
        low = _low(token)
        if label == "LOCATION" and ZIP.fullmatch(token.text):
            return False
        if PLACEHOLDER.match(token.text) or token.is_punct or token.is_space or token.like_num or token.is_stop and token.is_lower:
            return True
        if token.is_lower and not (any_case and token.is_alpha):
            return True
        # A facility's own name keeps its generic words ("Birchwood Recovery Services").
        if label != "ORG" and (low in self.allow_words or low in ROLE_WORDS) or low in TITLES or token.lower_ in TITLES:
            return True
        if low in WEEKDAYS or low in HOLIDAYS:
            return True
        if label == "NAME" and low in NOTE_VERBS:
            return True
        if label == "NAME" and low in MODALS and token.i + 1 < len(token.doc) and token.nbor(1).tag_ == "VB":
            return True  # "Will continue weekly", "May need a ride": a modal before a verb, not a name
        opens = token.i == token.sent.start or token.i > 0 and token.nbor(-1).text == ":"  # "G: Renew Medicaid"
        if label == "NAME" and token.pos_ in ("VERB", "AUX") and low not in COMMON_WORD_NAMES and opens:
            return True
        return False

    def _trim(self, doc: Doc, start: int, end: int, label: str, any_case: bool = False) -> tuple[int, int]:
        while start < end and self._ignorable(doc[start], label, any_case):
            start += 1
        while end > start and (self._ignorable(doc[end - 1], label, any_case) and doc[end - 1].text not in (".",)
                               or doc[end - 1].is_punct and not re.fullmatch(r"[A-Z]\.", doc[end - 1].text)):
            end -= 1
        # Hyphen-joined words belong together: "Two-Rivers Clinic", "Mary-Kate".
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_ \
                and doc[start - 2].is_title:
            start -= 2
        return start, end

    def _acceptable(self, span: Span, label: str, any_case: bool = False) -> bool:
        words = [t for t in span if t.is_alpha or re.fullmatch(r"(?:[A-Z]\.)+", t.text)]
        if label == "LOCATION" and ZIP.fullmatch(span.text):
            return True  # a ZIP code after its cue
        if not words:
            return False
        text = span.text.lower()
        if text in self.allow_phrases or text in US_STATES or text in COUNTRIES:
            return False
        lows = [_low(t) for t in words]
        informative = [w for w in lows if w not in self.allow_words and w not in ROLE_WORDS and w not in WEEKDAYS
                       and w not in MONTHS and w not in HOLIDAYS]
        if not informative:
            return False
        if not any_case and not any(t.text[:1].isupper() for t in words):
            return False
        if label == "ORG" and all(w in GENERIC_ORG_WORDS or w in self.allow_words for w in lows):
            return False
        if all(w in LANGUAGES for w in lows):
            return False  # "Diné", "Dari": a language or people, not a name
        if label == "LOCATION":
            if all(w in US_STATES or w in COUNTRIES or w in LANGUAGES or t.text in STATE_CODES for w, t in zip(lows, words)):
                return False
        doc = span.doc
        if span.end < len(doc) and doc[span.end].text == ":" and span.start > 0 \
                and "\n" not in doc[span.start - 1].text and doc[span.start - 1].text != ":":
            return False  # a field label inside a line: "Dur: 30 min  Loc: Community"
        if label in ("NAME", "ORG") and any(t.is_space and "\n" not in t.text for t in span):
            return False  # two fields run together: "Peer Support - Individual   Duration"
        if ACRONYM.fullmatch(span.text.strip()):
            return False  # "HV", "QRT", "C-SSRS", "PrEP": case-work and clinical abbreviations, not names or places
        bare = [t for t in span if not (t.is_punct or t.is_space)]
        quoted = span.start > 0 and doc[span.start - 1].text in ('"', "(", "“")  # a nickname: ("Toby")
        if label in ("ORG", "LOCATION") and len(bare) == 1 and len(words) == 1 and lows[0] in self.words \
                and lows[0] not in FIRST_NAMES and not quoted and not _in_longer_name(span):
            return False  # "Next", "Kitchen", "South": one ordinary word is not an identifying facility or place
        if label == "NAME":
            if any(t.like_num for t in span) or len(span) > 4:
                return False
            if len(words) == 1 and ABSTRACT_NOUN.search(lows[0]) and lows[0] in self.words:
                return False  # "Induction went smoothly", "Treatment continues": a word, not a name
            if len(words) == 1 and words[0].is_upper and len(words[0]) <= 4 and "." not in words[0].text:
                return False  # an acronym, not a name
        return True

    # -- evidence ---------------------------------------------------------------------------------------

    def _from_patterns(self, doc: Doc) -> Iterable[Evidence]:
        if not len(self.matcher):
            return
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            if key in self.focus:
                a, b = self.focus[key]
                start, end = start + a, (start + b if b > 0 else end + b)
            label = key.split("#")[0]
            yield Evidence(start, end, label, 1 if key in self.weak else 3, any_case=label == "NAME" and key in self.focus)

    def _ordinary_person(self, ent: Span) -> bool:
        """A PERSON guess made of ordinary words: "Calm, well groomed", "Coping Skills", "Induction went ..."."""
        words = [t for t in ent if t.is_alpha]
        if not words or not self.words:
            return False
        lows = [_low(t) for t in words]
        if any(w in FIRST_NAMES or w in COMMON_WORD_NAMES for w in lows):
            return False
        if not all(w in self.words or self._inflected_word(w) for w in lows):
            return False
        first = words[0]
        after_label = first.i > 0 and first.nbor(-1).text == ":"  # "O: Calm, well groomed"
        inflected = any(t.tag_ in ("VBG", "NNS") or t.lower_.endswith("ing") for t in words)
        return len(words) == 1 and after_label or inflected

    def _from_entities(self, doc: Doc) -> Iterable[Evidence]:
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                if not self._ordinary_person(ent):
                    yield Evidence(ent.start, ent.end, "NAME", 2)
            elif ent.label_ in ("ORG", "FAC"):
                yield Evidence(ent.start, ent.end, "ORG", 2)
            elif ent.label_ in ("GPE", "LOC"):
                yield Evidence(ent.start, ent.end, "LOCATION", 2)

    def _inflected_word(self, word: str) -> bool:
        """An inflected form of an English word ("states", "skills", "coping")."""
        return any(stem in self.words for stem in _stems(word))

    def _unknown(self, token: Token) -> bool:
        """No English word and no listed term: "Oakes", "Quenby"; not "Recovery", "Grace" or "Suboxone"."""
        low = _low(token)
        name_like = low in FIRST_NAMES or low not in self.words and token.lemma_.lower() not in self.words \
            and not ((token.i == token.sent.start or token.is_lower) and self._inflected_word(low)) \
            and not ((token.tag_ in DESCRIBING_TAGS or token.is_lower) and any(w in self.words for w in _derived(low)))
        return (name_like and low not in self.allow_words
                and low not in ROLE_WORDS and low not in WEEKDAYS and low not in MONTHS and low not in US_STATES
                and low not in COUNTRIES and low not in GENERIC_ORG_WORDS)

    def _person_slot(self, token: Token) -> bool:
        """Whether a proper noun sits where people sit: subject, object, owner, apposition, addressee."""
        head = token.head
        if token.dep_ == "nsubj" and head.lemma_ in THING_VERBS:
            return False
        if token.dep_ in PERSON_DEPS or token.dep_ == "dobj" and head.lemma_ in PERSON_OBJECT_VERBS:
            return True
        if token.dep_ == "conj" and head is not token:
            return self._person_slot(head)  # "Ysolde and Marit" share the first one's slot
        if token.dep_ == "pobj" and head.lower_ in ("with", "by"):
            return True
        if token.dep_ == "pobj" and head.lower_ in ("at", "to") and head.head.lemma_ in ADDRESSEE_VERBS:
            return True
        nxt = doc_next(token)
        # A vocative opening a sentence ("Bexley, can you ...") or a speaker label opening a line ("Oakes: ...").
        if nxt is not None and (nxt.text == "," and token.i == token.sent.start
                                or nxt.text == ":" and (token.i == 0 or "\n" in token.doc[token.i - 1].text)):
            return True
        return False

    def _from_slots(self, doc: Doc) -> Iterable[Evidence]:
        """Names no list knows, told by what they do in the sentence ("Quenby yelled at Oakes")."""
        if not self.words or not doc.has_annotation("DEP"):
            return
        for tok in doc:
            if _title(tok) and self._unknown(tok) and not _before_state(tok) and (
                    tok.pos_ == "PROPN" and self._person_slot(tok) or _opening_subject(tok)):
                start, end = tok.i, tok.i + 1
                while start > 0 and self._name_part(doc[start - 1]):
                    start -= 1
                while end < len(doc) and self._name_part(doc[end]):
                    end += 1
                yield Evidence(start, end, "NAME", 2)
            elif tok.is_lower and tok.is_alpha and len(tok) > 2 and not tok.is_stop and self._unknown(tok):
                # Lower-case names after a role word ("his sister tove") or speaking ("tove said").
                prev = doc[tok.i - 1] if tok.i else None
                if prev is not None and prev.text in (",",) and tok.i > 1:
                    prev = doc[tok.i - 2]
                plural = tok.tag_ in ("NNS", "NNPS") or tok.lemma_.lower() != tok.lower_
                if not plural and (prev is not None and _low(prev) in ROLE_WORDS and prev.lower_ not in ("named", "called")
                                   or tok.dep_ == "nsubj" and tok.head.lemma_ in SPEECH_LEMMAS):
                    yield Evidence(tok.i, tok.i + 1, "NAME", 2, any_case=True)

    def _name_part(self, token: Token) -> bool:
        """A neighbour that belongs to the same name: another capitalised proper noun or an initial."""
        if "\n" in token.text or token.is_space:
            return False
        if re.fullmatch(rf"[{UP}]\.?", token.text):
            return True
        low = _low(token)
        return token.pos_ == "PROPN" and _title(token) and low not in self.allow_words and low not in ROLE_WORDS \
            and low not in TITLES and low not in WEEKDAYS and low not in MONTHS

    def _from_headers(self, doc: Doc) -> Iterable[Evidence]:
        """Name-shaped segments of header and log lines.

        Labelled or divided lines (`Client: ...`, `4/2/24 | Dana Whitfield | ID ...`, `Whitfield, Dana - log`)
        trust the name's shape; a plain short line (`4/2/24 Tamsin Ocampo`, `> Ilse Varga`) also needs a word
        that is no English word, so titles such as "Progress Note" or "Relapse Prevention" pass.
        """
        text = doccache.text(doc)
        for line in re.finditer(r"[^\n]+", text):
            body = line.group()
            speaker = SPEAKER.match(body)
            if speaker and self.words and _low_text(speaker.group(1)) not in self.words | self.allow_words | ROLE_WORDS:
                span = doc.char_span(line.start() + speaker.start(1), line.start() + speaker.end(1), alignment_mode="expand")
                if span is not None:
                    yield Evidence(span.start, span.start + 1, "NAME", 3)
                continue
            labelled = HEADER_LABEL.match(body)
            divided = labelled or HEADER_SPLIT.search(body)
            if not divided and len(body.split()) > 8:
                continue
            offset = line.start()
            cuts = [0] + [p for m in HEADER_SPLIT.finditer(body) for p in (m.start(), m.end())] + [len(body)]
            for a, b in zip(cuts[::2], cuts[1::2]):
                seg = body[a:b]
                label_match = HEADER_LABEL.match(seg)
                if label_match:
                    a += label_match.end()
                    seg = body[a:b]
                lead = LINE_LEAD.match(seg)
                if lead and lead.end() < len(seg):
                    a += lead.end()
                    seg = seg[lead.end():]
                seg = LINE_TAIL.sub("", seg)
                seg_clean = re.sub(r"\s*\([^)]*\)\s*$", "", seg).rstrip(" .,;:")
                stripped = seg_clean.strip()
                if not stripped:
                    continue
                a += len(seg_clean) - len(seg_clean.lstrip())
                single = label_match is not None and re.fullmatch(rf"[{UP}][{LETTER}'’-]+", stripped)
                if not (SEGMENT_NAME.match(stripped) or single) or "'s" in stripped:
                    continue
                span = doc.char_span(offset + a, offset + a + len(stripped), alignment_mode="expand")
                if span is None:
                    continue
                if divided:
                    yield Evidence(span.start, span.end, "NAME", 3)
                elif self._plain_line_name(span):
                    yield Evidence(span.start, span.end, "NAME", 2)

    def _plain_line_name(self, span: Span) -> bool:
        """A name alone on a plain line: some word is no English word, none is a program or place word."""
        words = [t for t in span if t.is_alpha and len(t) > 1]
        if not self.words or not words:
            return False
        lows = [_low(t) for t in words]
        if any(w in GENERIC_ORG_WORDS or w in self.allow_words or w in ROLE_WORDS for w in lows):
            return False
        return any(self._unknown(t) for t in words) or any(t.ent_type_ == "PERSON" for t in words)

    def _propagate(self, doc: Doc, found: list[Evidence]) -> Iterable[Evidence]:
        """The same name or facility elsewhere in the note: "Dana Whitfield" ... "Dana said"."""
        name_words: set[str] = set(doc._.nl_client_names) if Doc.has_extension("nl_client_names") else set()
        org_forms: set[tuple[str, ...]] = set()
        for ev in found:
            span = doc[ev.start:ev.end]
            if ev.label == "NAME":
                for t in span:
                    if t.is_alpha and len(t) > 1 and _low(t) not in self.allow_words and _low(t) not in ROLE_WORDS:
                        name_words.add(t.lower_)
            elif ev.label == "ORG" and len(span) >= 2:
                words = [t.text for t in span]
                org_forms.add(tuple(words))
                head = words[:-1]
                if any(w.lower() not in GENERIC_ORG_WORDS and w.lower() not in self.allow_words for w in head):
                    org_forms.add(tuple(head))
        name_words -= self.allow_words | ROLE_WORDS | WEEKDAYS | MONTHS
        for tok in doc:
            low = tok.lower_
            if low not in name_words:
                continue
            if tok.is_title or tok.is_upper:
                nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                if nxt is not None and nxt.like_num and low in MONTHS:
                    continue
                yield Evidence(tok.i, tok.i + 1, "NAME", 2)
            elif tok.is_lower and low not in COMMON_WORD_NAMES and tok.pos_ in ("PROPN", "NOUN", "X") and len(tok) > 2:
                yield Evidence(tok.i, tok.i + 1, "NAME", 1)
        # Names listed together are all names: "Dana, Lou, Rafe and Kim stayed after group."
        for ev in found:
            if ev.label != "NAME" or not doc.has_annotation("DEP"):
                continue
            root = doc[ev.end - 1]
            for other in [*root.conjuncts]:
                if other.pos_ == "PROPN" and other.is_title:
                    yield Evidence(other.i, other.i + 1, "NAME", 2)
        for form in org_forms:
            n = len(form)
            for i in range(len(doc) - n + 1):
                if doc[i].text == form[0] and tuple(t.text for t in doc[i:i + n]) == form:
                    yield Evidence(i, i + n, "ORG", 2)

    # -- reconcile --------------------------------------------------------------------------------------

    def _clean(self, doc: Doc, evidence: Iterable[Evidence]) -> list[Evidence]:
        out = []
        for ev in evidence:
            start, end = self._trim(doc, ev.start, ev.end, ev.label, ev.any_case)
            if end <= start:
                continue
            span = doc[start:end]
            if "\n" in span.text:
                continue
            if self._acceptable(span, ev.label, ev.any_case):
                out.append(Evidence(start, end, ev.label, ev.strength, ev.any_case))
        return out

    @staticmethod
    def _reconcile(evidence: list[Evidence]) -> list[Evidence]:
        """Merge overlapping candidates of one label; across labels the strongest evidence wins, then the longer."""
        merged: list[Evidence] = []
        for ev in sorted(evidence, key=lambda e: (e.label, e.start, -e.end)):
            last = merged[-1] if merged else None
            if last is not None and last.label == ev.label and ev.start < last.end:
                last.end = max(last.end, ev.end)
                last.strength = max(last.strength, ev.strength)
            else:
                merged.append(Evidence(ev.start, ev.end, ev.label, ev.strength, ev.any_case))
        order = sorted(merged, key=lambda e: (-e.strength, -(e.end - e.start), LABELS.index(e.label), e.start))
        kept: list[Evidence] = []
        for ev in order:
            if any(k.start < ev.end and ev.start < k.end for k in kept):
                continue
            kept.append(ev)
        return sorted(kept, key=lambda e: e.start)

    def __call__(self, doc: Doc) -> Doc:
        first = self._clean(doc, [*self._from_patterns(doc), *self._from_entities(doc), *self._from_headers(doc),
                                  *self._from_slots(doc)])
        spread = self._clean(doc, self._propagate(doc, first))
        for ev in self._reconcile(first + spread):
            rule = self.rules.get(ev.label)
            if rule is None:
                continue
            span = doc[ev.start:ev.end]
            severity = verdict(rule, span)
            if severity is None:
                continue
            candidates.add(doc, span, rule.code, **({"severity": severity} if severity != rule.severity else {}))
        return doc


@Language.factory(DETECTOR, default_config={"extra_patterns": [], "allow": []})
def make_identifiers(nlp: Language, name: str, extra_patterns: list[str], allow: list[str]):
    """Find names, places and named facilities; `allow` lists words and names that are never identifiers."""
    catalogue = load_catalogue(extra_patterns)
    rules = [r for r in catalogue.active if r.detector == DETECTOR]
    return IdentifierDetector(nlp, rules, allow, set(nlp.pipe_names))
