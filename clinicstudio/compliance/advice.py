"""Emergencies without an emergency line (PRO-004).

A post that names an emergency symptom or a crisis must tell people to call 911, and one about
a mental-health crisis must give 988, the Suicide & Crisis Lifeline. The fix appends the line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from clinicstudio.compliance.lexicons import Tagger
from clinicstudio.compliance.rulepack import RulePack
from clinicstudio.compliance.text import Text, words
from clinicstudio.domain import Finding, Fix, Severity

_MENTAL_HEALTH = re.compile(r"\b(?:suicid\w*|self[- ]harm|hurting yourself|kill yourself|"
                            r"end(?:ing)? your life|want to die|hopeless|dark thoughts|crisis)\b",
                            re.IGNORECASE)
# "after his heart attack", "recovering from a stroke": a story about the past, not a call for
# help; "reduce the risk of head injury": prevention advice.
_PAST = words("after his her their survived since from had recovering recovered survivor risk "
              "prevent prevents preventing reduce reduces avoid lower lowers was wasn't "
              "convinced thought")
_HAS_911 = re.compile(r"\b(?:911|999|112|emergency room|nearest er|the er\b|go to the er|"
                      r"emergency services|emergency department|call an ambulance)",
                      re.IGNORECASE)
_HAS_988 = re.compile(r"\b(?:988|crisis (?:line|lifeline|text line)|741741|suicide "
                      r"(?:&|and) crisis)", re.IGNORECASE)
_REDIRECT = re.compile(r"\b(?:call (?:us|your (?:doctor|provider|pediatrician|dentist)|the office|"
                       r"our office|the clinic|(?:our|the) (?:emergency|after-hours|on-call|"
                       r"urgent) (?:line|number))|see (?:a|your) (?:doctor|clinician|provider)|"
                       r"seek "
                       r"(?:medical )?(?:care|help|attention))\b", re.IGNORECASE)
# "ran a 5K for suicide prevention", "Stroke Awareness Month": the name of a cause, not a
# person in danger.
# "Call our office first thing in the morning": an office redirect that delays care.
_DELAYED = re.compile(r"\b(?:in the morning|first thing|tomorrow|next (?:day|week)|"
                      r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                      r"(?: morning)?(?=\s*[!.]|\s*$)|after the weekend|during (?:office|"
                      r"business) hours|book (?:an|a) (?:appointment|visit)|fit you in|"
                      r"schedule (?:an|a) (?:appointment|visit))\b", re.IGNORECASE)
_CAUSE = re.compile(r"\s+(?:prevention|awareness|research|walk|run|fundraiser|month|week|day|"
                    r"training|first aid|survivors? (?:day|walk))\b", re.IGNORECASE)
EMERGENCY_LINE = "If this is an emergency, call 911."
CRISIS_LINE = "If you or someone you know is in crisis, call or text 988 (Suicide & Crisis " \
              "Lifeline), or call 911."


class EmergencyChecker:
    def __init__(self, tags: Tagger, rules: RulePack) -> None:
        self._bits = tags.bits["emergency"]
        self._rule = rules["PRO-004"]

    @staticmethod
    def _past(text: Text, start: int) -> bool:
        index = text.token_index_at(start)
        return any(t.lower in _PAST for t in text.tokens[max(0, index - 3):index])

    def check(self, text: Text) -> list[Finding]:
        hits = [(s, e) for s, e in text.tagged(self._bits)
                if not text.negated(s, 2) and not self._past(text, s)
                and not _CAUSE.match(text.raw, e)]
        if not hits:
            return []
        crisis = any(_MENTAL_HEALTH.search(text.raw, s, e) for s, e in hits)
        if crisis and _HAS_988.search(text.raw):
            return []
        if not crisis and (_HAS_911.search(text.raw) or _HAS_988.search(text.raw)):
            return []
        line = CRISIS_LINE if crisis else EMERGENCY_LINE
        end = len(text.raw.rstrip())
        separator = "\n\n" if end else ""
        fix = Fix(f"Add “{line}”", end, len(text.raw), separator + line)
        first_start, first_end = hits[0]
        message = self._rule.message
        if crisis:
            message = ("Talks about suicide, self-harm or a mental-health crisis without the 988 "
                       "Suicide & Crisis Lifeline.")
        # Pointing people to the clinic or a doctor is a redirect, only not an emergency one.
        severity = Severity.INFO if _REDIRECT.search(text.raw) and not _DELAYED.search(
            text.raw) else None
        finding = self._rule.finding(first_start, first_end, fixes=(fix,), message=message,
                                     severity=severity)
        return [replace(finding, suggestion=f"Add: “{line}”")]
