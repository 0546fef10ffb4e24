"""Reading level (Flesch-Kincaid grade), computed offline, and unexplained clinical jargon.

Short captions give noisy grades, so the grade is reported only for texts of at least three
sentences or forty words, and texts under forty words warn only above grade 10. Syllables are
counted with vowel groups and the usual English corrections (silent final e, "-le", "-ed"),
which is close to dictionary counts for the plain words clinic posts use.
"""

from __future__ import annotations

import re
from functools import lru_cache

from clinicstudio.compliance.lexicons import Lexicons, term_regex
from clinicstudio.compliance.rulepack import RulePack
from clinicstudio.compliance.text import Text, words
from clinicstudio.domain import Finding, Severity

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_MIN_SENTENCES, _MIN_WORDS = 3, 40
WARN_ABOVE, INFO_ABOVE = 8.0, 6.0
# Under forty words one long name or word moves the grade a lot, so short posts warn only when
# clearly hard.
WARN_ABOVE_SHORT = 10.0
# Two long sentences of clinical prose are hard to read even though too short for a stable
# grade: from twenty words on, a grade this far above the target warns regardless.
_DENSE_WORDS, WARN_ABOVE_DENSE = 20, 14.0
# Abbreviations that are also everyday words are jargon only in capitals ("BID", not "bid").
_CAPITALS_ONLY = words("bid tid po pt pts dm mi cad rom otc hx dx tx sx rx bp uri")


@lru_cache(maxsize=8192)
def syllables(word: str) -> int:
    word = word.lower().strip("'’")
    if len(word) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(word))
    silent_e = word.endswith("e") and not word.endswith(("le", "ee", "ye"))
    silent_ed = word.endswith("ed") and not word.endswith(("ted", "ded"))
    if (silent_e or silent_ed) and count > 1:
        count -= 1
    if word.endswith("es") and not word.endswith(("ses", "zes", "ces", "ges", "xes")) \
            and count > 1:
        count -= 1
    return max(1, count)


def grade_level(text: Text) -> tuple[float, int, int]:
    """Flesch-Kincaid grade, number of words and number of sentences."""
    words = [t.text for t in text.words]
    sentences = sum(1 for s in text.sentences if any(ch.isalpha() for ch in
                                                     text.raw[s.start:s.end]))
    if not words or not sentences:
        return 0.0, len(words), sentences
    total_syllables = sum(syllables(w) for w in words)
    grade = 0.39 * len(words) / sentences + 11.8 * total_syllables / len(words) - 15.59
    return round(grade, 1), len(words), sentences


class ReadabilityChecker:
    def __init__(self, lex: Lexicons, rules: RulePack) -> None:
        self._warn, self._info = rules.rules_for("A11Y-001")
        self._jargon_rule = rules["A11Y-007"]
        self._glossary = lex.jargon
        self._jargon = term_regex(set(lex.jargon))

    def check(self, text: Text) -> list[Finding]:
        findings: list[Finding] = []
        grade, words, sentences = grade_level(text)
        if words >= _MIN_WORDS or (sentences >= _MIN_SENTENCES and words >= 12):
            end = len(text.raw.rstrip())
            if grade > (WARN_ABOVE if words >= _MIN_WORDS else WARN_ABOVE_SHORT):
                findings.append(self._warn.finding(
                    0, end, message=self._warn.message.format(grade=round(grade))))
            elif grade > INFO_ABOVE:
                findings.append(self._info.finding(
                    0, end, message=self._info.message.format(grade=round(grade))))
        elif words >= _DENSE_WORDS and grade > WARN_ABOVE_DENSE:
            findings.append(self._warn.finding(
                0, len(text.raw.rstrip()), message=self._warn.message.format(grade=round(grade))))
        for match in self._jargon.finditer(text.raw):
            term = match.group()
            key = term.lower()
            if key in _CAPITALS_ONLY and not term.isupper():
                continue
            gloss = self._glossary.get(key, "")
            lo, hi = text.window(*match.span(), 0, 0)
            if gloss and gloss.split(" (")[0] in text.lower[lo:hi]:
                continue  # already explained in the same sentence
            findings.append(self._jargon_rule.finding(
                *match.span(), severity=Severity.INFO,
                message=f"“{term}” is clinical jargon many readers will not know"
                        + (f" (it means {gloss})." if gloss else ".")))
        return findings
