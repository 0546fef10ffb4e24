"""Replies to reviews and comments: what a reply may not reveal (PHI-002).

The phrase patterns live in resources/compliance/reply.toml. This module adds what phrases
cannot express: a care detail anywhere in a reply (a condition, procedure or drug), a date or
an amount of money, and the reviewer's name, which blocks when the review itself did not show
it (the practice revealed who hid behind an alias) and warns otherwise.
"""

from __future__ import annotations

import re

from clinicstudio.compliance.lexicons import Tagger
from clinicstudio.compliance.people import Person
from clinicstudio.compliance.rulepack import RulePack
from clinicstudio.compliance.text import Text
from clinicstudio.domain import Finding, Fix, Severity

_MONEY = re.compile(r"\$\s?\d[\d,]*(?:\.\d\d)?|\b\d[\d,]*(?:\.\d\d)?\s?(?:dollars|usd)\b",
                    re.IGNORECASE)
_CARE_DATE = re.compile(
    r"\b(?:on|since|last)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b[\w ,]{0,8}|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    re.IGNORECASE)
# A public event's date or price is not a date or cost of anyone's care.
_EVENT = re.compile(r"\b(?:open house|event|workshop|seminar|webinar|health fair|fair|party|"
                    r"celebration|fundraiser|blood drive|food drive|meetup|festival|parade)\b",
                    re.IGNORECASE)
# An amount is the reviewer's own when the sentence ties it to their bill or payment; a price
# list ("self-pay visits start at $125") is public (labels sheet: prices and booking are clean).
_THEIR_MONEY = re.compile(
    r"\b(?:your|su|tu)\s+(?:[\w-]+\s+)?(?:bill|balance|copay|co-pay|charge|statement|invoice|"
    r"refund|payment|deductible|account|factura|cuenta|pago)s?\b|\byou\s+(?:were|got|had been)\s+"
    r"(?:charged|billed|refunded)\b|\b(?:we|i)\s+(?:charged|billed|refunded|credited)\s+you\b|"
    r"\byou\s+(?:paid|owe|owed)\b|\b(?:refund(?:ed)?|reimbursed|credited|waived)\b", re.IGNORECASE)
# Sentences about what the clinic offers in general may name a service.
_GENERAL = re.compile(
    r"\b(?:we offer|we provide|our services|is available|are available|if you(?:'re| are| have| "
    r"ever)?|anyone|everyone|many (?:patients|people)|patients often|in general|generally|"
    r"we (?:can|also) (?:help|treat|see)|ask about|learn more|questions? (?:about|on|regarding)|"
    r"how often|can be (?:booked|scheduled)|specials?|% off|(?:off|on|for) any|discounts?|"
    r"promo(?:tion)?s?|no appointment (?:needed|necessary)|walk-?ins? welcome|"
    r"we(?:'re| are) open|open (?:until|till|late|on)|(?:our|office|opening|walk-in) hours|"
    r"our\s+(?:[\w-]+\s+){0,2}(?:clinics?|days|programs?|hours|schedule|menu|services))\b",
    re.IGNORECASE)


class ReplyDetector:
    def __init__(self, tags: Tagger, rules: RulePack) -> None:
        self._care = tags.bits["conditions"] | tags.bits["procedures"] | tags.bits["drugs"]
        block, *_ = rules.rules_for("PHI-002")
        self._rule = block

    def check(self, text: Text, people: list[Person], reply_to: str) -> list[Finding]:
        findings: list[Finding] = []
        rule = self._rule
        for start, end in text.tagged(self._care):
            sentence = text.sentence_at(start)
            if _GENERAL.search(text.raw, sentence.start, sentence.end):
                continue
            # A care word alone is not patient information (labels sheet, rule 3): general
            # education and redirects are fine. It stays visible as a note, and the model
            # weighs it with the rest of the reply.
            findings.append(rule.finding(
                start, end, kind="reply", severity=Severity.INFO,
                message="Mentions a condition, treatment or medication in a reply. Fine as "
                        "general information; make sure it does not confirm that the reviewer "
                        "is a patient or say anything about their care."))
        for pattern, what in ((_MONEY, "an amount"), (_CARE_DATE, "a date")):
            for match in pattern.finditer(text.raw):
                sentence = text.sentence_at(match.start())
                if _EVENT.search(text.raw, sentence.start, sentence.end):
                    continue  # "See you at our open house on May 3!": an event's date
                if pattern is _MONEY and not _THEIR_MONEY.search(text.raw, sentence.start,
                                                                 sentence.end):
                    continue  # a price anyone may ask about, not the reviewer's bill
                findings.append(rule.finding(
                    *match.span(), kind="reply",
                    message=f"Mentions {what} in a reply. Costs and dates of care are patient "
                            "information."))
        review = reply_to.lower()
        for person in people:
            if person.staff:
                continue
            name_words = [w.lower().strip("@.") for w in re.findall(r"[\w@.']+", person.text)]
            shown = bool(review) and any(w and w in review for w in name_words)
            fix = Fix(f"Remove “{person.text}”", person.start, person.end, "")
            if review and not shown:
                findings.append(rule.finding(
                    person.start, person.end, kind="reply", fixes=(fix,),
                    message="Uses a name the review did not show. Revealing who wrote a review "
                            "confirms they are a patient."))
            else:
                findings.append(rule.finding(
                    person.start, person.end, kind="reply", fixes=(fix,),
                    severity=Severity.WARN,
                    message="Addresses the reviewer by name. Together with any detail of their "
                            "care this confirms they are a patient; a generic reply is safest."))
        return findings
