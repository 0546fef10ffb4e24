from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from clinicstudio.analytics.metrics import (
    MetricTotals,
    click_through_rate,
    engagement_rate,
    engagements,
    latest_per_post_and_network,
    percent,
    totals,
)

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


@dataclass
class Snap:
    post_id: int | None
    network: str
    taken_at: datetime
    impressions: int = 0
    reach: int = 0
    likes: int = 0
    comments: int = 0
    shares: int = 0
    link_clicks: int = 0
    spend_cents: int = 0
    bookings: int = 0


def test_engagement_rate_is_per_person_reached() -> None:
    assert engagements(10, 2, 3, 5) == 20
    assert engagement_rate(20, 400) == 0.05
    assert engagement_rate(20, 0, impressions=1000) == 0.02
    assert engagement_rate(20, 0) is None
    assert click_through_rate(5, 0) is None and click_through_rate(5, 100) == 0.05


def test_counters_are_cumulative_so_only_the_latest_snapshot_counts() -> None:
    old = Snap(1, "facebook", NOW - timedelta(days=1), reach=100, likes=5)
    new = Snap(1, "facebook", NOW, reach=300, likes=12)
    other = Snap(1, "instagram", NOW, reach=50, likes=4)
    assert latest_per_post_and_network([new, old, other]) == [new, other]
    result = totals([old, new, other])
    assert result.posts == 1 and result.reach == 350 and result.likes == 16


def test_totals_add_up_and_rates_follow() -> None:
    a = MetricTotals(posts=1, reach=100, likes=5, link_clicks=5)
    b = MetricTotals(posts=2, reach=300, comments=10)
    both = a + b
    assert both.posts == 3 and both.engagements == 20 and both.engagement_rate == 0.05
    assert not MetricTotals().measured


def test_percent_says_not_measured() -> None:
    assert percent(None) == "not measured"
    assert percent(0.0546) == "5.5\u00a0%"
