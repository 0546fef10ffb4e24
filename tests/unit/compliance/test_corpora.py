"""The labelled corpora as quality gates: the issue's floors per category, on the main corpus
and on the two sets written before the rules were fitted to them (other specialties and voices,
casual wording, emoji, typos, Spanish-English, non-US dates, long posts, review replies of every
tone), so a regression fails CI."""

from __future__ import annotations

import pytest

from clinicstudio.domain import Severity
from tests.helpers.compliance_corpora import (
    CATEGORIES,
    CORPORA,
    FOCUSED,
    corpus_results,
    score,
)

CLINICS = {"family", "dental", "pediatrics", "pt", "counselling", "medspa"}
#: (entries, replies, clean entries) each corpus must have at least.
SIZES = {"corpus": (300, 50, 100), "heldout": (150, 25, 60), "fresh": (200, 40, 80),
         "probe": (320, 105, 130)}


@pytest.mark.parametrize("name", CORPORA)
def test_each_corpus_is_large_varied_and_rich_in_hard_negatives(name: str) -> None:
    results = corpus_results(name)
    entries, replies, clean = SIZES[name]
    assert len(results) >= entries
    assert {e["clinic"] for e, _ in results} == CLINICS
    assert sum(1 for e, _ in results if e["kind"] == "reply") >= replies
    assert sum(1 for e, _ in results if not e["labels"]) >= clean
    ids = [e["id"] for e, _ in results]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", CORPORA)
def test_clean_posts_are_not_blocked(name: str) -> None:
    clean = [(e, findings) for e, findings in corpus_results(name) if not e["labels"]]
    blocked = [e["id"] for e, findings in clean
               if any(f.severity is Severity.BLOCK for f in findings)]
    assert len(blocked) / len(clean) <= 0.03, blocked


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("name", CORPORA)
def test_recall_and_false_flags_meet_the_issue_floors(name: str, category: str) -> None:
    found = score(name, category)
    # phi: 0.95 blocked (was 0.97). Since the corpora were relabelled to the labels sheet, a
    # care word alone in a reply is an info note, not a block (sheet rule 3), and a few
    # replies that confirm care through wording no rule lists now warn through the model
    # instead of blocking (the model alone may not block). 0.95 is the issue's goal.
    recall_floor, false_ceiling = (0.95, 0.03) if category == "phi" else (0.90, 0.05)
    if category in FOCUSED.get(name, CATEGORIES):
        assert found.labelled >= 3, f"too few {category} items to measure"
        assert found.hits / found.labelled >= recall_floor, f"{category} recall {found}"
    assert found.flagged / found.others <= false_ceiling, f"{category} false flags {found}"
