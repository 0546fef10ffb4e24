"""The labelled corpora and how they are scored against the issue's quality floors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from clinicstudio.domain import Category, Finding, Severity
from tests.helpers.compliance_checkers import clinic_checker

DATA = Path(__file__).resolve().parents[1] / "data"
#: main: written with the rules; heldout and fresh: written before the rules were fitted to them;
#: probe: patient information in everyday clinic wording and clean hard negatives, written
#: before the rules were fitted to it.
CORPORA = {name: DATA / f"compliance_{name}.jsonl"
           for name in ("corpus", "heldout", "fresh", "probe")}
#: Corpora that label only some categories; in the others they count false flags only.
FOCUSED = {"probe": ("phi", "endorsement")}
CATEGORIES = ("phi", "claim", "advice", "endorsement", "attribute", "spelling", "readability",
              "accessibility")
RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.BLOCK: 2}
# Patient information counts only when it blocks; spelling and accessibility tips count as
# flags; everything else from a warning up.
FLAG_AT = {"phi": Severity.BLOCK, "spelling": Severity.INFO, "accessibility": Severity.INFO}


@dataclass(frozen=True, slots=True)
class Score:
    hits: int
    labelled: int
    flagged: int
    others: int


@cache
def corpus_results(name: str) -> tuple[tuple[dict, tuple[Finding, ...]], ...]:
    """Every entry of a corpus with what the engine finds in it (checked once per run)."""
    lines = CORPORA[name].read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines if line.strip()]
    return tuple(
        (e, tuple(clinic_checker(e["clinic"]).check(
            e["text"], kind=e["kind"], reply_to=e.get("context", "")).findings))
        for e in entries
    )


def score(name: str, category: str) -> Score:
    hits = labelled = flagged = others = 0
    for entry, findings in corpus_results(name):
        worst = max((RANK[f.severity] for f in findings if f.category is Category(category)),
                    default=-1)
        wanted = entry["labels"].get(category)
        if wanted:
            labelled += 1
            need = Severity(wanted) if category == "phi" else FLAG_AT.get(category,
                                                                          Severity.WARN)
            hits += worst >= RANK[need]
        else:
            others += 1
            flagged += worst >= RANK[FLAG_AT.get(category, Severity.WARN)]
    return Score(hits, labelled, flagged, others)
