"""The labelled corpus as a quality gate: the catalog's targets, measured per category."""

import json

import pytest

from clinicstudio.domain import Category, Severity
from tests.helpers.compliance_checkers import CORPUS, clinic_checker

RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.BLOCK: 2}
FLAG_AT = {"phi": Severity.BLOCK, "spelling": Severity.INFO, "accessibility": Severity.INFO}
CATEGORIES = ("phi", "claim", "advice", "endorsement", "attribute", "spelling", "readability",
              "accessibility")


def _results() -> list[tuple[dict, list]]:
    entries = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return [(e, clinic_checker(e["clinic"]).check(e["text"], kind=e["kind"],
                                                   reply_to=e.get("context", "")).findings)
            for e in entries]


RESULTS = _results()


def test_the_corpus_is_large_and_covers_every_clinic_type():
    assert len(RESULTS) >= 300
    assert {e["clinic"] for e, _ in RESULTS} == {"family", "dental", "pediatrics", "pt",
                                                 "counselling", "medspa"}
    assert sum(1 for e, _ in RESULTS if e["kind"] == "reply") >= 50


@pytest.mark.parametrize("category", CATEGORIES)
def test_recall_and_false_flags_meet_the_targets(category):
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
    recall_target, false_target = (0.97, 0.03) if category == "phi" else (0.90, 0.05)
    assert hits / labelled >= recall_target
    assert flagged / others <= false_target
