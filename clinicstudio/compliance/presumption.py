"""Short presumptive questions: "Migraines again?", "Bad knees?", "¿Dolor de muela?".

A question of a few words that names a condition or symptom, without a pronoun, presupposes
that the reader has it as much as "Do you have migraines?" does (labels sheet, attribute).
General questions ("What is eczema?", "Is it a cold or the flu?") and offers ("Need a flu
shot?", "Looking for a therapist?") are not presumptive.
"""

from __future__ import annotations

import re

from clinicstudio.compliance.lexicons import Tagger
from clinicstudio.compliance.model.spanish import spanish_care_pattern
from clinicstudio.compliance.rulepack import Rule
from clinicstudio.compliance.text import Text, words
from clinicstudio.domain import Finding

_MOST_WORDS = 9
# Openers of general questions and offers.
_GENERAL = words(
    "what what's whats how how's why when where which who whose is isn't are aren't can could "
    "should would will did didn't do does was were need needs looking want wondering curious "
    "questions question ready time new know heard have has ever any qué cómo cuándo dónde "
    "cuál por sabía necesita busca buscas")
# Symptom words that the condition lists do not hold.
_SYMPTOMS = re.compile(
    r"\b(?:sore|stuffy|runny|itchy|achy|aching|bloated|tired|exhausted|dull|sensitive|"
    r"sensitivity|snoring|snore|grinding|coughing|sneezing|wheezing|bad (?:knees?|back|hips?|"
    r"breath|skin)|toothache|teething|breakouts?|wrinkles|crow's feet|dark spots|sunspots|"
    r"hair loss|thinning hair|stiff|swollen|trouble sleeping|can't sleep|sick|aches|pains|"
    r"cold sore|manchas|dolor|sangran|cansad[oa]|insomnio)\b", re.IGNORECASE)


class PresumptionChecker:
    def __init__(self, tags: Tagger, rule: Rule) -> None:
        self._care = tags.bits["conditions"] | tags.bits["serious"]
        self._rule = rule

    def check(self, text: Text) -> list[Finding]:
        findings = []
        for sentence in text.sentences:
            raw = text.raw[sentence.start:sentence.end].strip()
            if not raw.endswith("?"):
                continue
            body = raw.lstrip("¿¡ \"'“")
            tokens = re.findall(r"[\w'’]+", body.lower())
            if not tokens or len(tokens) > _MOST_WORDS or tokens[0] in _GENERAL:
                continue
            if " you " in f" {' '.join(tokens)} " and tokens[0] not in ("still", "got"):
                continue  # "... you ...?" is the pronoun rules' business
            named = bool(text.tagged(self._care, sentence.start, sentence.end)) or bool(
                _SYMPTOMS.search(body)) or (raw.startswith("¿") and bool(
                    spanish_care_pattern().search(body.lower())))
            if not named:
                continue
            start = text.raw.index(raw, sentence.start)
            findings.append(self._rule.finding(
                start, start + len(raw), message=(
                    "A short question that presumes the reader has a health condition "
                    "(“Migraines again?”). Meta does not allow posts that imply a reader's "
                    "health, and readers find it intrusive.")))
        return findings
