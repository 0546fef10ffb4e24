"""Running the pattern rules of the packs over a text.

A pattern rule fires where one of its patterns matches, unless the words are negated ("there is
no cure"), a disqualifying pattern is present in scope (a risk statement next to a drug claim),
or a required companion pattern is missing (a wellness service *and* a disease). A pattern may
name the part to underline with the group ``hit``; otherwise the whole match is underlined.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache

from clinicstudio.compliance.lexicons import trie_pattern
from clinicstudio.compliance.rulepack import Rule, RulePattern
from clinicstudio.compliance.text import WINDOW_REACH, Text
from clinicstudio.domain import Finding, Fix


def _scope(text: Text, scope: str, start: int, end: int) -> tuple[int, int]:
    if scope == "post":
        return 0, len(text.raw)
    if scope == "window":
        return text.window(start, end)
    sentence = text.sentence_at(start)
    return max(sentence.start, start - WINDOW_REACH), min(max(sentence.end, end),
                                                          end + WINDOW_REACH)


def _found(text: Text, patterns: tuple[RulePattern, ...], span: tuple[int, int]) -> list[bool]:
    return [bool(p.regex.search(text.masked if p.tagged else text.lower, *span))
            for p in patterns]


# "the words cure or guarantee", "claims like ...", "'Guaranteed results' is a red flag": the
# words are talked about, not used.
_NAMED_BEFORE = re.compile(
    r"\b(?:words?|terms?|phrases?|labels?|claims?|promises?|buzzwords?)\s+(?:like\s+|such as\s+)?"
    r"(?:[\"“‘']?[\w-]+[\"”’']?\s*(?:,|or|and|/)\s*)*[\"“‘']?\s*$"
    r"|\b(?:wary|beware|skeptical|sceptical|careful)\s+of\s+(?:[\w-]+\s+){0,3}[\"“‘']\s*$"
    r"|\b(?:watch out for|avoid|ignore)\s+(?:[\w-]+\s+){0,3}[\"“‘']\s*$", re.IGNORECASE)
_QUOTED_AFTER = re.compile(
    r"[^\"”’'\n]{0,40}[\"”’']"
    # '"Guaranteed" and "cure" are words ...': a list of quoted words.
    r"(?:\s*(?:,|and|or|/)\s*(?:and\s+|or\s+)?[\"“‘'][^\"”’'\n]{1,30}[\"”’'])*"
    r"\s*(?:is|are)\s+(?:a\s+|an\s+)?(?:phrase|word|term|claim|promise|"
    r"red flag|warning sign|buzzword)s?\b|[^\"”’'\n]{0,40}[\"”’']"
    r"(?:\s*(?:,|and|or|/)\s*(?:and\s+|or\s+)?[\"“‘'][^\"”’'\n]{1,30}[\"”’'])*"
    r"\s*(?:is|are)\s+(?:\w+\s+){0,2}(?:phrases?|words?|terms?|claims?|promises?)\b", re.IGNORECASE)
_OPEN_QUOTES = "\"“‘'"


def mentioned(text: Text, start: int, end: int) -> bool:
    """True when the words at ``start..end`` are quoted or named rather than used."""
    sentence = text.sentence_at(start)
    before = text.raw[max(sentence.start, start - 60):start]
    if _NAMED_BEFORE.search(before):
        return True
    opened = before.rstrip()[-1:] in _OPEN_QUOTES if before.strip() else False
    return opened and bool(_QUOTED_AFTER.match(text.raw, end))


def _fixes(rule: Rule, text: Text, start: int, end: int) -> tuple[Fix, ...]:
    replacement = rule.replace.get(text.lower[start:end].strip())
    if replacement is None:
        return ()
    if text.raw[start].isupper() and replacement:
        replacement = replacement[0].upper() + replacement[1:]
    return (Fix(f"Replace with “{replacement}”", start, end, replacement),)


def _holds(text: Text, patterns: tuple[RulePattern, ...], scope: str, start: int, end: int,
           whole: dict[str, bool], key: str, combine: Callable[[Iterable[bool]], bool]) -> bool:
    if scope != "post":
        return combine(_found(text, patterns, _scope(text, scope, start, end)))
    if key not in whole:
        whole[key] = combine(_found(text, patterns, (0, len(text.raw))))
    return whole[key]


class PrefixScanner:
    """Where every rule prefix occurs in a text, found in one pass instead of one find() each.

    A 5,000-character post was searched with str.find once per prefix (about 400 of them) on
    every check; a single compiled scan over the text gives the same positions in a fraction
    of the time.
    """

    def __init__(self, prefixes: Iterable[str]) -> None:
        ordered = sorted(set(prefixes))
        # A trie of the prefixes prefers the longest, so the scan reports at each position the
        # longest prefix that starts there.
        self._scan = re.compile(f"(?=({trie_pattern(ordered)}))") if ordered else None
        # The longest prefix found at a position implies each of its own beginnings there
        # (looked up by length, not by comparing every pair: a thousand prefixes or more).
        known = set(ordered)
        self._implied = {p: tuple(p[:k] for k in range(1, len(p) + 1) if p[:k] in known)
                         for p in ordered}

    def positions(self, flat: str) -> dict[str, list[int]]:
        """Each prefix that occurs in ``flat``, with its start offsets in increasing order."""
        found: dict[str, list[int]] = {}
        if self._scan is None:
            return found
        implied = self._implied
        for match in self._scan.finditer(flat):
            at = match.start()
            for prefix in implied[match.group(1)]:
                spots = found.get(prefix)
                if spots is None:
                    found[prefix] = [at]
                else:
                    spots.append(at)
        return found


@cache
def _scanner(prefixes: frozenset[str]) -> PrefixScanner:
    return PrefixScanner(prefixes)


def scanner_for(rules: Iterable[Rule]) -> PrefixScanner:
    """The prefix scanner for a set of rules (built once per distinct set of prefixes)."""
    return _scanner(frozenset(prefix for rule in rules for pattern in rule.patterns
                              for prefix in pattern.prefixes))


def matches(pattern: re.Pattern[str], prefixes: tuple[str, ...], source: str,
            lower: str, found: Mapping[str, list[int]] | None = None
            ) -> Iterator[re.Match[str]]:
    """``pattern.finditer(source)``, trying only where one of ``prefixes`` starts.

    ``lower`` is ``source`` in lower case, every space written " ", with the same offsets. A
    long post contains some trigger word of most rules, so rather than scanning every character
    with every rule, the pattern is tried at the few places where a match can begin.
    ``found`` (from :meth:`PrefixScanner.positions` on ``lower``) saves searching for them.
    """
    if not prefixes:
        yield from pattern.finditer(source)
        return
    if found is not None:
        lists = [spots for prefix in prefixes if (spots := found.get(prefix))]
        if not lists:
            return
        starts: Iterable[int] = lists[0] if len(lists) == 1 else sorted(
            {at for spots in lists for at in spots})
    else:
        positions: set[int] = set()
        for prefix in prefixes:
            at = lower.find(prefix)
            while at != -1:
                positions.add(at)
                at = lower.find(prefix, at + 1)
        starts = sorted(positions)
    done = -1
    for at in starts:
        if at < done:
            continue
        match = pattern.match(source, at)
        if match:
            done = max(match.end(), at + 1)
            yield match


def _tag_starts(text: Text, codes: frozenset[int]) -> list[int]:
    return [start for start, _, code in text.tags if code in codes]


def run_pattern_rules(text: Text, kind: str, rules: Iterable[Rule],
                      scanner: PrefixScanner | None = None) -> list[Finding]:
    rules = tuple(rules)
    found = (scanner or scanner_for(rules)).positions(text.flat)
    findings: list[Finding] = []
    for rule in rules:
        if rule.kind not in ("any", kind):
            continue
        taken: list[tuple[int, int]] = []
        # Whole-post conditions are the same for every match of the rule: decide them once.
        whole: dict[str, bool] = {}
        for pattern, tagged, prefixes, codes in rule.patterns:
            if prefixes and not any(prefix in found for prefix in prefixes):
                continue  # none of its beginnings occurs: it cannot match
            source = text.masked if tagged else text.raw
            if codes:
                # It starts with a lexicon term: try it only where such a term was tagged.
                found_here = _tag_starts(text, codes)
                if not found_here:
                    continue
                candidates = matches(pattern, ("",), source, text.flat, {"": found_here})
            else:
                candidates = matches(pattern, prefixes, source, text.flat, found)
            for match in candidates:
                if "hit" in pattern.groupindex and match.group("hit") is not None:
                    start, end = match.span("hit")
                else:
                    start, end = match.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                if rule.negatable and (text.negated(start) or mentioned(text, start, end)):
                    continue
                if rule.unless and _holds(text, rule.unless, rule.unless_scope, start, end,
                                          whole, "unless", any):
                    continue
                if rule.requires and not _holds(text, rule.requires, rule.requires_scope, start,
                                                end, whole, "requires", all):
                    continue
                taken.append((start, end))
                findings.append(rule.finding(start, end, kind=kind,
                                             fixes=_fixes(rule, text, start, end)))
    return findings
