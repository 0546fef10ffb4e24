"""The held-out corpus as a quality gate: posts written in styles the main corpus does not cover
(other specialties, casual wording, emoji, typos, Spanish-English, non-US dates, long posts),
with the issue's floors per category so a regression fails CI."""

import json
from pathlib import Path

import pytest

from clinicstudio.domain import Category, Severity
from tests.helpers.compliance_checkers import clinic_checker

HELDOUT = Path(__file__).resolve().parents[2] / "data" / "compliance_heldout.jsonl"
RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.BLOCK: 2}
FLAG_AT = {"phi": Severity.BLOCK, "spelling": Severity.INFO, "accessibility": Severity.INFO}
CATEGORIES = ("phi", "claim", "advice", "endorsement", "attribute", "spelling", "readability",
              "accessibility")


def _results() -> list[tuple[dict, list]]:
    entries = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    return [(e, clinic_checker(e["clinic"]).check(e["text"], kind=e["kind"],
                                                   reply_to=e.get("context", "")).findings)
            for e in entries]


RESULTS = _results()


def _score(category: str) -> tuple[int, int, int, int]:
    hits = labelled = flagged = others = 0
    for entry, findings in RESULTS:
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
    return hits, labelled, flagged, others


def test_the_heldout_set_is_large_varied_and_rich_in_hard_negatives():
    assert len(RESULTS) >= 150
    assert {e["clinic"] for e, _ in RESULTS} == {"family", "dental", "pediatrics", "pt",
                                                 "counselling", "medspa"}
    assert sum(1 for e, _ in RESULTS if e["kind"] == "reply") >= 25
    assert sum(1 for e, _ in RESULTS if not e["labels"]) >= 60
    ids = [e["id"] for e, _ in RESULTS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("category", CATEGORIES)
def test_heldout_recall_and_false_flags_meet_the_issue_floors(category):
    hits, labelled, flagged, others = _score(category)
    recall_floor, false_ceiling = (0.97, 0.03) if category == "phi" else (0.90, 0.05)
    assert labelled >= 3, f"too few {category} items to measure"
    assert hits / labelled >= recall_floor, f"{category} recall {hits}/{labelled}"
    assert flagged / others <= false_ceiling, f"{category} false flags {flagged}/{others}"
