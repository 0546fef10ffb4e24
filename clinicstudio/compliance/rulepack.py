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
import tomllib
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from clinicstudio.compliance.lexicons import Tagger, tagger
from clinicstudio.domain import Category, Finding, Fix, Severity
from clinicstudio.resources import resource_path

PACKS = ("phi.toml", "reply.toml", "claims.toml", "advice.toml", "endorsement.toml",
         "attributes.toml", "quality.toml")
_SCOPES = ("sentence", "window", "post")


class RulePattern(NamedTuple):
    regex: re.Pattern[str]
    tagged: bool  # names a lexicon, so it reads the tagged text (see lexicons.Tagger)


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


def _compile(patterns: list[str], tags: Tagger) -> tuple[RulePattern, ...]:
    compiled = []
    for pattern in patterns:
        expanded = re.sub(r"\{(\w+)\}", lambda m: tags.placeholder(m.group(1)), pattern)
        compiled.append(RulePattern(re.compile(expanded, re.IGNORECASE), expanded != pattern))
    return tuple(compiled)


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
    for name in PACKS:
        with resource_path("compliance", name).open("rb") as handle:
            data = tomllib.load(handle)
        rules.extend(_rule(entry, holes) for entry in data.get("rule", []))
    return RulePack(tuple(rules))
