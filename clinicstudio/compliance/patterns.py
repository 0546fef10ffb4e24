"""Running the pattern rules of the packs over a text.

A pattern rule fires where one of its patterns matches, unless the words are negated ("there is
no cure"), a disqualifying pattern is present in scope (a risk statement next to a drug claim),
or a required companion pattern is missing (a wellness service *and* a disease). A pattern may
name the part to underline with the group ``hit``; otherwise the whole match is underlined.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

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


def matches(pattern: re.Pattern[str], prefixes: tuple[str, ...], source: str,
            lower: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(source)``, trying only where one of ``prefixes`` starts.

    ``lower`` is ``source`` in lower case, every space written " ", with the same offsets. A
    long post contains some trigger word of most rules, so rather than scanning every character
    with every rule, the pattern is tried at the few places where a match can begin.
    """
    if not prefixes:
        yield from pattern.finditer(source)
        return
    positions: set[int] = set()
    for prefix in prefixes:
        at = lower.find(prefix)
        while at != -1:
            positions.add(at)
            at = lower.find(prefix, at + 1)
    done = -1
    for at in sorted(positions):
        if at < done:
            continue
        match = pattern.match(source, at)
        if match:
            done = max(match.end(), at + 1)
            yield match


def run_pattern_rules(text: Text, kind: str, rules: Iterable[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        if rule.kind not in ("any", kind):
            continue
        taken: list[tuple[int, int]] = []
        # Whole-post conditions are the same for every match of the rule: decide them once.
        whole: dict[str, bool] = {}
        for pattern, tagged, prefixes in rule.patterns:
            source = text.masked if tagged else text.raw
            for match in matches(pattern, prefixes, source, text.flat):
                if "hit" in pattern.groupindex and match.group("hit") is not None:
                    start, end = match.span("hit")
                else:
                    start, end = match.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                if rule.negatable and text.negated(start):
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
