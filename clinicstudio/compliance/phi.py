"""Patient information: a person, a number, a date or a place, together with care.

HIPAA enforcement turns on *co-occurrence*: a name alone is a greeting, a condition alone is
education, but "Maria" near "knee replacement" is a disclosure. So this module first finds the
pieces (people.py, identifiers.py, the health lexicons, dates and ages) and then reports the
combinations that identify a patient, within the same sentence or the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinicstudio.compliance.identifiers import Identifier
from clinicstudio.compliance.individual import ONE_PATIENT
from clinicstudio.compliance.lexicons import Tagger
from clinicstudio.compliance.patterns import matches
from clinicstudio.compliance.people import Person
from clinicstudio.compliance.rulepack import RulePack, match_prefixes
from clinicstudio.compliance.text import Text, words
from clinicstudio.domain import Finding, Fix, Severity

_AGE_OVER_89 = re.compile(
    # The lookahead lists every character a match can start with, so the scan skips the rest.
    r"(?=[91tanoh,(])(?:"
    r"\b(?:9\d|1[01]\d)(?:st|nd|rd|th)?\s*(?:birthday|bday|b-day)\b"
    r"|\b(?:9\d|1[01]\d)[- ](?:years?|yrs?)[- ]old\b|\b(?:9\d|1[01]\d)[- ]year[- ]old\b"
    r"|\bturn(?:s|ed|ing)\s+(?:9\d|1[01]\d)\b|\baged?\s+(?:9\d|1[01]\d)\b"
    # "just turned ninety-three", "aged a hundred and one": the age in words.
    r"|\b(?:turn(?:s|ed|ing)|aged?|is|now)\s+"
    r"(?:ninety(?:[- ]\w+)?|(?:one|a) hundred(?:[- ]and[- ]\w+)?)\b"
    r"|\b(?:9\d|1[01]\d)\s*(?:yo|y/o|yrs young|years young)\b"
    r"|\b(?:ninety|one hundred|hundred)[- ]\w*\s*(?:birthday|years? old)\b"
    # "Grandpa Joe, 94, ..." and "Edna (age 92)": an age written after a name.
    r"|(?<=[A-Za-z]), (?:9\d|1[01]\d)(?=,)|\((?:age |aged )?(?:9\d|1[01]\d)\))",
    re.IGNORECASE)
_BIRTHDAY = re.compile(r"\b(?:birthday|bday|b-day|birth date|date of birth|dob)\b", re.IGNORECASE)
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# Dates are found in two passes so that each can be tried only where it can start (see
# patterns.matches): words first ("March 4", "yesterday"), then numbers ("4th of March", "3/4").
_DATE_WORDS = re.compile(
    rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"|\b(?:yesterday|last (?:night|week|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|this (?:morning|afternoon|past weekend)|earlier today)\b",
    re.IGNORECASE)
_DATE_WORD_STARTS = match_prefixes(_DATE_WORDS.pattern)
_DATE_NUMBERS = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+of\s+{_MONTHS}\b|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b",
    re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
# Ages over 89 need a 9x or 1xx number, or the word ninety or hundred.
_MAYBE_OLD = re.compile(r"9\d|1[01]\d|ninety|hundred", re.IGNORECASE)
# A sentence announcing an event, with no one's own care in it, names hosts, not patients.
_EVENT = re.compile(r"\b(?:workshop|class|seminar|webinar|lecture|presentation|q&a|talk|fair|open "
                    r"house|event|clinic day|info session|conference|career day|demo|blood drive|"
                    r"drive|expo|health fair|screening day|fundraiser|meetup|story ?time|hosting|"
                    r"hosts|invites|join us|rsvp)\b",
                    re.IGNORECASE)
# "The Johnson boys came in for physicals and left with a lecture": a visit, not an event.
_CAME_IN = re.compile(r"\b(?:came|come|comes|coming|stopped|walked|rolled) (?:in|by)\b|"
                      r"\bwas seen\b", re.IGNORECASE)
_OWN_CARE = re.compile(r"\b(?:his|her|their|my)\b", re.IGNORECASE)
# A birthday wish to a colleague ("Happy birthday to our office manager Carla!").
_STAFF_WORDS = re.compile(
    r"\b(?:team|teammates?|staff|colleagues?|co-?workers?|nurses?|hygienists?|receptionists?|"
    r"assistants?|managers?|coordinators?|front desk|dr|doctors?|dentists?|therapists?|"
    r"counsell?ors?|providers?|aestheticians?|estheticians?|injectors?|our own|employees?|"
    r"crew|boss|founder|owner)\b", re.IGNORECASE)
# "our Millbrook cancer survivor", "a patient from Eastfield"
_PLACE_BEFORE = re.compile(
    r"\b(?:our|a|the|this)\s+(?P<place>[A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})?)\s+(?:[\w-]+\s+){0,2}"
    r"(?:patient|survivor|family|mom|dad|kid|baby|resident|client|warrior|grandma|grandpa)\b")
_PLACE_AFTER = re.compile(
    r"\b(?:patient|survivor|client|family|mom|dad|kid|baby|grandma|grandpa|resident)\b"
    r"[^.!?]{0,30}?\b(?:from|in)\s+(?:the\s+)?(?P<place>[A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})?)")
_NOT_PLACES = words("monday tuesday wednesday thursday friday saturday sunday january february "
                    "march april may june july august september october november december spring "
                    "summer fall autumn winter christmas easter thanksgiving")


@dataclass(frozen=True)
class PhiDetector:
    """Built once per Checker; holds the compiled context matchers."""

    rules: RulePack
    health_bits: int
    english: dict[str, int]

    @classmethod
    def build(cls, tags: Tagger, rules: RulePack, english: dict[str, int]) -> PhiDetector:
        # Everything that makes a sentence about someone's health or care.
        bits = 0
        for name in ("conditions", "serious", "procedures", "drugs", "rx", "compounded", "body",
                     "wellness", "unproven", "emergency", "visit", "patient"):
            bits |= tags.bits[name]
        return cls(rules, bits, english)

    def health_spans(self, text: Text) -> list[tuple[int, int]]:
        return text.tagged(self.health_bits)

    def check(self, text: Text, people: list[Person], identifiers: list[Identifier],
              kind: str) -> list[Finding]:
        findings: list[Finding] = []
        patients = [p for p in people if not p.staff]

        def near_health(start: int, end: int, before: int = 1, after: int = 1) -> bool:
            lo, hi = text.window(start, end, before, after)
            return any(not (s < end and start < e)
                       for s, e in text.tagged(self.health_bits, lo, hi))

        def near_person(start: int, end: int) -> bool:
            lo, hi = text.window(start, end, 1, 1)
            return any(lo <= p.start < hi for p in patients) or bool(
                ONE_PATIENT.search(text.raw, lo, hi))

        named = self.rules["PHI-001"]
        for person in patients:
            sentence = text.sentence_at(person.start)
            if _EVENT.search(text.raw, sentence.start, sentence.end) and not _OWN_CARE.search(
                    text.raw, sentence.start, sentence.end) and not _CAME_IN.search(
                    text.raw, sentence.start, sentence.end):
                continue  # "Join Coach Sam for a knee-injury prevention workshop": a presenter
            if near_health(person.start, person.end):
                replacement = "a patient" if person.kind == "handle" else "our patient"
                fix = Fix(f"Replace “{person.text}” with “{replacement}”", person.start,
                          person.end, replacement)
                findings.append(named.finding(person.start, person.end, kind=kind,
                                              fixes=(fix,)))
        strong, weak = self.rules.rules_for("PHI-003")
        for ident in identifiers:
            fix = Fix(f"Replace with “{ident.replacement}”", ident.start, ident.end,
                      ident.replacement)
            if ident.kind == "url" and not ident.personal:
                continue  # an organisation's page, not a person's
            tied = ident.personal or near_person(ident.start, ident.end) or near_health(
                ident.start, ident.end, 1, 1)
            if ident.kind in ("street", "zip"):
                rule = self.rules["PHI-005"]
                sentence = text.sentence_at(ident.start)
                if not ident.personal and _EVENT.search(
                        text.raw, sentence.start, sentence.end) and not _OWN_CARE.search(
                        text.raw, sentence.start, sentence.end) and not ONE_PATIENT.search(
                        text.raw, sentence.start, sentence.end):
                    continue  # "a talk on sleep at the library, 300 Spring St": a venue

                if tied:
                    findings.append(rule.finding(ident.start, ident.end, kind=kind,
                                                 fixes=(fix,)))
                continue
            rule = strong if tied else weak
            findings.append(rule.finding(ident.start, ident.end, kind=kind, fixes=(fix,)))
        findings.extend(self._dates_and_ages(text, patients, kind, near_person, near_health))
        findings.extend(self._places(text, kind))
        return findings

    def _dates_and_ages(self, text: Text, patients: list[Person], kind: str,
                        near_person, near_health) -> list[Finding]:  # type: ignore[no-untyped-def]
        rule = self.rules["PHI-004"]
        findings = []
        for match in _AGE_OVER_89.finditer(text.raw) if _MAYBE_OLD.search(text.raw) else ():
            tied = near_person(*match.span()) or bool(patients) or near_health(*match.span())
            findings.append(rule.finding(*match.span(), kind=kind,
                                         severity=None if tied else Severity.WARN))
        for match in _BIRTHDAY.finditer(text.raw):
            if any(f.start <= match.start() < f.end + 12 for f in findings):
                continue
            tied = near_person(*match.span()) and (near_health(*match.span()) or bool(
                ONE_PATIENT.search(text.raw, *text.window(*match.span()))))
            if tied or self._birthday_wish(text, match.start(), patients):
                findings.append(rule.finding(*match.span(), kind=kind))
        dates = list(matches(_DATE_WORDS, _DATE_WORD_STARTS, text.raw, text.flat))
        if _HAS_DIGIT.search(text.raw):
            dates.extend(_DATE_NUMBERS.finditer(text.raw))
        for match in dates:
            start, end = match.span()
            sentence = text.sentence_at(start)
            if _EVENT.search(text.raw, sentence.start, sentence.end) and not _OWN_CARE.search(
                    text.raw, sentence.start, sentence.end):
                continue  # "Prof. Ames will speak on teen stress at our talk, 14/11": an event
            in_sentence = any(sentence.start <= p.start < sentence.end for p in patients) or \
                bool(ONE_PATIENT.search(text.raw, sentence.start, sentence.end))
            if in_sentence and near_health(start, end, 0, 0):
                findings.append(rule.finding(start, end, kind=kind))
        return findings

    @staticmethod
    def _birthday_wish(text: Text, start: int, patients: list[Person]) -> bool:
        """ "Happy 6th birthday to our friend Noah": a clinic wishing someone outside its staff
        a happy birthday names a patient and a date of birth, with or without a care word."""
        sentence = text.sentence_at(start)
        return any(sentence.start <= p.start < sentence.end for p in patients) and \
            not _STAFF_WORDS.search(
            text.raw, sentence.start, sentence.end)

    def _places(self, text: Text, kind: str) -> list[Finding]:
        rule = self.rules["PHI-005"]
        findings = []
        for pattern in (_PLACE_BEFORE, _PLACE_AFTER):
            for match in pattern.finditer(text.raw):
                place = match.group("place")
                first = place.split()[0].lower()
                if self.english.get(first, 0) >= 300 or first in _NOT_PLACES or first in (
                        "dr", "our"):
                    continue
                lo, hi = text.window(*match.span(), 0, 0)
                if not text.tagged(self.health_bits, lo, hi):
                    continue
                findings.append(rule.finding(*match.span("place"), kind=kind))
        return findings
