"""Spelling with a medical vocabulary.

The known words are the shipped English list, the medical word list, every lexicon term, given
names and surnames, and the clinic's own names. While the user types, only words missing from
that set are looked at, and their suggestions come from single edits ranked by frequency
(fast, cached). The deeper two-edit search of pyspellchecker runs only when someone asks for
suggestions (:meth:`SpellChecker.suggestions`), and its dictionary is built on first use.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from clinicstudio.compliance.context import ClinicContext
from clinicstudio.compliance.lexicons import Lexicons
from clinicstudio.compliance.rulepack import Rule
from clinicstudio.compliance.text import Text, words
from clinicstudio.domain import Finding, Fix

_LETTERS = string.ascii_lowercase
_CONTRACTIONS = ("n't", "'s", "'re", "'ll", "'ve", "'m", "'d")
# "pre-wedding", "post-op", "non-surgical": a prefix before a hyphen is not a word of its own.
_PREFIXES = words("pre post non re co anti multi semi self well sub mid over under x e")
# Prefixes written joined to a known word ("unvaccinated", "nonsurgical", "overtreated").
_JOINED_PREFIXES = ("un", "non", "re", "pre", "post", "over", "under", "anti", "sub", "semi",
                    "multi", "mis", "dis", "inter", "intra", "hyper", "hypo", "micro")
# Medical words are rare in film subtitles; rank them like everyday words when suggesting.
_MEDICAL_WEIGHT = 5000
# The word list comes from film subtitles and holds some misspellings of common words at low
# counts; a word that rare next to one this common is reported as a likely typo.
_RARE, _VERY_COMMON = 100, 50_000
# Longer "words" are codes, pasted links or keyboard mashing; spelling them helps no one.
_LONGEST = 30
# Words that mark a sentence as Spanish ("gracias por sus comentarios"). Bilingual clinics post
# in both languages; an English checker would flag every Spanish word, so Spanish sentences
# are left alone. Strong markers are not English words; weak ones need a strong one with them.
_SPANISH_STRONG = words(
    "el los las del por para su sus una muy gracias usted ustedes nosotros nuestro nuestra "
    "nuestros nuestras también está están estamos hablamos hacer cita citas llámenos "
    "llame señora señor después mucho muchas muchos pero como cuando donde tiene tenemos "
    "somos favor hola bienvenidos felicidades sentimos aceptamos hasta pronto todas todos")
_SPANISH_LETTERS = re.compile("[áéíóúñü]", re.IGNORECASE)  # "español" supports "Hablamos"
_SPANISH_WEAK = words("la de en es con que y lo al se mi tu un le les")


def edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


class SpellChecker:
    def __init__(self, lex: Lexicons, english: dict[str, int], clinic: ClinicContext,
                 rule: Rule, medical: frozenset[str], known_words: frozenset[str]) -> None:
        self._english = english
        self._words = known_words
        self._medical = medical
        self._names = lex.first_names | lex.surnames
        self._clinic_words = (clinic.staff_words | clinic.clinic_words | clinic.address_words
                              | frozenset(w.lower() for w in clinic.identity.words))
        self._spanish = SpanishSpelling(self._clinic_words | self._names | medical)
        self._rule = rule
        self._deep: object | None = None
        self._suggest = lru_cache(maxsize=4096)(self._suggest_uncached)
        # A lower-case word is judged the same wherever it stands: remember the verdicts.
        self._lower_verdicts: dict[str, bool] = {}

    def known(self, word: str) -> bool:
        return (word in self._words or word in self._medical or word in self._clinic_words
                or word in self._names)

    def _derived(self, word: str) -> bool:
        """ "unvaccinated", "nonsurgical", "preop": a known word behind a joined prefix."""
        for prefix in _JOINED_PREFIXES:
            rest = word[len(prefix):]
            if word.startswith(prefix) and len(rest) >= 5 and (
                    self.known(rest) or (rest.endswith("s") and self.known(rest[:-1]))):
                return True
        return False

    def _frequency(self, word: str) -> int:
        return max(self._english.get(word, 0), _MEDICAL_WEIGHT if word in self._medical else 0)

    def _suggest_uncached(self, word: str) -> tuple[str, ...]:
        candidates = [w for w in edits1(word) if (w in self._words or w in self._medical)
                      and w != word]
        candidates.sort(key=lambda w: (-self._frequency(w), w))
        return tuple(candidates[:5])

    def suggestions(self, word: str) -> list[str]:
        """Suggestions in order of likelihood, with two-edit corrections when one is not enough."""
        lower = word.lower()
        if self.known(lower):
            return []
        quick = list(self._suggest(lower))
        if quick:
            return quick
        deep = self._deep_checker()
        found = deep.candidates(lower) or set()  # type: ignore[attr-defined]
        ranked = sorted((w for w in found if w != lower),
                        key=lambda w: (-self._frequency(w), w))
        return ranked[:5]

    def _deep_checker(self) -> object:
        if self._deep is None:
            from spellchecker import SpellChecker as PySpellChecker

            checker = PySpellChecker(language=None, distance=2)
            words = dict.fromkeys(self._words, 60)
            words.update(self._english)
            words.update({w: _MEDICAL_WEIGHT for w in self._medical if w.isalpha()})
            checker.word_frequency.load_json(words)
            self._deep = checker
        return self._deep

    def _likely_typo(self, word: str) -> bool:
        """A rare dictionary word one edit away from a very common one ("sumer" for "summer")."""
        if self._english.get(word, 0) >= _RARE or word in self._medical or len(word) < 4:
            return False
        return any(self._english.get(w, 0) >= _VERY_COMMON for w in edits1(word))

    def _unknown(self, text: Text, index: int) -> bool:
        token = text.tokens[index]
        if token.text.islower():
            verdict = self._lower_verdicts.get(token.text)
            if verdict is None:
                if len(self._lower_verdicts) > 50_000:
                    self._lower_verdicts.clear()  # pasted word salad must not grow it forever
                verdict = self._lower_verdicts[token.text] = self._judge(text, index)
            return verdict
        return self._judge(text, index)

    def _judge(self, text: Text, index: int) -> bool:
        token = text.tokens[index]
        if token.lower in self._words:
            return token.text.islower() and self._likely_typo(token.lower)
        word = token.text
        if not word.isascii() and _SPANISH_LETTERS.search(word) and word[0].islower():
            # "pequeña", "atención": looked at only in a Spanish sentence, by Spanish spelling.
            return len(word) <= _LONGEST
        if len(word) < 3 or len(word) > _LONGEST or not word.isascii() or (
                word.isupper() and len(word) <= 5):
            return False
        lower = token.lower
        for suffix in _CONTRACTIONS:
            if lower.endswith(suffix):
                lower = lower[: -len(suffix)] or lower
                break
        parts = [p for p in lower.split("-") if p]
        if all(self.known(p) or len(p) < 3 or p in _PREFIXES
               or (p.endswith("s") and self.known(p[:-1])) or self._derived(p) for p in parts):
            return False
        if word[0].isupper():
            # Capitalised words inside a sentence are names and brands; only check a capital
            # that is there because the sentence starts.
            sentence = text.sentence_at(token.start)
            opener = text.raw[sentence.start:token.start].strip(" \t\n\"'“‘(-—*•")
            if opener and any(ch.isalnum() for ch in opener):
                return False
            if word[1:].lower() != word[1:]:
                return False
        return True

    @staticmethod
    def _spanish_sentences(text: Text) -> set[int]:
        """Indexes of the sentences written in Spanish."""
        strong: dict[int, set[str]] = {}
        weak: dict[int, set[str]] = {}
        spanish: set[int] = set()
        for mark in ("¡", "¿"):  # inverted marks open Spanish sentences only
            at = text.raw.find(mark)
            while at != -1:
                spanish.add(text.sentence_at(at).index)
                at = text.raw.find(mark, at + 1)
        for token in text.words:
            if not token.text.isascii() and _SPANISH_LETTERS.search(token.text):
                weak.setdefault(text.sentence_at(token.start).index, set()).add(token.lower)
            if token.lower in _SPANISH_STRONG:
                strong.setdefault(text.sentence_at(token.start).index, set()).add(token.lower)
            elif token.lower in _SPANISH_WEAK:
                weak.setdefault(text.sentence_at(token.start).index, set()).add(token.lower)
        in_post = sum(len(found) for found in strong.values())
        return spanish | {index for index, found in strong.items()
                          if len(found) + len(weak.get(index, ())) >= 2 or in_post >= 3}

    def check(self, text: Text) -> list[Finding]:
        findings = []
        spanish: set[int] | None = None
        for index, token in enumerate(text.tokens):
            if token.kind != "word" or not self._unknown(text, index):
                continue
            if spanish is None:
                spanish = self._spanish_sentences(text)
            lower = token.lower
            if spanish and text.sentence_at(token.start).index in spanish:
                # A Spanish sentence is checked against the Spanish dictionary, never the English.
                if self._spanish.known(lower):
                    continue
                suggestions: tuple[str, ...] = self._spanish.suggestions(lower)
                if not suggestions:
                    continue  # a verb form the dictionary lacks ("vemos"), not a typo
            else:
                suggestions = self._suggest(lower) if "-" not in lower else ()
            fixes = tuple(
                Fix(f"Replace with “{_match_case(token.text, s)}”", token.start, token.end,
                    _match_case(token.text, s))
                for s in suggestions[:3]
            )
            message = f"“{token.text}” may be misspelled."
            if suggestions:
                message += " Did you mean " + " or ".join(
                    f"“{_match_case(token.text, s)}”" for s in suggestions[:3]) + "?"
            findings.append(self._rule.finding(token.start, token.end, fixes=fixes,
                                               message=message))
        return findings


class SpanishSpelling:
    """Spanish words from pyspellchecker's Spanish dictionary, loaded on the first Spanish
    sentence (English-only offices never pay for it)."""

    def __init__(self, extra: frozenset[str]) -> None:
        self._extra = extra
        self._checker: object | None = None

    def _load(self) -> object:
        if self._checker is None:
            from spellchecker import SpellChecker as PySpellChecker

            self._checker = PySpellChecker(language="es", distance=1)
        return self._checker

    def known(self, word: str) -> bool:
        word = word.strip("'’")
        if word in self._extra or len(word) < 3 or not word.isalpha():
            return True
        checker = self._load()
        return word in checker  # type: ignore[operator]

    def suggestions(self, word: str) -> tuple[str, ...]:
        checker = self._load()
        found = checker.candidates(word) or set()  # type: ignore[attr-defined]
        ranked = sorted((w for w in found if w != word),
                        key=lambda w: (-checker.word_usage_frequency(w), w))  # type: ignore
        return tuple(ranked[:3])


def _match_case(original: str, suggestion: str) -> str:
    if original.isupper():
        return suggestion.upper()
    if original[0].isupper():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion
