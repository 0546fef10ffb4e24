"""Testimonials and before-and-after results (CLM-005, CLM-008).

A testimonial is a first-person quote ("I lost 42 pounds ...") or a first-person result
sentence about a treatment; a before-and-after post says so in words. Either needs what
patients can generally expect, and results shown need the patient's authorization: a consent
reference on an attached image or an authorization statement in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from clinicstudio.compliance.accessibility import ImageFacts
from clinicstudio.compliance.lexicons import Tagger
from clinicstudio.compliance.patterns import matches
from clinicstudio.compliance.rulepack import RulePack, match_prefixes
from clinicstudio.compliance.text import Text
from clinicstudio.domain import Finding

AUTHORIZATION = re.compile(
    r"\b(?:authori[sz]ation|authori[sz]ed|written permission|written consent|signed consent|"
    r"consent on file|permission on file|release on file|auth[- ]?(?:id|ref|#|\d)|shared with "
    r"(?:his|her|their|the patient's|the client's) (?:written )?(?:permission|consent))",
    re.IGNORECASE)
TYPICAL = re.compile(
    r"\b(?:typical(?:ly)?|generally expect\w*|most (?:patients|clients|people)\s+(?:can expect|"
    r"see|lose|get|notice|need|report|experience)|on average|average (?:patient|result|loss|"
    r"weight loss|improvement)|usual(?:ly)? results?|expected results?)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“](?P<body>[^\"“”]{12,400})[\"”]|(?<!\w)'(?P<single>[^'\n]{20,400})'"
                    r"(?=\s*[—–-])"
                    # "Clients say: '...'": single quotes after an attribution and a colon.
                    r"|(?<=:)\s*[‘'](?P<led>[^'’\n]{12,400})['’]")
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i've|i'd|my|me|myself|mi|mis|yo|nuestr[oa]s?)\b"
    # A relative's result told by the family: "Dad's bedsore healed", "mom's new knee".
    r"|\b(?:dad|mom|mum|father|mother|son|daughter|husband|wife|baby|kid|grandma|grandpa)['’]s\b",
    re.IGNORECASE)
# A quotation followed by who said it ("— Tom K.", "– Familia Ortega"): a testimonial.
_ATTRIBUTED = re.compile(r"\s*[—–-]{1,2}\s*\S")
# A quotation under a star rating ("⭐⭐⭐⭐⭐ “...”") is a review, a testimonial too.
_RATED = re.compile(r"(?:⭐️?|★|🌟){3,}\s*$")
_OUTCOME = re.compile(
    r"\b(?:lost|lose|dropped|down|shed)\s+(?:\d+|a|over|almost|nearly)\b|\b\d+\s*(?:lbs?|pounds|"
    r"inches|sizes|kg)\b|\byears? younger\b|\b(?:\d+|ten|five|a few|years) years? off\b|"
    r"\bafter (?:just |only )?(?:\d+|one|two|three|four|five|a few) (?:visits?|sessions?|"
    r"treatments?|appointments?)\b|\b(?:finally )?love my (?:smile|skin|body|teeth|face)\b|"
    r"\bgone\b|\bpain[- ]free\b|\bno more (?:pain|"
    r"acne|wrinkles|migraines|back pain|headaches)\b|\bcan finally\b|\bfinally (?:pick|walk|run|"
    r"sleep|smile|eat)\b|\bchanged my life\b|\blife[- ]changing\b|\bcured\b|\bhealed\b|"
    r"\bdisappeared\b|\bin (?:just )?(?:one|1|two|2|\d+) (?:visits?|sessions?|weeks?|days?)\b|"
    r"\bafter (?:\d+|one|two|three|ten) (?:years?|months?) of\b|\bno longer\b|\bbest results\b|"
    r"\b(?:haven't|have not|hasn't|never) (?:had|felt|needed)\b|\bnever (?:looked|felt) better\b|"
    r"\bbest decision\b|\bresults after (?:just )?(?:one|1|two|2|three|3|\d+)\b|\b(?:clear|glowing|"
    r"smooth|flawless|tighter|firmer|brighter|whiter|straight) (?:skin|teeth|smile)\b|\bgave me "
    r"(?:my|back|a new)\b|\bconfidence back\b|\b(?:changed|saved) my (?:life|smile)\b|"
    r"\bsmile in every (?:photo|picture)\b|"
    r"\b(?:looks?|looking|feel|feels|felt) (?:\d+ |ten |five )?years younger\b|"
    r"\b(?:skin|teeth|smile|back|knee|body|face|hair) (?:has|have|is|are|looks?|feels?) "
    r"(?:never|so much|amazing|flawless|perfect|better|incredible)\b|"
    r"\bthanks to (?:this|the|your|my|"
    r"our) (?:clinic|team|doctor|dr|program|treatment|office)\b|\bin (?:just )?(?:one|two|three|"
    r"four|five|six|seven|eight|nine|ten|a few) (?:visits?|sessions?|weeks?|days?|months?)\b"
    # Spanish: "ya no tiene ataques", "sin dolor", "se curó", "ni un día enfermo".
    r"|\bya no (?:tiene|tengo|tienen|siento|sufre|sufro|necesita|necesito|le duele|me duele)\b|"
    r"\bsin dolor\b|\bse (?:curó|curo|sanó|sano|quitó|fue)\b|\b(?:curad[oa]|sanad[oa])\b|"
    r"\bni un día enferm[oa]\b|\badiós a\b|\bcambió mi vida\b|\bpor fin (?:puedo|duermo|camino)\b",
    re.IGNORECASE)
_TREATMENT = re.compile(
    r"\b(?:session|treatment|visit|injections?|program|plan|clinic|doctor|dr\.?|dentist|"
    r"therapy|therapist|botox|filler|laser|emsculpt|coolsculpting|semaglutide|tirzepatide|"
    r"ozempic|wegovy|adjustment|procedure|surgery|team|here|pt|physio)\b", re.IGNORECASE)
_BEFORE_AFTER = re.compile(
    r"\bbefore\s*(?:&|and|/|\+|➡️|➡|->|→|vs\.?|to|n)\s*after\b|\bb\s?&\s?a\b|#beforeandafter\b|"
    r"#beforeafter\b|\bbefore\b[^.\n]{0,40}\bafter\s*[:!]|\btransformation(?:s)?\b(?!\s+tuesday)|"
    r"\b(?:see|check out) (?:these|this|the) results\b"
    # "Day 1 vs day 90", "week 1 → week 12", "then vs now": a before-and-after in other words.
    r"|\b(?:day|week|month|visit|session)\s*\d+\s*(?:vs\.?|versus|v\.?|->|→|➡️?|to)\s*"
    r"(?:day|week|month|visit|session)\s*\d+\b|\bthen\s*(?:vs\.?|versus|&|/)\s*now\b"
    # "Look at Kendra's skin after 4 sessions": one person's result shown off.
    # "Look at Chantelle after her third round of Morpheus8": the person or the part shown.
    # "Here's @skinbyshay after her third microneedling session": the same, introduced.
    r"|\b(?:look at|check out|see|wow,? look at|here['’]s|here is)\s+(?:[\w-]+['’]s\s+|her\s+|"
    r"his\s+|their\s+|this\s+|these\s+|(?!(?:results?|improvements?|changes?|relief|a\s)\b)"
    r"@?[\w.-]+\s+)"
    r"(?:(?:[\w-]+\s+)?(?:skin|smile|teeth|results?|face|lips|hair|"
    r"transformation|progress|posture|jawline|body)\s+)?(?:after|at)\s+(?:just\s+|only\s+)?"
    r"(?:her\s+|his\s+|their\s+)?(?:\d+(?:st|nd|rd|th)?|one|two|three|four|five|six|a few|first|"
    r"second|third|fourth|fifth|final|last)"
    r"\s+(?:[\w-]+\s+)?(?:sessions?|treatments?|visits?|weeks?|months?|appointments?|rounds?)\b"
    # "@brittanyglows your results after three rounds of laser": one person's results, timed.
    r"|(?:(?<=\byour )|(?<=\b(?:her|his) )|(?<=['’]s ))results\s+after\s+(?:just\s+|only\s+)?"
    r"(?:\d+|one|two|three|four|five|six|a few)\s+(?:[\w-]+\s+)?"
    r"(?:sessions?|treatments?|rounds?|visits?|weeks?|months?)\b"
    # "Swipe to see Andrea's results from her CoolSculpting": a named person's results.
    r"|\b(?:swipe|see|look at|check out|here are)\b[^.!?\n]{0,20}?\b(?:[\w-]+['’]s|her|his)\s+"
    r"(?:amazing\s+|incredible\s+|latest\s+|final\s+)?results\b"
    # "Swipe to see Jess's gummy smile fixed with a gum lift": a named person's result.
    r"|\b(?:swipe|see|look at|check out)\b[^.!?\n]{0,20}?\b(?:[\w-]+['’]s|her|his|their)\s+"
    r"(?:[\w-]+\s+)?(?:smile|skin|teeth|lips|face|jawline|nose|chin|body|hair|posture)\s+"
    r"(?:fixed|transformed|corrected|restored|rejuvenated|made over|glow[- ]up)\b",
    re.IGNORECASE)


# Each is tried only where one of its literal beginnings occurs (see patterns.matches).
_AUTHORIZATION_STARTS = match_prefixes(AUTHORIZATION.pattern)
_TYPICAL_STARTS = match_prefixes(TYPICAL.pattern)
_BEFORE_AFTER_STARTS = match_prefixes(_BEFORE_AFTER.pattern)


def _first(pattern: re.Pattern[str], starts: tuple[str, ...], text: Text) -> re.Match[str] | None:
    """``pattern.search(text.raw)``, trying only where one of ``starts`` occurs."""
    return next(matches(pattern, starts, text.raw, text.flat), None)


def authorization_referenced(text: Text) -> bool:
    """The post refers to the patient's signed authorization."""
    return _first(AUTHORIZATION, _AUTHORIZATION_STARTS, text) is not None


class EndorsementChecker:
    def __init__(self, rules: RulePack, tags: Tagger) -> None:
        self._testimonial = rules["CLM-005"]
        self._care = 0
        for name in ("procedures", "drugs", "rx", "wellness", "unproven"):
            self._care |= tags.bits[name]
        self._ba_block, self._ba_warn = rules.rules_for("CLM-008")

    def testimonials(self, text: Text) -> list[tuple[int, int]]:
        spans = []
        for match in _QUOTE.finditer(text.raw):
            group = next(name for name in ("body", "single", "led")
                         if match.group(name) is not None)
            body = match.group(group)
            attributed = (_ATTRIBUTED.match(text.raw, match.end()) is not None
                          or _RATED.search(text.raw, max(0, match.start() - 24),
                                           match.start()) is not None)
            if (_FIRST_PERSON.search(body) or attributed) and _OUTCOME.search(body):
                spans.append(match.span(group))
        if not _FIRST_PERSON.search(text.raw):
            return spans
        for sentence in text.sentences:
            chunk = text.raw[sentence.start:sentence.end]
            if any(s <= sentence.start < e for s, e in spans):
                continue
            if not (_FIRST_PERSON.search(chunk) and _OUTCOME.search(chunk)):
                continue
            treatment = _TREATMENT.search(chunk) or text.tagged(self._care, sentence.start,
                                                                 sentence.end)
            clinic_voice = re.search(r"\b(?:we|our|you|your)\b", chunk, re.IGNORECASE)
            if treatment and not clinic_voice:
                spans.append((sentence.start, sentence.end))
        return spans

    def check(self, text: Text, images: Sequence[ImageFacts]) -> list[Finding]:
        findings = []
        typical = _first(TYPICAL, _TYPICAL_STARTS, text) is not None
        authorized = authorization_referenced(text) or any(
            image.consent_ref.strip() for image in images)
        if not typical:
            for start, end in self.testimonials(text):
                findings.append(self._testimonial.finding(start, end))
        match = _first(_BEFORE_AFTER, _BEFORE_AFTER_STARTS, text)
        if match:
            if not authorized:
                findings.append(self._ba_block.finding(*match.span()))
            elif not typical:
                findings.append(self._ba_warn.finding(*match.span()))
        return findings
