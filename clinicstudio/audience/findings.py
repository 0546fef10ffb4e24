"""What validation says about a segment: findings tied to a field, each with an optional remedy."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from clinicstudio.audience.segment import SegmentSpec
from clinicstudio.domain import Category, Finding, Severity

# Rule ids of the segment checks. PHI-011 and PLT-00x come from the compliance catalog.
RULE_PATIENT_DATA = "PHI-011"
RULE_HEALTH_TARGETING = "PLT-002"
RULE_ADULTS_ONLY = "PLT-004"
RULE_NAME = "SEG-001"
RULE_AGES = "SEG-002"
RULE_RADIUS = "SEG-003"
RULE_LINKEDIN_SIZE = "SEG-004"
RULE_NO_TARGETING = "SEG-005"

_ORDER = {Severity.BLOCK: 0, Severity.WARN: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Remedy:
    """A one-click change to a segment that resolves a finding ("Rename to “Adults 50+”")."""

    label: str
    changes: tuple[tuple[str, Any], ...]

    def apply(self, spec: SegmentSpec) -> SegmentSpec:
        return replace(spec, **dict(self.changes))


@dataclass(frozen=True, slots=True)
class SegmentFinding:
    """A finding about one field of a segment.

    ``field`` is one of name, description, topics, places, ages, languages, networks;
    ``item`` is the index of the topic or place concerned. The finding's ``start``/``end`` are
    positions in that field's text (or in that topic or place).
    """

    finding: Finding
    field: str
    item: int | None = None
    remedy: Remedy | None = None

    @property
    def blocks(self) -> bool:
        return self.finding.blocks

    @property
    def severity(self) -> Severity:
        return self.finding.severity

    @property
    def message(self) -> str:
        return self.finding.message

    @property
    def suggestion(self) -> str:
        return self.finding.suggestion

    @property
    def rule(self) -> str:
        return self.finding.rule

    def as_json(self) -> dict[str, Any]:
        data = self.finding.as_json()
        data["field"] = self.field
        if self.item is not None:
            data["item"] = self.item
        if self.remedy is not None:
            data["fix"] = {"label": self.remedy.label,
                           "changes": {k: _plain(v) for k, v in self.remedy.changes}}
        return data


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    as_json = getattr(value, "as_json", None)
    return as_json() if callable(as_json) else value


def make(rule: str, severity: Severity, message: str, *, field: str, suggestion: str = "",
         item: int | None = None, span: tuple[int, int] = (0, 0),
         remedy: Remedy | None = None) -> SegmentFinding:
    category = Category.PHI if rule == RULE_PATIENT_DATA else Category.PLATFORM
    finding = Finding(rule, category, severity, span[0], span[1], message, suggestion)
    return SegmentFinding(finding, field, item, remedy)


def by_severity(findings: list[SegmentFinding]) -> list[SegmentFinding]:
    return sorted(findings, key=lambda f: _ORDER[f.severity])


@dataclass(frozen=True, slots=True)
class ValidationContext:
    """What validation needs to know beyond the segment itself.

    ``taken_names``: lower-cased names of the other segments. ``linkedin_followers``: the
    Page's latest follower count, if known. ``content``: text of a post aimed at the segment,
    so weight-loss or cosmetic posts are caught even when the segment does not say so.
    """

    taken_names: frozenset[str] = field(default_factory=frozenset)
    linkedin_followers: int | None = None
    content: str = ""
