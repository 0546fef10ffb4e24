"""Scoring the checks on a labelled corpus, per category, the way a new user would meet them.

A corpus is JSON Lines: ``{"id", "clinic", "kind", "platform"?, "lang"?, "text", "context"?,
"labels": {"phi": "block", "claim": "warn", ...}}``. Each item is checked with its clinic's
profile (``CLINIC.toml``) through ``clinicstudio check --batch --clinic FILE --json`` (or the same
functions in this process), and scored:

- recall: labelled items with at least one finding of that category (a warning or a block;
  an *info* note is not a flag);
- phi blocked: items labelled phi with a blocking patient-information finding;
- false flags: items not labelled for a category that get a warning or block in it;
- clean flagged / blocked: items with no label at all that get any warning / any block in the
  five categories.

The same figures are given for replies alone and for Spanish or bilingual items alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CATEGORIES = ("phi", "claim", "advice", "endorsement", "attribute")
FLAGS = ("warn", "block")


class CorpusError(ValueError):
    """The corpus or a clinic profile cannot be read."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the checker said about one item: the worst severity per category."""

    item: dict
    worst: dict[str, str]

    def flags(self, category: str) -> bool:
        return self.worst.get(category) in FLAGS

    def blocks(self, category: str) -> bool:
        return self.worst.get(category) == "block"

    @property
    def clean(self) -> bool:
        return not any(self.item["labels"].get(c) for c in CATEGORIES)


@dataclass
class Figures:
    """Per-category counts for one slice of a corpus."""

    size: int = 0
    labelled: dict[str, int] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    others: dict[str, int] = field(default_factory=dict)
    false: dict[str, int] = field(default_factory=dict)
    phi_block_labelled: int = 0
    phi_blocked: int = 0
    clean: int = 0
    clean_flagged: int = 0
    clean_blocked: int = 0

    def add(self, outcome: Outcome) -> None:
        self.size += 1
        labels = outcome.item["labels"]
        for category in CATEGORIES:
            if labels.get(category):
                self.labelled[category] = self.labelled.get(category, 0) + 1
                self.hits[category] = self.hits.get(category, 0) + outcome.flags(category)
            else:
                self.others[category] = self.others.get(category, 0) + 1
                self.false[category] = self.false.get(category, 0) + outcome.flags(category)
        if labels.get("phi") == "block":
            self.phi_block_labelled += 1
            self.phi_blocked += outcome.blocks("phi")
        if outcome.clean:
            self.clean += 1
            self.clean_flagged += any(outcome.flags(c) for c in CATEGORIES)
            self.clean_blocked += any(outcome.blocks(c) for c in CATEGORIES)

    def recall(self, category: str) -> float | None:
        return _ratio(self.hits.get(category, 0), self.labelled.get(category, 0))

    def false_flags(self, category: str) -> float | None:
        return _ratio(self.false.get(category, 0), self.others.get(category, 0))

    @property
    def phi_blocked_recall(self) -> float | None:
        return _ratio(self.phi_blocked, self.phi_block_labelled)

    @property
    def clean_flagged_rate(self) -> float | None:
        return _ratio(self.clean_flagged, self.clean)

    @property
    def clean_blocked_rate(self) -> float | None:
        return _ratio(self.clean_blocked, self.clean)

    def row(self) -> dict[str, str]:
        """Flat figures for a table: recall_*, false_*, phi_blocked, clean_flagged, ..."""
        out = {"size": str(self.size)}
        for category in CATEGORIES:
            out[f"recall_{category}"] = _fmt(self.recall(category))
            out[f"false_{category}"] = _fmt(self.false_flags(category))
        out["phi_blocked"] = _fmt(self.phi_blocked_recall)
        out["clean_flagged"] = _fmt(self.clean_flagged_rate)
        out["clean_blocked"] = _fmt(self.clean_blocked_rate)
        return out


@dataclass
class Report:
    """Figures for the whole corpus, its replies and its Spanish or bilingual items."""

    all: Figures
    replies: Figures
    spanish: Figures
    outcomes: list[Outcome]


def is_spanish(item: dict) -> bool:
    return item.get("lang") in ("es", "mixed")


def score_outcomes(outcomes: Iterable[Outcome]) -> Report:
    report = Report(Figures(), Figures(), Figures(), [])
    for outcome in outcomes:
        report.outcomes.append(outcome)
        report.all.add(outcome)
        if outcome.item.get("kind") == "reply":
            report.replies.add(outcome)
        if is_spanish(outcome.item):
            report.spanish.add(outcome)
    return report


def read_corpus(path: str | Path) -> list[dict]:
    items = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"cannot read {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path} line {number} is not valid JSON ({exc.msg})") from exc
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise CorpusError(f"{path} line {number} has no text")
        item.setdefault("labels", {})
        item.setdefault("kind", "post")
        items.append(item)
    return items


def clinic_file(clinics: Path, clinic: str, prefix: str = "") -> Path:
    """``DIR/CLINIC.toml``, ``DIR/PREFIX-CLINIC.toml``, else the one ``*-CLINIC.toml``."""
    for exact in (clinics / f"{clinic}.toml", clinics / f"{prefix}-{clinic}.toml"):
        if exact.is_file():
            return exact
    matches = sorted(clinics.glob(f"*-{clinic}.toml")) or sorted(clinics.glob(f"*{clinic}*.toml"))
    if len(matches) == 1:
        return matches[0]
    raise CorpusError(f"no clinic profile for {clinic!r} in {clinics}")


def _by_clinic(items: Sequence[dict], clinics: Path, prefix: str) -> dict[Path, list[int]]:
    groups: dict[Path, list[int]] = {}
    for index, item in enumerate(items):
        profile = clinic_file(clinics, str(item.get("clinic", "")), prefix)
        groups.setdefault(profile, []).append(index)
    return groups


def _worst(findings: Iterable[dict]) -> dict[str, str]:
    rank = {"info": 0, "warn": 1, "block": 2}
    worst: dict[str, str] = {}
    for finding in findings:
        category, severity = finding["category"], finding["severity"]
        if rank[severity] > rank.get(worst.get(category, ""), -1):
            worst[category] = severity
    return worst


def check_with_command(items: Sequence[dict], clinics: Path, prefix: str = "") -> list[Outcome]:
    """Run ``clinicstudio check --batch --clinic FILE --json`` once per clinic, as a user would."""
    outcomes: list[Outcome | None] = [None] * len(items)
    env = dict(os.environ)
    for profile, indexes in _by_clinic(items, clinics, prefix).items():
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                         encoding="utf-8") as batch:
            for index in indexes:
                item = items[index]
                line = {"id": index, "text": item["text"], "kind": item.get("kind", "post"),
                        "context": item.get("context") or ""}
                if item.get("platform"):
                    line["platform"] = item["platform"]
                batch.write(json.dumps(line, ensure_ascii=False) + "\n")
        try:
            done = subprocess.run(
                [sys.executable, "-m", "clinicstudio", "check", "--batch", batch.name,
                 "--clinic", str(profile), "--json"],
                capture_output=True, text=True, env=env, check=False)
        finally:
            os.unlink(batch.name)
        if done.returncode not in (0, 1):
            raise CorpusError(f"clinicstudio check failed for {profile.name}: "
                              f"{done.stderr.strip()[:300]}")
        for line in done.stdout.splitlines():
            answer = json.loads(line)
            index = answer["id"]
            outcomes[index] = Outcome(items[index], _worst(answer["findings"]))
    return [o for o in outcomes if o is not None]


def check_in_process(items: Sequence[dict], clinics: Path, prefix: str = "") -> list[Outcome]:
    """The same checks through the same functions, without starting a process per clinic."""
    from clinicstudio.compliance import Checker
    from clinicstudio.compliance.clinicfile import load_clinic_file
    from clinicstudio.domain import Platform

    outcomes: list[Outcome | None] = [None] * len(items)
    for profile, indexes in _by_clinic(items, clinics, prefix).items():
        checker = Checker(load_clinic_file(profile))
        for index in indexes:
            item = items[index]
            platform = item.get("platform")
            try:
                network = Platform(platform) if platform else None
            except ValueError:
                network = None
            result = checker.check(item["text"], kind=item.get("kind", "post"),
                                   platform=network, reply_to=item.get("context") or "")
            outcomes[index] = Outcome(item, _worst(f.as_json() for f in result.findings))
    return [o for o in outcomes if o is not None]


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def format_report(report: Report, title: str) -> str:
    """A plain table: one line per category with recall and false flags, then the clean rates."""
    lines = [f"{title}: {report.all.size} items ({report.all.clean} clean, "
             f"{report.replies.size} replies, {report.spanish.size} Spanish or bilingual)"]
    head = f"{'':<14}{'all':>20}{'replies':>20}{'spanish':>20}"
    lines += [head, f"{'':<14}" + f"{'recall  false':>20}" * 3]
    for category in CATEGORIES:
        cells = []
        for figures in (report.all, report.replies, report.spanish):
            recall, false = figures.recall(category), figures.false_flags(category)
            n = figures.labelled.get(category, 0)
            cells.append(f"{_fmt(recall) or '-':>6}({n:>3}) {_fmt(false) or '-':>5}")
        lines.append(f"{category:<14}" + "".join(f"{c:>20}" for c in cells))
    for label, attr in (("phi blocked", "phi_blocked_recall"),
                        ("clean flagged", "clean_flagged_rate"),
                        ("clean blocked", "clean_blocked_rate")):
        cells = [_fmt(getattr(f, attr)) or "-" for f in (report.all, report.replies,
                                                         report.spanish)]
        lines.append(f"{label:<14}" + "".join(f"{c:>20}" for c in cells))
    return "\n".join(lines)
