"""What the model sees in a text: words, word pairs, word stems, and the rules' evidence.

Features are strings hashed to a fixed number of buckets (a stable CRC-32, never Python's
randomised ``hash``), so the shipped weights need no vocabulary. Each sentence gets its own
features, so a finding can point at the sentence that carries it; features of the whole text
(the kind of text, what the rules found, how many quasi-identifiers it holds) are kept apart.
Training and checking call the same functions, on the engine's own tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from zlib import crc32

from clinicstudio.compliance.endorsement import AUTHORIZATION, TYPICAL
from clinicstudio.compliance.identifiers import Identifier
from clinicstudio.compliance.lexicons import TAG_GROUPS
from clinicstudio.compliance.model.spanish import has_spanish, spanish_cues
from clinicstudio.compliance.people import Person
from clinicstudio.compliance.text import Text, words
from clinicstudio.domain import Finding

BITS = 18
MASK = (1 << BITS) - 1
_CARE = frozenset({"conditions", "serious", "procedures", "drugs", "rx", "visit", "patient",
                   "body", "emergency"})
_YOU = words("you your you're youre yours yourself tu tus usted su sus te")
_NEGATIONS = words("not no never isn't aren't wasn't don't doesn't didn't can't cannot won't "
                   "without nor none nothing ni nunca sin")
_ME = words("i my me i'm im i've ive mine myself mi mis yo")
_THANKS_CONFIRM = words("visit visits appointment appointments came coming in today session "
                        "treatment recovery procedure surgery care seeing saw see")
# Quasi-identifiers: alone they name no one, together they single a person out.
_QI = {
    "age": re.compile(r"\b(?:\d{1,3}[- ]?(?:year|yr|años|año)s?[- ]?old|\d{1,3}\s*(?:yo|y/o)|"
                      r"age[d]?\s+\d{1,3}|\d{2}(?:st|nd|rd|th) birthday)\b"),
    "school": re.compile(r"\b(?:school|high|elementary|middle|academy|college|university|team|"
                         r"varsity|league|club|escuela|equipo|colegio)\b"),
    "job": re.compile(r"\b(?:teacher|coach|officer|firefighter|nurse|pastor|farmer|engineer|"
                      r"driver|veteran|sergeant|captain|owner|manager|employee|works at|"
                      r"maestra|maestro|bombero|policía)\b"),
    "town": re.compile(r"\b(?:from|in|of|de)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b"),
    "time": re.compile(r"\b(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|this morning|"
                       r"yesterday|last (?:monday|tuesday|wednesday|thursday|friday|saturday|"
                       r"sunday|week|night)|on (?:monday|tuesday|wednesday|thursday|friday|"
                       r"saturday|sunday)|room \d+|ayer|esta mañana)\b"),
    "rare": re.compile(r"\b(?:rare|only one|first (?:patient|person|case)|one in a million|"
                       r"rara|única)\b"),
}


# A result or progress told about someone: the heart of a testimonial, whoever tells it.
_RESULT = re.compile(
    r"\b(?:(?:went|gone|going|came|come) from|from [\w' -]{1,40} to (?:crushing|running|"
    r"walking|winning|lifting|dancing|ordering|telling|this|a |an |her |his |their )|"
    r"lost \d+\s*(?:lbs?|pounds|kilos?)|\d+ (?:lbs?|pounds) (?:down|lighter)|pain[- ]free|"
    r"no longer|never (?:felt|looked) better|(?:\d+|ten|five) years younger|completely gone|"
    r"(?:hasn't|haven't|hadn't|has not|have not) (?:had|hurt|needed|missed)|success stor(?:y|ies)|"
    r"(?:patient|client) (?:of the (?:week|month)|win|spotlight)|results? like|"
    r"(?:her|his|their|my|our) (?:results|progress|transformation|journey)|now at an?|"
    r"back (?:on|to|in) (?:the|her|his|their|heels|work|court|field)|"
    r"ya no|bajó \d+|sin dolor|desde que|so much (?:lighter|better|clearer|smoother|thicker|"
    r"fuller|happier|stronger)|loving (?:her|his|their) (?:new|results)|ditched (?:the|her|his)|"
    r"(?:thicker|fuller|clearer|smoother|stronger|better) than ever)\b")  # on the lower-cased text
# An absolute word, and a promise of speed: with care in the sentence, the marks of a claim the
# clinic cannot back up ("every kid walks out cavity-free", "stops attacks instantly", "fix it in
# one visit", "te curamos en casa").
_ABSOLUTE = re.compile(
    r"\b(?:every|always|never|zero|100 ?%|only|guaranteed?|perfect(?:ly)?|forever|"
    r"permanent(?:ly)?|completely|totally|cures?|cured|fix(?:es)?|reverse[sd]?|disappear|"
    r"safest|best|cura|curamos|elimina|eliminan|todos|nunca|siempre|garantizad[oa]s?)\b")
_SPEED = re.compile(
    r"\b(?:instantly|immediately|overnight|in (?:just )?(?:one|1|a single) (?:visit|session|"
    r"appointment|treatment|day|week)|in (?:\d+|a few|minutes) (?:minutes|seconds|hours|days)|"
    r"within \d+ (?:minutes|hours|days)|al instante|en (?:una|1) (?:sesión|visita|cita)|"
    r"en \d+ (?:minutos|horas|días))\b")
# A quoted person named after the quote ("'...!' — Ava", "– Gloria, Los Lunas").
_ATTRIBUTED_QUOTE = re.compile(r"[\"”'’!.]\s*[—–-]{1,2}\s*[A-Z]")
# A reward offered around a review ("leave it on Google ... a $25 gift card").
_REVIEW_REWARD = re.compile(
    r"(?:review|google|yelp|stars?|screenshot|reseña)[^.!?]{0,80}(?:gift card|\$\d+|discount|"
    r"free|% off|raffle|entered|tarjeta de regalo|descuento)|(?:gift card|\$\d+|discount|"
    r"% off|raffle)[^.!?]{0,80}(?:review|google|yelp|stars?|reseña)")  # on the lower-cased text
_REVIEW_WORDS = ("review", "google", "yelp", "star", "screenshot", "reseña")


# Statements that change what a sentence means: a typical-results statement, a stated
# authorization, a disclosed connection, a fact attributed to a public body.
DISCLOSED = re.compile(r"(?:#ad\b|#sponsored|#gifted|\bpaid partnership|\bsponsored\b|"
                       r"\bgifted\b|full disclosure|employee discount|\bdisclosure\b|"
                       r"in exchange for)", re.IGNORECASE)
ATTRIBUTED = re.compile(r"\b(?:according to|per the|the (?:cdc|fda|who|aap|ada|acog|nih|"
                        r"surgeon general)|(?:cdc|fda|aap|ada|acog|nih) (?:says|recommends|"
                        r"approved|reports)|approved as|voted|readers'? poll|survey)\b",
                        re.IGNORECASE)
_STATEMENTS = (("typical", TYPICAL), ("authorization", AUTHORIZATION), ("disclosed", DISCLOSED),
               ("attributed", ATTRIBUTED))
# The same, matched on the lower-cased text without IGNORECASE, which is several times faster.
_LOWER_STATEMENTS = tuple((name, re.compile(pattern.pattern)) for name, pattern in _STATEMENTS)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the rules saw, handed to the model: people, identifiers and rule findings."""

    people: Sequence[Person]
    identifiers: Sequence[Identifier]
    findings: Sequence[Finding]
    kind: str
    authorized: bool = False  # an image carries a consent or authorization reference


def hashed(feature: str) -> int:
    return crc32(feature.encode("utf-8")) & MASK


def _token_word(kind: str, lower: str) -> str:
    if kind == "number":
        return "<num>"
    if kind in ("url", "email", "handle"):
        return f"<{kind}>"
    if kind == "hashtag":
        return "#" + lower.lstrip("#")
    return lower


def sentence_features(text: Text, evidence: Evidence) -> list[list[str]]:
    """The features of each sentence, in sentence order."""
    reply = evidence.kind == "reply"
    per: list[list[str]] = [[] for _ in text.sentences]
    previous: dict[int, str] = {}
    negated_until: dict[int, int] = {}
    # Names read as who they are, not as the name itself: the model learns "a patient's name
    # here", which holds for names it has never seen.
    spans = [(p.start, p.end, "<staff>" if p.staff else "<person>") for p in evidence.people]
    ends = [sentence.end for sentence in text.sentences]
    index = 0
    for token in text.tokens:
        while index < len(ends) - 1 and token.start >= ends[index]:
            index += 1
        bag = per[index]
        word = (next((label for start, end, label in spans if start <= token.start < end), None)
                if spans else None) or _token_word(token.kind, token.lower)
        bag.append("w:" + word)
        if reply:
            bag.append("rw:" + word)
        bag.append("b:" + previous.get(index, "<s>") + "_" + word)
        previous[index] = word
        # "not FDA-approved", "no such thing as a guaranteed ...": a word in the reach of a
        # negation is a different piece of evidence than the same word said plainly.
        if token.kind == "word" and word in _NEGATIONS:
            negated_until[index] = 4
        elif negated_until.get(index, 0) > 0:
            negated_until[index] -= 1
            bag.append("n:" + word)
        if token.kind == "word" and len(word) >= 7:
            bag.append("p:" + word[:5])
    tags = _tag_names(text)
    # Searched once over the whole text, then given to the sentences they fall in.
    statements = [(name, match.start()) for name, pattern in _LOWER_STATEMENTS
                  for match in pattern.finditer(text.lower)]
    spanish = has_spanish(text.lower)
    for index, sentence in enumerate(text.sentences):
        bag = per[index]
        found = {name for start, name in tags if sentence.start <= start < sentence.end}
        bag.extend("t:" + name for name in found)
        care = bool(found & _CARE)
        persons = [p for p in evidence.people if sentence.start <= p.start < sentence.end]
        patient = [p for p in persons if not p.staff]
        ids = [i for i in evidence.identifiers if sentence.start <= i.start < sentence.end]
        raw = text.raw[sentence.start:sentence.end]
        lowered = text.lower[sentence.start:sentence.end]
        plain = set(lowered.replace("?", " ").replace(",", " ").split())
        for person in patient:
            bag.append("e:person:" + person.kind)
        if patient:
            bag.append("e:person")
            if care:
                bag.append("e:person+care")
        if any(p.staff for p in persons):
            bag.append("e:staff")
        for ident in ids:
            bag.append("e:id:" + ident.kind + (":personal" if ident.personal else ""))
        you, me = bool(plain & _YOU), bool(plain & _ME)
        if you and care:
            bag.append("e:you+care")
        if me and care:
            bag.append("e:me+care")
        question = raw.rstrip().endswith("?")
        if question:
            bag.append("e:question")
            if care:
                bag.append("e:question+care")
            if len(plain) <= 6:
                bag.append("e:shortq")
        if '"' in raw or "“" in raw:
            bag.append("e:quote")
        if _ABSOLUTE.search(lowered):
            bag.append("e:absolute+care" if care else "e:absolute")
        if _SPEED.search(lowered):
            bag.append("e:speed+care" if care else "e:speed")
        if reply:
            if care:
                bag.append("e:reply+care")
            if you and plain & _THANKS_CONFIRM:
                bag.append("e:reply+you+visit")
        bag.extend("e:" + name for name, at in statements if sentence.start <= at < sentence.end)
        if spanish:
            bag.extend(spanish_cues(lowered))
    return per


def text_features(text: Text, evidence: Evidence) -> list[str]:
    """Features of the whole text: its kind, length, quasi-identifiers, people and identifiers."""
    out = ["k:" + evidence.kind, "len:" + str(min(len(text.raw) // 150, 6))]
    if evidence.authorized:
        out.append("e:authorization")
    count = sum(1 for pattern in _QI.values() if pattern.search(text.raw if pattern is
                                                                 _QI["town"] else text.lower))
    out.append(f"qi:{min(count, 4)}")
    if count >= 2 and text.tagged(-1):
        out.append("qi+care")
    # The rules' verdicts are left out on purpose: on the corpora the rules were fitted to they
    # are nearly the labels, and a model that learnt to copy them could not overrule them.
    patient = any(not p.staff for p in evidence.people)
    if patient:
        out.append("e:any-person")
    if any(i.personal for i in evidence.identifiers):
        out.append("e:any-personal-id")
    if _RESULT.search(text.lower):
        out.append("e:result")
        if patient:
            out.append("e:person+result")
        if any(p.staff for p in evidence.people):
            out.append("e:staff+result")
        if _ATTRIBUTED_QUOTE.search(text.raw):
            out.append("e:quote+result")
    if any(w in text.lower for w in _REVIEW_WORDS) and _REVIEW_REWARD.search(text.lower):
        out.append("e:review+reward")
    return out


_BITS_TO_NAMES = {1 << index: name for index, name in enumerate(TAG_GROUPS)}


def _tag_names(text: Text) -> list[tuple[int, str]]:
    names = []
    for start, _end, bits in getattr(text, "tags", ()):
        for bit, name in _BITS_TO_NAMES.items():
            if bits & bit:
                names.append((start, name))
    return names
