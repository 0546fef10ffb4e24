"""The shipped health observances: a full year, right dates, drafts that target no one."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from clinicstudio.domain import PostStatus, UserError
from clinicstudio.planning.clock import load_zone
from clinicstudio.planning.observances import (
    create_observance_draft,
    find_observance,
    load_catalog,
    observances_between,
)
from clinicstudio.store.database import Database
from tests.helpers.planning_posts import ZONE, set_up_clinic

# Wording that says or implies that the reader has a condition, or promises a result.
TARGETING = re.compile(
    r"\b(your|you have|you're|are you|do you have|if you (have|suffer|are living))\b.{0,30}"
    r"\b(diabetes|cancer|heart disease|depress\w*|anxiety|autism|hiv|aids|condition|diagnos\w*|"
    r"addict\w*|disorder|illness|weight)\b|\bcure[sd]?\b|\bguarantee\w*\b|\bprevents?\b",
    re.IGNORECASE,
)


def test_the_catalog_covers_every_month_with_the_well_known_observances() -> None:
    catalog = load_catalog()
    assert {o.month for o in catalog} == set(range(1, 13))
    names = {o.name for o in catalog}
    for wanted in ("American Heart Month", "National Nutrition Month", "Autism Acceptance Month",
                   "Mental Health Awareness Month", "Men's Health Month",
                   "National Immunization Awareness Month", "Breast Cancer Awareness Month",
                   "National Diabetes Month", "World Health Day", "National Dental Hygiene Month"):
        assert wanted in names
    assert len({o.key for o in catalog}) == len(catalog)


@pytest.mark.parametrize(("key", "year", "first", "last"), [
    ("american-heart-month", 2027, date(2027, 2, 1), date(2027, 2, 28)),
    ("wear-red-day", 2027, date(2027, 2, 5), date(2027, 2, 5)),
    ("world-kidney-day", 2026, date(2026, 3, 12), date(2026, 3, 12)),
    ("great-american-smokeout", 2026, date(2026, 11, 19), date(2026, 11, 19)),
    ("womens-health-week", 2027, date(2027, 5, 9), date(2027, 5, 15)),
    ("nurses-week", 2026, date(2026, 5, 6), date(2026, 5, 12)),
    ("world-health-day", 2026, date(2026, 4, 7), date(2026, 4, 7)),
])
def test_rules_give_the_right_dates(key: str, year: int, first: date, last: date) -> None:
    assert find_observance(key).dates_in(year) == (first, last)


def test_drafts_speak_to_everyone_and_promise_nothing() -> None:
    for observance in load_catalog():
        assert observance.draft, observance.key
        assert TARGETING.search(observance.draft) is None, observance.key
    assert TARGETING.search("Do you have diabetes? We can cure it.") is not None


def test_observances_between_spans_years() -> None:
    found = observances_between(date(2026, 12, 28), date(2027, 1, 3))
    labels = {o.label for o in found}
    assert "Safe Toys and Gifts Awareness Month" in labels
    assert "Cervical Health Awareness Month" in labels
    assert "American Heart Month" not in labels


def test_a_suggestion_becomes_a_dated_draft(db: Database) -> None:
    set_up_clinic(db)
    with db.transaction() as session:
        post, changes = create_observance_draft(session, "world-health-day", 2027,
                                                load_zone(ZONE), networks=("facebook",))
        assert changes.posts == frozenset({post.id})
        assert post.status == PostStatus.DRAFT
        assert post.scheduled_at == datetime(2027, 4, 7, 13, 0, tzinfo=UTC)
        assert post.title == "World Health Day 2027" and "World Health Day" in post.body
    with db.transaction() as session, pytest.raises(UserError, match="no health observance"):
        create_observance_draft(session, "made-up-day", 2027, load_zone(ZONE))


def test_the_studio_checks_find_nothing_that_blocks_in_any_draft() -> None:
    from clinicstudio.compliance import Checker

    checker = Checker()
    serious = {"phi", "claim", "advice", "attribute", "endorsement"}
    for observance in load_catalog():
        findings = checker.check(observance.draft).findings
        assert not [f.rule for f in findings if f.blocks or str(f.category) in serious], \
            observance.key
