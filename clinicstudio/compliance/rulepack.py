"""Rule packs: the rules as data (resources/compliance/*.toml), compiled once.

A rule has an id from the catalog, a category, a severity, the message and suggestion an office
manager reads, and optionally patterns. Patterns are regular expressions that may name a
lexicon in braces (``{conditions}``, ``{drugs}`` ...); such a pattern reads the post with its
lexicon terms tagged (lexicons.Tagger), so the packs stay readable and quick to compile while
matching hundreds of terms. Rules without
patterns are raised by the Python detectors (names, identifiers, spelling ...), which still take
their wording from the pack, so every message lives in one place.
"""

from __future__ import annotations

import re
import re._parser as re_parser
import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from clinicstudio.compiled_patterns import remembered, reusing_compiled_patterns
from clinicstudio.compliance.lexicons import TAG_BASE, Tagger, tagger
from clinicstudio.domain import Category, Finding, Fix, Severity
from clinicstudio.resources import resource_path

PACKS = ("phi.toml", "reply.toml", "claims.toml", "advice.toml", "endorsement.toml",
         "attributes.toml", "quality.toml", "photos.toml")
_SCOPES = ("sentence", "window", "post")


class RulePattern(NamedTuple):
    regex: re.Pattern[str]
    tagged: bool  # names a lexicon, so it reads the tagged text (see lexicons.Tagger)
    # Every match starts with one of these (lower case); when none is in the text the pattern
    # cannot match and is skipped. Empty when the start is not a plain word.
    prefixes: tuple[str, ...] = ()
    # When every match starts with a lexicon term ("{conditions} forever"): the tag codes it
    # can start with, so the pattern is tried only where such a term was tagged.
    tag_codes: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    severity: Severity
    message: str
    suggestion: str = ""
    kind: str = "any"  # "post", "reply" or "any": which texts the rule reads
    reply_severity: Severity | None = None
    patterns: tuple[RulePattern, ...] = ()
    negatable: bool = False
    unless: tuple[RulePattern, ...] = ()
    unless_scope: str = "sentence"
    requires: tuple[RulePattern, ...] = ()
    requires_scope: str = "sentence"
    replace: dict[str, str] = field(default_factory=dict)

    def severity_for(self, kind: str) -> Severity:
        if kind == "reply" and self.reply_severity is not None:
            return self.reply_severity
        return self.severity

    def finding(self, start: int, end: int, *, kind: str = "post", fixes: tuple[Fix, ...] = (),
                message: str = "", severity: Severity | None = None) -> Finding:
        return Finding(
            rule=self.id, category=self.category,
            severity=severity or self.severity_for(kind),
            start=start, end=end, message=message or self.message,
            suggestion=self.suggestion, fixes=fixes,
        )


_PREFIX_DEPTH = 4


def match_prefixes(pattern: str) -> tuple[str, ...]:
    """The literal beginnings every match of ``pattern`` must have, or () if there are none.

    Scanning a post with one regular expression per rule dominates the cost of a check; a
    substring test for the possible first letters is ten times cheaper and rules most
    patterns out, because most posts contain none of a rule's trigger words.
    """
    try:
        parsed = re_parser.parse(pattern, re.IGNORECASE)
        starts = _starts(list(parsed), _PREFIX_DEPTH)
    except (RecursionError, TypeError, ValueError):
        return ()
    if not starts or any(len(s) < 2 for s in starts):
        return ()
    return tuple(sorted({s.lower() for s in starts}))


def _starts(items: list, depth: int) -> set[str] | None:
    """Possible literal starts (up to ``depth`` characters) of a parsed sequence, or None."""
    if depth == 0 or not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    name = str(op)
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return _starts(rest, depth)
    if name == "LITERAL":
        tails = _starts(rest, depth - 1)
        return None if tails is None else {chr(av) + tail for tail in tails}
    if name == "IN" and av == [(re_parser.CATEGORY, re_parser.CATEGORY_SPACE)]:
        # \s: matched against the text with every kind of space written as " " (Text.flat).
        tails = _starts(rest, depth - 1)
        return None if tails is None else {" " + tail for tail in tails}
    if name == "SUBPATTERN":
        return _starts(list(av[-1]) + rest, depth)
    if name == "BRANCH":
        found: set[str] = set()
        for alternative in av[1]:
            part = _starts(list(alternative) + rest, depth)
            if part is None:
                return None
            found |= part
        return found
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, body = av
        first = _starts(list(body), depth)
        if first is None:
            return None
        if low == 0:
            after = _starts(rest, depth)
            return None if after is None else first | after
        return first
    # A character class or anything else: the literal start ends here.
    return {""}


def _leading_tags(pattern: str) -> frozenset[int]:
    """The tag codes (see lexicons.Tagger) every match must start with, or an empty set."""
    try:
        chars = _firsts(list(re_parser.parse(pattern, re.IGNORECASE)))
    except (RecursionError, TypeError, ValueError):
        return frozenset()
    if not chars or any(len(c) != 1 or ord(c) < TAG_BASE for c in chars):
        return frozenset()
    return frozenset(ord(c) - TAG_BASE for c in chars)


def first_characters(pattern: str) -> str | None:
    """A character class of every character a match of ``pattern`` can start with, or None.

    For a pattern with no literal beginning (it starts with a number, a lexicon tag or a set
    of short words), a lookahead on this class lets the scan pass over every other position
    with one test instead of trying the whole expression there.
    """
    try:
        chars = _firsts(list(re_parser.parse(pattern, re.IGNORECASE)))
    except (RecursionError, TypeError, ValueError):
        return None
    if not chars or "" in chars:
        return None
    return "[" + "".join(sorted(chars)) + "]"


def _firsts(items: list) -> set[str] | None:
    """Escaped first characters (or classes such as \\d) of a parsed sequence; "" if it can
    match nothing at all; None when any character may start it."""
    if not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    name = str(op)
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return _firsts(rest)
    if name == "LITERAL":
        return {re.escape(chr(av))}
    if name == "IN":
        found: set[str] = set()
        for kind, value in av:
            kind = str(kind)
            if kind == "LITERAL":
                found.add(re.escape(chr(value)))
            elif kind == "RANGE":
                found.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind == "CATEGORY" and str(value) in ("CATEGORY_DIGIT", "CATEGORY_SPACE"):
                found.add(r"\d" if str(value) == "CATEGORY_DIGIT" else r"\s")
            else:
                return None
        return found
    if name == "SUBPATTERN":
        return _firsts(list(av[-1]) + rest)
    if name == "BRANCH":
        union: set[str] = set()
        for alternative in av[1]:
            part = _firsts(list(alternative) + rest)
            if part is None:
                return None
            union |= part
        return union
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, body = av
        first = _firsts(list(body))
        if first is None:
            return None
        first.discard("")
        if low == 0 or not first:
            after = _firsts(rest)
            return None if after is None else first | after
        return first
    return None


class LazyRegex:
    """A pattern compiled the first time it is used. Most patterns are tried only where one of
    their literal beginnings occurs, so many are never needed in a session, and the engine
    starts without compiling hundreds of expressions."""

    __slots__ = ("_compiled", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, re.IGNORECASE)
        return self._compiled

    def search(self, *args: object) -> re.Match[str] | None:
        return self._get().search(*args)  # type: ignore[arg-type]

    def match(self, *args: object) -> re.Match[str] | None:
        return self._get().match(*args)  # type: ignore[arg-type]

    def finditer(self, *args: object):  # type: ignore[no-untyped-def]
        return self._get().finditer(*args)  # type: ignore[arg-type]

    @property
    def pattern(self) -> str:
        return self.source

    @property
    def groupindex(self) -> object:
        return self._get().groupindex


def _compile(patterns: list[str], tags: Tagger) -> tuple[RulePattern, ...]:
    compiled = []
    for pattern in patterns:
        expanded = re.sub(r"\{([a-z]+)\}", lambda m: tags.placeholder(m.group(1)), pattern)
        prefixes, firsts, codes = _analysis(expanded)
        guarded = f"(?={firsts})(?:{expanded})" if firsts else expanded
        compiled.append(RulePattern(LazyRegex(guarded), expanded != pattern,  # type: ignore
                                    prefixes, codes))
    return tuple(compiled)


def _analysis(expanded: str) -> tuple[tuple[str, ...], str | None, frozenset[int]]:
    """Where a pattern's matches can start. Reading the regular expressions' structure is most
    of the engine's start-up, so the answer is kept with the compiled patterns (per computer)."""
    return remembered("rule-start", expanded, _analyse)


def _analyse(expanded: str) -> tuple[tuple[str, ...], str | None, frozenset[int]]:
    prefixes = match_prefixes(expanded)
    firsts = None if prefixes else first_characters(expanded)
    codes = frozenset() if prefixes else _leading_tags(expanded)
    return prefixes, firsts, codes


def _rule(entry: dict, holes: Tagger) -> Rule:
    for scope_key in ("unless_scope", "requires_scope"):
        if entry.get(scope_key, "sentence") not in _SCOPES:
            raise ValueError(f"{entry['id']}: {scope_key} must be one of {_SCOPES}")
    reply = entry.get("reply_severity")
    return Rule(
        id=entry["id"],
        category=Category(entry["category"]),
        severity=Severity(entry["severity"]),
        message=entry["message"],
        suggestion=entry.get("suggestion", ""),
        kind=entry.get("kind", "any"),
        reply_severity=Severity(reply) if reply else None,
        patterns=_compile(entry.get("patterns", []), holes),
        negatable=entry.get("negatable", False),
        unless=_compile(entry.get("unless", []), holes),
        unless_scope=entry.get("unless_scope", "sentence"),
        requires=_compile(entry.get("requires", []), holes),
        requires_scope=entry.get("requires_scope", "sentence"),
        replace={key.lower(): value for key, value in entry.get("replace", {}).items()},
    )


@dataclass(frozen=True)
class RulePack:
    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {})
        for rule in self.rules:
            self._by_id.setdefault(rule.id, rule)  # type: ignore[attr-defined]

    def __getitem__(self, rule_id: str) -> Rule:
        return self._by_id[rule_id]  # type: ignore[attr-defined]

    def rules_for(self, rule_id: str) -> tuple[Rule, ...]:
        """Every variant of a rule id, in pack order (for example block first, then warn)."""
        return tuple(rule for rule in self.rules if rule.id == rule_id)

    @property
    def pattern_rules(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.patterns)


@cache
def rule_pack() -> RulePack:
    holes = tagger()
    rules: list[Rule] = []
    with reusing_compiled_patterns():
        for name in PACKS:
            with resource_path("compliance", name).open("rb") as handle:
                data = tomllib.load(handle)
            rules.extend(_rule(entry, holes) for entry in data.get("rule", []))
    return RulePack(tuple(rules))
