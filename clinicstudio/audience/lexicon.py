"""Finding health, patient and weight-loss or cosmetic wording in a segment's words.

The vocabulary is data (``resources/audience/health_terms.toml``); this module only turns it
into word-boundary patterns and reports where each term occurs. Plurals and possessives of each
term match too, so "Diabetics" and "Alzheimer's" are found from "diabetic" and "alzheimer".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from clinicstudio.resources import resource_path

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
def term_groups() -> tuple[TermGroup, ...]:
    """The shipped vocabulary, compiled once."""
    with resource_path("audience", "health_terms.toml").open("rb") as handle:
        data = tomllib.load(handle)
    groups = []
    for raw in data.get("group", []):
        source = _compile(raw.get("terms", []), raw.get("case_sensitive", []),
                          raw.get("patterns", []))
        groups.append(TermGroup(
            name=str(raw["name"]),
            kind=TermKind(raw["kind"]),
            pattern=re.compile(source),
            age_hint=raw.get("age_hint"),
        ))
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
                found.append(Mention(match.start(), match.end(), match.group(0), group.kind,
                                     group.name, group.age_hint))
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
