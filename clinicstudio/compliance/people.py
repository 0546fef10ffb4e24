"""Finding people in a post: names, initials, @handles, "Mrs. Patel", "baby Leo".

There is no statistical model here: a name is a capitalised word from the shipped given-name
list (optionally with a surname or an initial), a title and a capitalised word, or a cue word
and a capitalised word. Given names that are also common English words ("Grace", "Will",
"May") count only with a surname, an initial or a cue ("congrats to Will"). A person is staff
when every word of the name is a staff or clinic name, or when a role word stands next to it
("our hygienist Megan", "Dr. Chen"); staff are not patients.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from clinicstudio.compliance.context import ClinicContext
from clinicstudio.compliance.lexicons import Lexicons, tagger
from clinicstudio.compliance.text import Text, Token, plain, words

# Titles of people outside the clinic ("Mrs. Patel", "Coach Ramirez", "Officer Walsh").
_HONORIFICS = words("mr mrs ms miss mx coach officer pastor principal captain sergeant judge "
                    "mayor grandma grandpa granny nana aunt uncle sister brother father rabbi "
                    "reverend rev deacon sgt lt capt cpl col maj det prof professor dean sheriff "
                    "deputy senator señor señora señorita sr sra sres srta doña")
_CLINICIAN_TITLES = words("dr doctor nurse np pa rn provider hygienist therapist counselor "
                          "counsellor")
# A handle with one of these in it belongs to a business, not a person.
_BUSINESS_HANDLE = ("spa", "clinic", "dental", "dentist", "health", "derm", "therapy",
                    "wellness", "aesthetic", "ortho", "peds", "pharm", "hospital", "official",
                    "news", "gazette", "library", "ymca", "practice", "medical")
_STAFF_ROLES = words(
    "dr doctor nurse np pa rn hygienist hygienists therapist therapists counselor counsellor "
    "receptionist assistant manager coordinator dentist dentists physician pediatrician team "
    "staff teammate colleague coworker co-worker founder owner director provider practitioner "
    "esthetician aesthetician injector chiropractor pt dpt ma lpn md dds dmd front desk office "
    "consultant navigator "
    "intern resident partner surgeon optometrist lisw lpcc lcsw lpc lmft lmhc psyd aprn fnp "
    "fnp-c np-c pa-c cma rda rdh crna rn-bc ot otr slp ccc-slp lac ladc bcba ibclc "
    # Spanish roles ("Jordan, nuestro fisioterapeuta", "Maria en la recepción").
    "recepción recepcion recepcionista fisioterapeuta enfermera enfermero doctora dentista "
    "asistente higienista terapeuta consejera consejero")
# A professional credential written after a name, as clinics introduce their clinicians (not a
# role word such as "our runner", which a patient can be).
_CREDENTIAL_AFTER = re.compile(
    r",\s*(?:MD|DO|DDS|DMD|PA-C|PA|NP|FNP|FNP-C|FNP-BC|NP-C|APRN|CRNA|CNM|RN|BSN|MSN|LPN|LVN|"
    r"CMA|RMA|RDH|RDA|DPT|PT|OT|OTR|SLP|CCC-SLP|LPC|LPCC|LCSW|LISW|LMFT|LMHC|PsyD|PhD|ATC|CSCS|"
    r"OD|DC|IBCLC|BCBA|LADC|LAc|RRT|CWCN|CDCES|RD|LD|MPH)\b")
# Words before a capitalised word that make it a person even when it is also an English word.
_CUES = words(
    "congrats congratulations welcome thanks thank baby little sweet brave meet hi hey dear "
    "shoutout shout-out shout grandma grandpa aunt uncle mom dad momma mama papa son daughter "
    "patient client survivor warrior to telling told featuring you yay hooray woohoo yahoo "
    "felicidades familia bebé paciente hija hijo abuela abuelo mamá papá")
_COURTESY = words("mr mrs ms miss mx")
_TITLE_WORDS = _HONORIFICS | _CLINICIAN_TITLES
# Titles that are followed by a surname even when a casual post writes it in lower case
# ("mrs. henderson", "prof. hartley"); not family words ("aunt flo").
_FORMAL_TITLES = _COURTESY | words(
    "sgt lt capt cpl col maj det prof professor dean sheriff deputy senator coach officer "
    "pastor principal captain sergeant judge mayor rabbi reverend rev deacon señor señora "
    "señorita sra srta doña")
# Words after a given name that make it the name of a place or an institution.
_PLACE_NOUNS = words(
    "county street st avenue ave road rd park high school elementary middle academy hospital "
    "center centre library church fair festival lake river hall university college clinic "
    "medical dental health mall plaza square stadium arena zoo museum theater theatre field gym "
    "heights hills valley village township city falls beach bay springs creek ymca foundation "
    # Races, teams and organisations named after a place ("the Dallas Marathon").
    "marathon half-marathon triathlon race 5k 10k parade department dept club society chamber "
    "rotary league district council cup classic open symphony orchestra")
_GREETINGS = words("congrats congratulations shoutout shout-out welcome thanks hi hey dear "
                   "bravo kudos go")
_PLACE_PREPOSITIONS = words("in near around across throughout serving from of at visiting "
                            "downtown")
_NOT_NAMES = words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight christmas "
    "easter thanksgiving halloween valentine valentine's god jesus lord happy merry new year "
    "doctor nurse patient patients team staff our the this that "
    # Spanish openers that name lists also hold ("¡Buena pregunta!", "¡Hola!").
    "buena bueno buenas buenos hola gracias claro perfecto excelente felicidades bienvenida "
    "bienvenido bienvenidos")


_FAMILY = re.compile(r"(?:['’]s)?\s+(?:family|families|twins|triplets|quadruplets|kids|boys|girls|"
                     r"sisters|brothers|household|clan|crew|kiddos|kids|littles|babies|gang|bunch|"
                     r"siblings|cousins)\b")
# "Taylor, who shared ...": a relative clause after a capitalised word names a person.
_RELATIVE = re.compile(r",?\s+(?:who|whose)\b")
# Pets and mascots have names too: "our therapy dog Bruno", "Luna, our office cat".
_ANIMALS = words("dog dogs pup puppy cat kitty kitten k9 k-9 horse pony bunny rabbit hamster "
                 "parrot fish goldfish mascot pet pets lizard turtle")
_PET_APPOSITION = re.compile(r",?\s+(?:the|our|a|is our)\s+(?:[\w'-]+\s+){0,2}(?:dog|pup|puppy|cat|"
                             r"kitty|kitten|k9|k-9|mascot|pet|bunny|hamster|parrot|goldfish)\b",
                             re.IGNORECASE)
# "Dr. Emily Vance (our patient, ...)": a title does not make a patient a member of staff.
_PATIENT_APPOSITION = re.compile(r"\s*[,(\-–—]\s*(?:our|a|one of our)\s+(?:[\w-]+\s+)?"
                                 r"(?:patient|client)s?\b", re.IGNORECASE)
_MONTH_SHORT = words("jan feb mar apr jun jul aug sep sept oct nov dec")
_PATIENT_BEFORE = re.compile(r"\b(?:patient|client|paciente)s?\s*[,:(\-–—]?\s*$", re.IGNORECASE)
_ROLE_TAILS = words("member members lead desk extraordinaire superstar rockstar favorite "
                    "favourite own manager assistant coordinator")
# Words after which a capitalised word the name list does not know is still a person: a baby's
# name, or someone the clinic is talking to or about ("telling Devontae his ...").
_UNLISTED_NAME_CUES = words("baby little sweet brave mrs mr ms telling told tell featuring "
                            "congrats congratulations welcome thanks thank shoutout meet "
                            "patient client yay hooray woohoo familia")
# Words around a staff member's first name that show them at work ("ask Erin", "book with
# Sofia", "Erin will", "Megan says").
_PROVIDER_BEFORE = words("ask with call book see text email message by and or pregúntele "
                         "pregúntale pregunta pregunte llame con a y o")
_PROVIDER_AFTER = words("will can says said recommends suggests explains knows loves gave drew "
                        "did does helps answers walks performs is happy and or at habla speaks "
                        "puede le te")
# The reader's own care spoken to them: "your high-risk pregnancy care", "proud of you for".
_YOUR_OWN = re.compile(r"\byour\b|\byou (?:and|for|are|were|did|made|finished|completed|"
                       r"crushed|nailed|rocked)\b")
# ... unless the sentence is about their work: "thank you for taking such good care of our
# patients", "for covering the front desk".
_AT_WORK = re.compile(r"\b(?:our|your|the) (?:patients|clients|families|team)\b|patients'|"
                      r"\bcare of\b|\bcovering\b|\bshift\b|\bcertification\b")
_ATTRIBUTION = re.compile(r"[\"”’'!.]\s*[—–-]{1,2}\s*$")


@dataclass(frozen=True, slots=True)
class Person:
    start: int
    end: int
    text: str
    kind: str  # name, handle, honorific, cue, initials
    staff: bool


def _capitalised(token: Token) -> bool:
    word = token.text
    # All capitals from three letters on is an acronym or shouting ("ADA", "ISO", "CDC"), not a
    # name; two capitals may be one ("AJ").
    return word[0].isupper() and not (len(word) >= 3 and word.isupper())


def _base(word: str) -> str:
    lowered = word.lower().replace("’", "'")
    return lowered[:-2] if lowered.endswith("'s") else lowered


class PeopleFinder:
    def __init__(self, lex: Lexicons, english: dict[str, int], clinic: ClinicContext,
                 known_words: frozenset[str] = frozenset()) -> None:
        self._known_words = known_words
        self._first = lex.first_names
        self._ambiguous = lex.ambiguous_first_names
        self._surnames = lex.surnames
        self._english = english
        self._clinic = clinic
        self._not_names = _NOT_NAMES | lex.drugs | lex.procedures | lex.conditions
        self._public = lex.public_figures
        bits = tagger().bits
        self._thing_bits = bits["procedures"] | bits["conditions"] | bits["drugs"] | bits["rx"]
        self._care_bits = self._thing_bits | bits["body"]

    def _common_word(self, lower: str) -> bool:
        return self._english.get(lower, 0) >= 3000

    def _surname_like(self, token: Token) -> bool:
        if token.kind != "word" or not _capitalised(token):
            return False
        base = _base(token.text)
        if base in self._not_names:
            return False
        if base in self._surnames:
            return not self._common_word(base) or base in self._first
        # Not a listed surname: only a word English does not know ("Quispe", not "Dental").
        return base not in self._known_words and base not in self._english and len(base) > 2

    def find(self, text: Text) -> list[Person]:
        tokens = text.tokens
        people: list[Person] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.kind == "handle":
                lower = token.lower
                own = self._clinic.is_own_handle(lower) or any(w in lower
                                                                for w in _BUSINESS_HANDLE)
                # "my personal Instagram @drjoe": the writer's own account, not a patient's.
                mine = any(t.lower in ("personal", "private") for t in tokens[max(0, i - 4):i])
                if not own:
                    people.append(Person(token.start, token.end, token.text, "handle", mine))
                i += 1
                continue
            if token.kind != "word":
                i += 1
                continue
            if not token.text[0].isupper() and token.lower not in _TITLE_WORDS:
                # Casual posts write "congrats to jenna": a lower-case given name after a
                # greeting still names someone, if it is not also an English word.
                if self._lowercase_name(text, i) or self._lowercase_family(text, i):
                    people.append(Person(token.start, token.end, token.text, "name",
                                         self._clinic.is_staff_name([token.lower])))
                i += 1
                continue
            found = self._person_at(text, i)
            if found is None:
                i += 1
                continue
            person, last = found
            if not self._public_figure(person, tokens, last):
                people.append(person)
            i = last + 1
        people = self._addressed_about_own_care(text, self._staff_by_context(text, people))
        return _nicknames_of_staff(people)

    def _addressed_about_own_care(self, text: Text, people: list[Person]) -> list[Person]:
        """ "Keisha, we are so proud of you for finishing 12 weeks of skills group": a staff
        first name spoken to about the reader's own care is a patient who shares it (labels
        sheet, rule 10), however the profile marks the name."""
        out = []
        for person in people:
            if person.staff and person.kind == "name" and " " not in person.text.strip():
                index = next((k for k, t in enumerate(text.tokens) if t.start == person.start),
                             None)
                if index is not None and _vocative(text, index) and \
                        self._own_care_follows(text, person.end):
                    person = replace(person, staff=False)
            out.append(person)
        return out

    def _own_care_follows(self, text: Text, offset: int) -> bool:
        """Second person and a care word in the rest of the sentence and the next one."""
        sentence = text.sentence_at(offset)
        end = sentence.end
        following = [s for s in text.sentences if s.start >= sentence.end]
        if following:
            end = following[0].end
        window = text.lower[offset:end]
        return bool(_YOUR_OWN.search(window)) and not _AT_WORK.search(window) and \
            bool(text.tagged(self._care_bits, offset, end))

    def _staff_by_context(self, text: Text, people: list[Person]) -> list[Person]:
        """ "Ask Erin about it", "Erin will walk you through it", "Dr. Yoo and Kim": a staff
        member's first name (one the profile does not mark) is the staff member when the
        sentence is about them doing their work; otherwise it may be a patient's."""
        out = []
        for index, person in enumerate(people):
            word = _base(person.text)
            if not person.staff and " " not in person.text and \
                    plain(word) in self._clinic.staff_words and self._provider_cue(text, person,
                                                                             people, index):
                person = replace(person, staff=True)
            elif not person.staff and person.kind != "handle" and \
                    _CREDENTIAL_AFTER.match(text.raw, person.end):
                # "Ashley Brooks, PA-C", "Dr. Priya Raman, PT, DPT": a clinician introduced by
                # a professional credential, perhaps a new hire the profile does not list yet.
                person = replace(person, staff=True)
            out.append(person)
        return out

    def _provider_cue(self, text: Text, person: Person, people: list[Person],
                      index: int) -> bool:
        sentence = text.sentence_at(person.start)
        before = text.lower[max(sentence.start, person.start - 24):person.start].split()
        after = text.lower[person.end:min(sentence.end, person.end + 30)].split()
        if before and before[-1].strip(",") in _PROVIDER_BEFORE:
            return True
        if after and after[0].strip(",.!") in _PROVIDER_AFTER:
            return True
        # "Ashley N. from our team", "Maria en la recepción", "Jordan, nuestro fisioterapeuta".
        tail = " ".join(after[:4]).strip(",. ")
        if re.match(r"(?:from|on|of) (?:our|the) (?:team|staff|front desk|office)\b|"
                    r"(?:en|de) la recepci[oó]n\b|,? ?(?:nuestr[oa]|our) \w+", tail) and \
                any(w.strip(",.!") in _STAFF_ROLES for w in after[:4]):
            return True
        # In a list with a member of staff: "Dr. Yoo and Kim", "Carla and Tasha".
        for other in people[max(0, index - 1):index + 2]:
            if other is person or not other.staff:
                continue
            between = text.lower[min(other.end, person.end):max(other.start, person.start)]
            if between.strip(" ,") in ("and", "or", "&", "", "y"):
                return True
        return False

    def _lowercase_surname(self, text: Text, i: int) -> bool:
        """ "get well soon mrs. henderson": a courtesy title, then a name written in lower case."""
        title, name = text.tokens[i], text.tokens[i + 1]
        if title.lower not in _FORMAL_TITLES:
            return False
        base = _base(name.text)
        return (base in self._surnames or base in self._first) and not self._common_word(base)

    def _public_figure(self, person: Person, tokens: list[Token], last: int) -> bool:
        """ "Taylor Swift's red lip": a listed public figure, even when the surname is also an
        English word and so was not taken as part of the name."""
        name = _base(person.text)
        if name in self._public:
            return True
        for nxt in tokens[last + 1:last + 3]:
            if nxt.kind != "word":
                break
            name = f"{name} {_base(nxt.text)}"
            if name in self._public:
                return True
        return False

    def _lowercase_family(self, text: Text, i: int) -> bool:
        """ "the patels came in for flu shots": a family by its surname, typed in lower case."""
        tokens = text.tokens
        word = tokens[i].lower
        if i == 0 or tokens[i - 1].lower != "the" or not word.endswith("s") or \
                i + 1 >= len(tokens):
            return False
        surname = word[:-1]
        return surname in self._surnames and not self._common_word(surname) and \
            len(surname) > 3 and \
            tokens[i + 1].lower in _FAMILY_DOINGS

    def _lowercase_name(self, text: Text, i: int) -> bool:
        tokens = text.tokens
        lower = _base(tokens[i].text)
        if lower not in self._first or lower in self._ambiguous or \
                self._common_word(lower):
            return False
        before = [t.lower for t in tokens[max(0, i - 2):i]]
        if before and (before[-1] in _GREETINGS or (
                before[-1] in ("to", "for") and len(before) > 1 and before[0] in _GREETINGS)):
            return True
        # "for sophie m.": a given name with a lower-case initial.
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and len(nxt.text) == 1 and nxt.text.isalpha() and \
                text.raw[nxt.end:nxt.end + 1] == "." and nxt.start - tokens[i].end == 1:
            return True
        # "my client jess", "our patient tom": the role word says a person follows.
        if before and before[-1] in ("patient", "client") and not self._common_word(lower):
            return True
        # "jen's molar": a given name owning a body part, condition or treatment.
        if tokens[i].text.endswith(("'s", "’s")) and nxt is not None and \
                self._names_care(text, nxt.start):
            return True
        # "sober to marcus, who started ...": a relative clause after a given name that is not
        # an everyday word.
        if before and before[-1] in ("to", "for", "and") and _RELATIVE.match(text.raw,
                                                                          tokens[i].end):
            return True
        # "love to dani who ...": a cue or a relative clause, for a given name English does
        # not also use as a word.
        if lower in self._english or lower in self._known_words:
            return False
        return bool(_RELATIVE.match(text.raw, tokens[i].end)) or (
            bool(before) and before[-1] in _CUES)

    def _person_at(self, text: Text, i: int) -> tuple[Person, int] | None:
        tokens = text.tokens
        token = tokens[i]
        lower = token.lower.rstrip(".")
        prev = tokens[i - 1] if i > 0 and tokens[i - 1].kind == "word" else None
        prev_lower = prev.lower if prev else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if lower in _HONORIFICS and nxt is not None and nxt.kind == "word" and (
                _capitalised(nxt) or self._lowercase_surname(text, i)) and \
                not _SENTENCE_BREAK.search(text.raw, token.end, nxt.start) and \
                not text.raw[token.end:nxt.start].strip(". "):  # not "sheriff 🔒 Safe"
            # (Not "Thanks, Coach! We love ...": the title ends its sentence.)
            last = i + 1
            if last + 1 < len(tokens) and self._surname_like(tokens[last + 1]):
                last += 1
            return self._make(text, i, last, "honorific", title_staff=False), last
        if lower in _CLINICIAN_TITLES and nxt is not None and nxt.kind == "word" \
                and _capitalised(nxt):
            last = i + 1
            if last + 1 < len(tokens) and self._surname_like(tokens[last + 1]):
                last += 1
            return self._make(text, i, last, "name", title_staff=True), last
        if _capitalised(token) and _ATTRIBUTION.search(text.raw, max(0, token.start - 8),
                                                       token.start) and (
                len(token.text) == 1 or not self._common_word(_base(token.text))):
            # '"... changed my life." — Dana' or '— J., 34': whoever is quoted is a person.
            last = i + 1 if nxt is not None and self._surname_like(nxt) else i
            return self._make(text, i, last, "name", title_staff=False), last
        if _initials(text, i) and (prev_lower in _CUES or prev_lower in ("thank", "thanks")
                                   or text.tagged(-1, *text.window(token.start, token.end))):
            # "J.R.": initials stand for a person; common abbreviations are not initials.
            return self._make(text, i, i + 1, "initials", title_staff=False), i + 1
        if len(token.text) == 1 and token.text.isupper() and nxt is not None and \
                text.raw[token.end:nxt.start] == ". " and nxt.kind == "word" and \
                _capitalised(nxt) and _base(nxt.text) in self._surnames and \
                not self._common_word(_base(nxt.text)):
            # "D. Fuentes": an initial and a surname.
            return self._make(text, i, i + 1, "initials", title_staff=False), i + 1
        if len(token.text) == 1 and token.text.isupper() and \
                text.raw[token.end:token.end + 3] in (".'s", ".’s"):
            # "Celebrating M.'s one year of sobriety": an initial owning something is a person.
            return self._make(text, i, i, "initials", title_staff=False), i
        if not _capitalised(token) or len(token.text) < 2:
            return None
        base = _base(token.text)
        if base in self._not_names or base in self._clinic.clinic_words:
            return None
        if prev_lower in ("st", "saint"):
            return None  # "St. Luke's", "Saint Mary": a hospital or a church
        if base in _MONTH_SHORT and nxt is not None and nxt.kind == "number":
            return None  # "on Jan 20": a date, not Jan the person
        last = i
        # A surname or an initial ("Maria G.") right after.
        if nxt is not None and nxt.kind == "word" and text.raw[token.end:nxt.start] == " ":
            initial = len(nxt.text) == 1 and nxt.text.isupper() and \
                text.raw[nxt.end:nxt.end + 1] == "."
            if initial or (self._surname_like(nxt) and _base(nxt.text) not in self._not_names):
                last = i + 1
        if prev_lower == "the" and last == i and _FAMILY.match(text.raw, token.end) and \
                not self._common_word(base):
            # "the Hernandez triplets", "the Nguyen family": a family is people.
            return self._make(text, i, i, "name", title_staff=False), i
        if nxt is not None and nxt.kind == "word" and nxt.lower in _PLACE_NOUNS:
            return None  # "Madison County Fair", "Lincoln High", "Jackson Street"
        relative = bool(_RELATIVE.match(text.raw, token.end))
        # "Mark's posture": a possessive, whether or not the tokenizer kept the "'s".
        owned = token.lower.endswith(("'s", "’s")) and prev_lower not in ("st", "saint")
        supported = last > i or prev_lower in _CUES or text.raw[token.end:token.end + 2] in (
            "'s", "’s") or owned or _vocative(text, i) or relative
        if base in self._first:
            if base in self._ambiguous and not supported:
                return None
            possessive = token.lower.endswith("'s") and nxt is not None and \
                nxt.text[:1].islower()
            looked_at = (prev_lower == "at" and i > 1 and tokens[i - 2].lower in (
                "look", "looking", "looks", "smiling", "smile")) or _pictured(tokens, i) or (
                prev_lower == "from" and i > 1 and tokens[i - 2].lower in _FROM_SENDERS)
            if prev_lower in _PLACE_PREPOSITIONS and last == i and not relative and \
                    not possessive and not looked_at:
                return None  # "serving Austin", "in Jackson" (but "at Kendra's skin")
            if prev_lower in _ANIMALS or _PET_APPOSITION.match(text.raw, tokens[last].end):
                return None  # "our therapy dog Bruno", "Luna, our office cat": a pet
            after = tokens[last + 1] if last + 1 < len(tokens) else None
            cued = prev_lower in _CUES or relative or _vocative(text, i)
            if not cued and not tokens[last].lower.endswith("'s") and after is not None \
                    and text.raw[tokens[last].end:after.start] == " " and \
                    self._names_a_thing(text, after.start):
                return None  # "Damon braces", "Tommy John surgery": an eponym, not a person
        elif last == i:
            # Not a known given name: only "baby Leo" style cues make it a person.
            looked_at = prev_lower == "at" and i > 1 and tokens[i - 2].lower in (
                "look", "looking", "looks")
            addressed = _closing_vocative(text, i) and base not in \
                self._clinic.address_words and not base.endswith(_PLACE_ENDINGS)
            if (prev_lower not in _UNLISTED_NAME_CUES and not looked_at and not addressed) or \
                    self._common_word(base) or \
                    base in self._english or base in self._known_words:
                return None
        elif self._common_word(base) or (prev is None and text.sentence_at(token.start).start \
                == token.start and base not in self._first):
            return None
        kind = "cue" if base not in self._first else "name"
        return self._make(text, i, last, kind, title_staff=False), last

    def _names_care(self, text: Text, offset: int) -> bool:
        """A procedure, condition, drug or body part begins right at ``offset``."""
        return any(start == offset for start, _ in text.tagged(self._care_bits, offset,
                                                                offset + 60))

    def _names_a_thing(self, text: Text, offset: int) -> bool:
        """A procedure, condition or drug begins right at ``offset``."""
        return any(start == offset for start, _ in text.tagged(self._thing_bits, offset,
                                                                offset + 60))

    def _make(self, text: Text, first: int, last: int, kind: str, *, title_staff: bool) -> Person:
        tokens = text.tokens
        start, end = tokens[first].start, tokens[last].end
        words = [_base(t.text) for t in tokens[first:last + 1]
                 if t.lower.rstrip(".") not in _HONORIFICS | _CLINICIAN_TITLES]
        if kind == "honorific" and tokens[first].lower.rstrip(".") in _COURTESY:
            # "Mrs. Patel" is not "Dr. Patel": a courtesy title means someone outside the staff
            # unless the whole name is a staff member's.
            staff = plain(" ".join(words)) in self._clinic.staff_full_names
        else:
            # "our favorite nurse-turned-client, Dr. Priya Anand": a title after a patient word
            # is a patient's title.
            patient_before = bool(_PATIENT_BEFORE.search(text.raw, max(0, start - 30), start))
            # "our patient Brenda": a patient word before a staff member's first name makes
            # it a patient's (labels sheet, rule 10).
            staff = not patient_before and not _PATIENT_APPOSITION.match(text.raw, end) and (
                self._clinic.is_staff_name(words, titled=title_staff)
                or title_staff or self._role_nearby(text, first, last))
        return Person(start, end, text.raw[start:end], kind, staff)

    def _role_nearby(self, text: Text, first: int, last: int) -> bool:
        """ "our hygienist Megan", "Megan, our front desk lead", "Megan (PT)"."""
        tokens = text.tokens
        # Only within the name's own sentence: "Welcome back, Deacon Thompson! The whole
        # office missed you" has no role word for him.
        sentence = text.sentence_at(tokens[first].start)
        before = [t.lower for t in tokens[max(0, first - 2):first] if t.start >= sentence.start]
        after = [t.lower for t in tokens[last + 1:last + 4] if t.start < sentence.end]
        # The role word right before the name ("our hygienist Megan"), or one word earlier
        # when that word belongs to the role ("our front desk Megan", "team member Sara");
        # not across a verb ("our eye team fit Pastor Williams").
        if before and before[-1] == "team" and (len(before) < 2 or before[0] not in _TEAM_OWNERS):
            return False  # "Team Marisa!", "Go Team Liam": cheering someone on, not a role
        if before and (before[-1] in _STAFF_ROLES or (
                len(before) == 2 and before[0] in _STAFF_ROLES and before[1] in _ROLE_TAILS)):
            return True
        return bool(after) and (after[0] in _STAFF_ROLES or (after[0] in ("our", "the", "is")
                                and any(w in _STAFF_ROLES for w in after[1:])))


_NOT_INITIALS = frozenset({"us", "dc", "am", "pm", "md", "do", "rn", "np", "pa", "bs", "ba", "ms",
                           "ma", "ok", "uk", "eu", "un", "ad", "bc", "pt"})


def _nicknames_of_staff(people: list[Person]) -> list[Person]:
    """ "Brianna Cole just finished her training. Congrats, Bri!": a short form of a staff
    member's first name, in a post that names that staff member, is the same person."""
    if not any(p.staff for p in people) or all(p.staff for p in people):
        return people
    staff_words = {_base(w) for p in people if p.staff and p.kind != "handle"
                   for w in p.text.split()}
    # "Meet Marcus Bell, RDMS. Marcus has been our sonographer ...": the first name again, after
    # the post named that staff member in full, is the same person. (A first name the post
    # never gave in full stays a possible patient, even when someone on staff shares it.)
    full_first = {_base(p.text.split()[0]) for p in people if p.staff and p.kind == "name"
                  and len(p.text.split()) >= 2}
    found = []
    for p in people:
        if not p.staff and p.kind in ("name", "cue") and " " not in p.text and len(p.text) >= 3:
            short = _base(p.text)
            if short in full_first or any(w != short and w.startswith(short)
                                          for w in staff_words):
                p = replace(p, staff=True)
        found.append(p)
    return found


# What a family named in the plural does next: "the patels came in", "the nguyens both ...".
_FAMILY_DOINGS = words("came come were are all both got brought stopped visited had family "
                       "twins kids boys girls crew")
# "Two thumbs up from Walt", "cookies from Ruth": what a person sends, not a place.
_FROM_SENDERS = words("up thanks love note notes card cards hug hugs message gift gifts cookies "
                      "flowers letter hello hi greetings words drawing treats wave smile")
# "our team Megan", "the care team, Lisa": words that make "team" the clinic's own.
_TEAM_OWNERS = words("our the my care dental front medical nursing clinical support billing "
                     "office rehab")


# "this pic of Mia", "a photo of Ava and Eli": who a photo shows is a person, not a place.
_PHOTO_WORDS = words("pic pics picture pictures photo photos photograph selfie selfies video "
                     "videos snapshot snap portrait clip")


def _pictured(tokens: list[Token], i: int) -> bool:
    return i > 1 and tokens[i - 1].lower == "of" and tokens[i - 2].lower in _PHOTO_WORDS


def _initials(text: Text, i: int) -> bool:
    tokens = text.tokens
    if i + 1 >= len(tokens):
        return False
    first, second = tokens[i], tokens[i + 1]
    pair = (first.text + second.text).lower()
    return (len(first.text) == 1 and len(second.text) == 1 and first.text.isupper()
            and second.text.isupper() and text.raw[first.end:first.end + 1] == "."
            and text.raw[second.end:second.end + 1] == "." and second.start - first.end <= 2
            and pair not in _NOT_INITIALS)


# "Thank you, Fairview!": a town thanked, not a person.
_PLACE_ENDINGS = ("ville", "view", "town", "ton", "burg", "field", "wood", "port", "dale",
                  "land", "city", "falls", "ford", "haven", "side")
_SENTENCE_BREAK = re.compile(r"[!?,;:]")
_GREETING_OPENERS = frozenset({"thank you", "thanks", "congrats", "congratulations", "welcome",
                               "welcome back", "hi", "hey", "hello", "farewell", "goodbye",
                               "happy birthday", "get well soon", "way to go", "so proud"})


def _closing_vocative(text: Text, i: int) -> bool:
    """A name closing a sentence after a comma: "Welcome to the family, Priyanka!"."""
    token = text.tokens[i]
    if text.raw[max(0, token.start - 2):token.start] != ", ":
        return False
    after = text.raw[token.end:token.end + 1]
    if after in ("!", "?"):
        return True
    # "Thank you, Bex, for the painting": a name set off by commas after a greeting.
    sentence = text.sentence_at(token.start)
    opener = text.raw[sentence.start:token.start - 2].strip(" \t\n\"'“(-—").lower()
    return after == "," and opener in _GREETING_OPENERS


def _vocative(text: Text, i: int) -> bool:
    """A name opening a sentence and followed by a comma: "Jordan, thanks for ..."."""
    token = text.tokens[i]
    sentence = text.sentence_at(token.start)
    opener = text.raw[sentence.start:token.start].strip(" \t\n\"'“(-—🎉👏❤️").lower()
    if opener not in ("", "hi", "hey", "dear", "hello", "thanks", "thank you"):
        return False
    return text.raw[token.end:token.end + 1] in (",", "!")
