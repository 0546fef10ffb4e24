"""The shipped word lists (resources/lexicons), loaded once per process.

Lists of terms become one compiled regular expression each, built as a trie so that matching
hundreds of condition names costs one pass over the text rather than one pass per name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from clinicstudio.resources import resource_path


def read_list(name: str) -> list[str]:
    """Non-empty, non-comment lines of ``resources/lexicons/<name>``, lower-cased."""
    path = resource_path("lexicons", name)
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


def trie_pattern(terms: list[str] | set[str] | frozenset[str]) -> str:
    """A regex alternation of ``terms`` factored by common prefixes (longest match first)."""
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _node_pattern(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body


def term_regex(terms: list[str] | set[str] | frozenset[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive matcher for ``terms`` (the longest term wins)."""
    # Plain quotes in the list also match typographic ones in a post.
    pattern = trie_pattern(terms).replace("'", "['’]")
    return re.compile(rf"(?<![\w@#-])(?:{pattern})(?![\w-]|['’]\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Lexicons:
    conditions: frozenset[str]
    serious: frozenset[str]
    procedures: frozenset[str]
    drugs: frozenset[str]
    rx_brands: frozenset[str]
    compounded: frozenset[str]
    body_parts: frozenset[str]
    visit_words: frozenset[str]
    patient_words: frozenset[str]
    wellness: frozenset[str]
    emergency: frozenset[str]
    occupations: frozenset[str]
    jargon: dict[str, str]
    first_names: frozenset[str]
    ambiguous_first_names: frozenset[str]
    surnames: frozenset[str]

    @property
    def health_terms(self) -> frozenset[str]:
        """Anything that makes a sentence about someone's health or care."""
        return self.conditions | self.procedures | self.drugs | self.body_parts

    @property
    def medical_vocabulary(self) -> frozenset[str]:
        """Single words from every medical list, for the spell checker."""
        words: set[str] = set(read_list("medical_words.txt"))
        for term in (self.health_terms | self.wellness | self.emergency | self.serious
                     | self.rx_brands | self.compounded | set(self.jargon)):
            words.update(re.findall(r"[a-z0-9+'-]+", term))
        return frozenset(words)


@cache
def lexicons() -> Lexicons:
    names = read_list("first_names.txt")
    jargon: dict[str, str] = {}
    for line in read_list("jargon.txt"):
        term, _, gloss = line.partition("=")
        jargon[term.strip()] = gloss.strip()
    return Lexicons(
        conditions=frozenset(read_list("conditions.txt")),
        serious=frozenset(read_list("serious_conditions.txt")),
        procedures=frozenset(read_list("procedures.txt")),
        drugs=frozenset(read_list("drugs.txt")),
        rx_brands=frozenset(read_list("rx_brands.txt")),
        compounded=frozenset(read_list("compounded_drugs.txt")),
        body_parts=frozenset(read_list("body_parts.txt")),
        visit_words=frozenset(read_list("visit_words.txt")),
        patient_words=frozenset(read_list("patient_words.txt")),
        wellness=frozenset(read_list("wellness_services.txt")),
        emergency=frozenset(read_list("emergency_terms.txt")),
        occupations=frozenset(read_list("occupations.txt")),
        jargon=jargon,
        first_names=frozenset(n.rstrip("*") for n in names),
        ambiguous_first_names=frozenset(n.rstrip("*") for n in names if n.endswith("*")),
        surnames=frozenset(read_list("surnames.txt")),
    )


@cache
def english_frequency() -> dict[str, int]:
    """Word -> relative frequency, from the shipped English list."""
    table: dict[str, int] = {}
    path = resource_path("lexicons", "english_frequency.txt")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line[0] == "#":
                continue
            word, _, count = line.rstrip("\n").partition(" ")
            table[word] = int(count)
    return table
