"""Finding health, patient and weight-loss or cosmetic wording in a segment's words.

Conditions, symptoms and medications are the shared lists the compliance checks use
(``resources/lexicons``, same one-term-a-line format);
``resources/audience/health_terms.toml`` adds what segments need on top (people-words such as
"asthmatic", patient-list wording, weight-loss and cosmetic subjects, age hints). This module
turns them into word-boundary patterns. Plurals and possessives of each term match too, so
"Diabetics" and "Alzheimer's" are found from "diabetic" and "alzheimer".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from clinicstudio.resources import read_word_list, resource_path

SHARED_CONDITION_LISTS = ("conditions.txt", "serious_conditions.txt", "drugs.txt")

# Letters, digits and apostrophes count as part of a word, so "police" never matches "lice".
_BEFORE = r"(?<![\w'’])"
_AFTER = r"(?:'s|’s|s|es)?(?![\w])"


class TermKind(StrEnum):
    CONDITION = "condition"
    PHRASE = "phrase"
    PATIENT_DATA = "patient_data"
    WEIGHT_COSMETIC = "weight_cosmetic"


@dataclass(frozen=True, slots=True)
class TermGroup:
    name: str
    kind: TermKind
    pattern: re.Pattern[str]
    age_hint: int | None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in a text where a term of ``kind`` occurs (Python string indices)."""

    start: int
    end: int
    text: str
    kind: TermKind
    group: str
    age_hint: int | None = None


def _term_pattern(term: str) -> str:
    # A space inside a term also matches a hyphen or several spaces ("type-2", "self  harm").
    words = [re.escape(word) for word in term.split()]
    return r"[\s\-]+".join(words)


def _compile(terms: Iterable[str], case_sensitive: Iterable[str], patterns: Iterable[str]) -> str:
    # Longest first, so "type 2 diabetes" wins over "type 2" at the same position.
    insensitive = sorted({t.strip().lower() for t in terms if t.strip()}, key=len, reverse=True)
    parts = []
    if insensitive:
        parts.append(f"{_BEFORE}(?i:{'|'.join(_term_pattern(t) for t in insensitive)}){_AFTER}")
    sensitive = sorted({t.strip() for t in case_sensitive if t.strip()}, key=len, reverse=True)
    if sensitive:
        parts.append(f"{_BEFORE}(?:{'|'.join(_term_pattern(t) for t in sensitive)}){_AFTER}")
    parts.extend(f"(?i:{p})" for p in patterns)
    return "|".join(parts)


@cache
def _vocabulary() -> dict[str, object]:
    with resource_path("audience", "health_terms.toml").open("rb") as handle:
        return tomllib.load(handle)


def _age_hint(text: str) -> int | None:
    lowered = text.lower()
    for hint in _vocabulary().get("age_hint", []):  # type: ignore[union-attr]
        if any(stem in lowered for stem in hint["terms"]):
            return int(hint["age"])
    return None


def _condition_group() -> TermGroup:
    own = _vocabulary()["conditions"]
    assert isinstance(own, dict)
    shared = {term for name in SHARED_CONDITION_LISTS for term in read_word_list(name)}
    left_out = set(own.get("not_conditions", [])) | set(own.get("capitals_only", []))
    terms = (shared | set(own.get("extra", []))) - left_out
    source = _compile(terms, own.get("case_sensitive", []), [])
    return TermGroup("health conditions", TermKind.CONDITION, re.compile(source), None)


@cache
def term_groups() -> tuple[TermGroup, ...]:
    """The vocabulary, compiled once: conditions first, then the groups of the TOML file (from
    the machine code saved by an earlier start, about 100 ms otherwise)."""
    from clinicstudio.compiled_patterns import reusing_compiled_patterns

    with reusing_compiled_patterns():
        groups = [_condition_group()]
        for raw in _vocabulary().get("group", []):  # type: ignore[union-attr]
            source = _compile(raw.get("terms", []), raw.get("case_sensitive", []),
                              raw.get("patterns", []))
            groups.append(TermGroup(str(raw["name"]), TermKind(raw["kind"]),
                                    re.compile(source), raw.get("age_hint")))
    return tuple(groups)


def find_mentions(text: str, kinds: Iterable[TermKind] | None = None) -> list[Mention]:
    """Every term of the given kinds (all kinds by default) in ``text``, in reading order.

    Where two terms overlap, the longer one is kept ("type 2 diabetes", not also "diabetes").
    """
    wanted = set(kinds) if kinds is not None else set(TermKind)
    found: list[Mention] = []
    for group in term_groups():
        if group.kind not in wanted:
            continue
        for match in group.pattern.finditer(text):
            if match.end() > match.start():
                hint = _age_hint(match.group(0)) if group.kind is TermKind.CONDITION else None
                found.append(Mention(match.start(), match.end(), match.group(0), group.kind,
                                     group.name, hint))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def health_mentions(text: str) -> list[Mention]:
    """Conditions, treatments, medications and wording that says someone is unwell."""
    return find_mentions(text, (TermKind.CONDITION, TermKind.PHRASE))


def patient_data_mentions(text: str) -> list[Mention]:
    """Wording that says the audience comes from the clinic's patients or an uploaded list."""
    return find_mentions(text, (TermKind.PATIENT_DATA,))


def weight_or_cosmetic_mentions(text: str) -> list[Mention]:
    """Weight-loss and cosmetic subjects, which may only be aimed at adults."""
    return find_mentions(text, (TermKind.WEIGHT_COSMETIC,))
