"""The blind batches, once their first-sight row is recorded, are regression corpora: the checks
(rules and the model trained on them) must not fall below the figures they reach now. The
first-sight figures themselves live in tests/data/compliance_first_sight.csv."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import pytest

from clinicstudio.compliance.quality.scoring import (
    CATEGORIES,
    Report,
    check_in_process,
    read_corpus,
    score_outcomes,
)
from clinicstudio.resources import resource_path

DATA = Path(__file__).resolve().parents[2] / "data"
BATCHES = sorted((DATA / "batches").glob("batch-*.jsonl"))
# A batch becomes a regression corpus once the shipped model has been trained with it; until
# then only its first-sight row stands (a batch the model never saw has no floor to hold).
TRAINED = set(json.loads(resource_path("compliance", "model", "model.json").read_text(
    encoding="utf-8"))["trained_on"])
# Regression floors on text the model was trained on (cross-validated figures are printed by
# scripts/train_compliance_model.py): recall, and the most false flags and clean items blocked.
RECALL_FLOOR = {"phi": 0.80, "claim": 0.80, "advice": 0.60, "endorsement": 0.70,
                "attribute": 0.60}
FALSE_CEILING, CLEAN_BLOCKED_CEILING = 0.10, 0.08
# Patient information is the exception: the rules flag care words in replies and names that
# are staff or brands, and on the realistic batches that stays between 0.06 and 0.14 even with
# the model (the open weak spot, see docs/guide/compliance-quality.md). The ceiling holds it
# there; it is not the goal of 0.08.
PHI_FALSE_CEILING = 0.15


@cache
def report(path: Path) -> Report:
    prefix = "b" + path.stem.split("-")[-1]
    return score_outcomes(check_in_process(read_corpus(path), DATA / "batches" / "clinics",
                                           prefix))


def test_every_batch_has_its_first_sight_row():
    with (DATA / "compliance_first_sight.csv").open(encoding="utf-8", newline="") as handle:
        recorded = {row["batch"] for row in csv.DictReader(handle)}
    assert BATCHES and {p.stem for p in BATCHES} <= recorded


@pytest.mark.parametrize("path", [p for p in BATCHES if p.stem in TRAINED],
                         ids=lambda p: p.stem)
def test_batches_hold_their_regression_floors(path: Path) -> None:
    figures = report(path).all
    for category in CATEGORIES:
        recall = figures.recall(category)
        if recall is not None and figures.labelled[category] >= 10:
            assert recall >= RECALL_FLOOR[category], f"{category} recall {recall:.2f}"
        ceiling = PHI_FALSE_CEILING if category == "phi" else FALSE_CEILING
        assert (figures.false_flags(category) or 0) <= ceiling, category
    assert (figures.clean_blocked_rate or 0) <= CLEAN_BLOCKED_CEILING
