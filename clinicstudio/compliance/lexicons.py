"""The shipped word lists (resources/lexicons), loaded once per process.

Lists of terms become one compiled regular expression each, built as a trie so that matching
hundreds of condition names costs one pass over the text rather than one pass per name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from clinicstudio.compiled_patterns import remembered
from clinicstudio.resources import read_word_list, resource_path


def trie_pattern(terms: list[str] | set[str] | frozenset[str]) -> str:
    """A regex alternation of ``terms`` factored by common prefixes (longest match first).

    Kept with the compiled patterns: building the tries of the word lists took a tenth of a
    second of every start."""
    return remembered("trie", "\n".join(sorted(terms)), _trie_of_lines)


def _trie_of_lines(lines: str) -> str:
    trie: dict[str, dict] = {}
    for term in lines.split("\n") if lines else ():
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
    unproven: frozenset[str]
    emergency: frozenset[str]
    occupations: frozenset[str]
    jargon: dict[str, str]
    first_names: frozenset[str]
    ambiguous_first_names: frozenset[str]
    surnames: frozenset[str]
    public_figures: frozenset[str]

    @property
    def health_terms(self) -> frozenset[str]:
        """Anything that makes a sentence about someone's health or care."""
        return self.conditions | self.procedures | self.drugs | self.body_parts

    @property
    def medical_vocabulary(self) -> frozenset[str]:
        """Single words from every medical list, for the spell checker."""
        words = set(read_word_list("medical_words.txt")) | set(read_word_list("everyday_words.txt"))
        for term in (self.health_terms | self.wellness | self.emergency | self.serious
                     | self.rx_brands | self.compounded | set(self.jargon)):
            words.update(re.findall(r"[a-z0-9+'-]+", term))
        return frozenset(words)


@cache
def lexicons() -> Lexicons:
    names = read_word_list("first_names.txt")
    jargon: dict[str, str] = {}
    for line in read_word_list("jargon.txt"):
        term, _, gloss = line.partition("=")
        jargon[term.strip()] = gloss.strip()
    return Lexicons(
        conditions=frozenset(read_word_list("conditions.txt")),
        serious=frozenset(read_word_list("serious_conditions.txt")),
        procedures=frozenset(read_word_list("procedures.txt")),
        drugs=frozenset(read_word_list("drugs.txt")),
        rx_brands=frozenset(read_word_list("rx_brands.txt")),
        compounded=frozenset(read_word_list("compounded_drugs.txt")),
        body_parts=frozenset(read_word_list("body_parts.txt")),
        visit_words=frozenset(read_word_list("visit_words.txt")),
        patient_words=frozenset(read_word_list("patient_words.txt")),
        wellness=frozenset(read_word_list("wellness_services.txt")),
        unproven=frozenset(read_word_list("unproven_therapies.txt")),
        emergency=frozenset(read_word_list("emergency_terms.txt")),
        occupations=frozenset(read_word_list("occupations.txt")),
        jargon=jargon,
        first_names=frozenset(n.rstrip("*") for n in names),
        ambiguous_first_names=frozenset(n.rstrip("*") for n in names if n.endswith("*")),
        surnames=frozenset(read_word_list("surnames.txt")),
        public_figures=frozenset(read_word_list("public_figures.txt")),
    )


# The lexicons a post is tagged with, in bit order. Rule patterns name them in braces.
TAG_GROUPS = ("conditions", "serious", "procedures", "drugs", "rx", "compounded", "body",
              "wellness", "unproven", "emergency", "occupations", "visit", "patient")
TAG_BASE = 0x4E00  # CJK ideographs: word characters, so \b works around a tagged term


class Tagger:
    """Marks every lexicon term in a post once, so rules need not each carry the word lists.

    ``mask()`` returns the lower-cased post with each term overwritten, character for
    character, by one ideograph whose code says which lexicons hold the term. A rule pattern's
    ``{conditions}`` becomes the class of ideographs with the conditions bit set. Offsets are
    unchanged, and compiling the packs stays cheap because no pattern embeds a word list.
    """

    def __init__(self, lex: Lexicons) -> None:
        groups = {name: getattr(lex, _ATTRIBUTES.get(name, name)) for name in TAG_GROUPS}
        self.bits = {name: 1 << index for index, name in enumerate(TAG_GROUPS)}
        membership: dict[str, int] = {}
        for name, terms in groups.items():
            for term in terms:
                # Hyphens read as spaces, so "post-hip-replacement" contains "hip replacement".
                key = term.replace("-", " ")
                membership[key] = membership.get(key, 0) | self.bits[name]
        # Staff write care events in the plural ("nailed your checkups", "two fillings",
        # "school physicals"): a procedure or visit word also counts with a regular plural.
        for name in ("procedures", "visit"):
            for term in groups[name]:
                key = term.replace("-", " ")
                if key[-1:].isalpha() and not key.endswith(("s", "x", "z", "ch", "sh", "y")):
                    plural = key + "s"
                    membership[plural] = membership.get(plural, 0) | self.bits[name]
        # An emergency phrase also counts as the terms inside it: "fever over 104" is a
        # condition too. (Not in general: a "flu shot" is no condition.)
        for term in groups["emergency"]:
            term = term.replace("-", " ")
            words = term.split()
            for size in range(1, len(words)):
                for start in range(len(words) - size + 1):
                    inner = " ".join(words[start:start + size])
                    if inner in membership:
                        membership[term] |= membership[inner]
        self._membership = membership
        self._regex = term_regex(set(membership))
        masks = set(membership.values())
        self._classes = {
            name: "[" + "".join(chr(TAG_BASE + m) for m in sorted(masks) if m & bit) + "]+"
            for name, bit in self.bits.items()
        }

    def placeholder(self, name: str) -> str:
        return self._classes[name]

    def mask(self, lower: str) -> tuple[str, list[tuple[int, int, int]]]:
        lower = lower.replace("-", " ")
        pieces: list[str] = []
        spans: list[tuple[int, int, int]] = []
        last = 0
        for match in self._regex.finditer(lower):
            start, end = match.span()
            bits = self._membership.get(match.group().replace("’", "'"), 0)
            if not bits:
                continue
            pieces.append(lower[last:start])
            pieces.append(chr(TAG_BASE + bits) * (end - start))
            spans.append((start, end, bits))
            last = end
        pieces.append(lower[last:])
        return "".join(pieces), spans


    def hashtag_tags(self, raw: str) -> list[tuple[int, int, int]]:
        """Care words inside CamelCase hashtags ("#NoCavityClub", "#ACLRecovery"), each
        reported as the whole hashtag's span. The masked text keeps the hashtag as written,
        so hashtag rules still see it."""
        spans = []
        for tag in _CAMEL_HASHTAG.finditer(raw):
            spaced = " ".join(_CAMEL_PART.findall(tag.group(1))).lower()
            bits = 0
            for match in self._regex.finditer(spaced):
                bits |= self._membership.get(match.group(), 0)
            if bits:
                spans.append((tag.start(), tag.end(), bits))
        return spans


# "#NoCavityClub", "#ACLRecovery": a hashtag with at least two capitalised parts.
_CAMEL_HASHTAG = re.compile(r"(?<!\w)#((?:[A-Z]+[a-z0-9]*){2,})\b")
_CAMEL_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+")

_ATTRIBUTES = {"rx": "rx_brands", "body": "body_parts", "visit": "visit_words",
               "patient": "patient_words"}


@cache
def tagger() -> Tagger:
    return Tagger(lexicons())


@cache
def english_words() -> frozenset[str]:
    """Every English word the spell checker knows: the frequent ones and the rare ones."""
    content = resource_path("lexicons", "english_rare.txt").read_text(encoding="utf-8")
    return frozenset(content[content.index("\n") + 1 :].split()) | english_frequency().keys()


@cache
def english_frequency() -> dict[str, int]:
    """Frequent word -> relative frequency (JSON loads fastest); rarer words are in
    :func:`english_words` without a count."""
    with resource_path("lexicons", "english_frequency.json").open(encoding="utf-8") as handle:
        table: dict[str, int] = json.load(handle)
    return table
