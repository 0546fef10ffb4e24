"""Arithmetic on engagement figures: totals, engagement rate, click-through rate.

The networks report cumulative counters, so a post's figures on a network are those of its
latest snapshot, never the sum of its snapshots. Rates are ``None`` when there is nothing to
divide by (Mastodon and Bluesky report no reach), so the interface can say "not measured"
instead of showing a misleading 0 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Protocol


class Snapshot(Protocol):
    """What a metric snapshot row offers (``clinicstudio.store.models.MetricSnapshot``)."""

    post_id: int | None
    network: str
    taken_at: datetime
    impressions: int | None
    reach: int | None
    likes: int | None
    comments: int | None
    shares: int | None
    link_clicks: int | None
    spend_cents: int
    bookings: int


@dataclass(frozen=True, slots=True)
class MetricTotals:
    """Figures added over posts and networks."""

    posts: int = 0
    impressions: int = 0
    reach: int = 0
    likes: int = 0
    comments: int = 0
    shares: int = 0
    link_clicks: int = 0
    spend_cents: int = 0
    bookings: int = 0

    def __add__(self, other: MetricTotals) -> MetricTotals:
        return MetricTotals(*(getattr(self, f.name) + getattr(other, f.name)
                              for f in fields(MetricTotals)))

    @property
    def engagements(self) -> int:
        return engagements(self.likes, self.comments, self.shares, self.link_clicks)

    @property
    def engagement_rate(self) -> float | None:
        return engagement_rate(self.engagements, self.reach, self.impressions)

    @property
    def click_through_rate(self) -> float | None:
        return click_through_rate(self.link_clicks, self.impressions or self.reach)

    @property
    def measured(self) -> bool:
        return self.posts > 0


def engagements(likes: int, comments: int, shares: int, link_clicks: int = 0) -> int:
    """Everything a person did with a post: reactions, comments, shares and link clicks."""
    return likes + comments + shares + link_clicks


def engagement_rate(engaged: int, reach: int, impressions: int = 0) -> float | None:
    """Engagements per person reached (per view where a network reports no reach), 0..1 or more.

    None when neither is known: a network that reports no audience cannot have a rate.
    """
    base = reach or impressions
    return engaged / base if base > 0 else None


def click_through_rate(link_clicks: int, shown: int) -> float | None:
    return link_clicks / shown if shown > 0 else None


def latest_per_post_and_network(snapshots: Iterable[Snapshot]) -> list[Snapshot]:
    """The newest snapshot of each (post, network), since counters are cumulative."""
    newest: dict[tuple[int | None, str], Snapshot] = {}
    for snap in snapshots:
        key = (snap.post_id, snap.network)
        if key not in newest or snap.taken_at > newest[key].taken_at:
            newest[key] = snap
    return list(newest.values())


def totals(snapshots: Iterable[Snapshot]) -> MetricTotals:
    """Totals over the latest snapshot of each post and network; ``posts`` counts posts.

    A figure a network did not report adds nothing (it is unknown, not zero)."""
    latest = latest_per_post_and_network(snapshots)
    result = MetricTotals(posts=len({s.post_id for s in latest if s.post_id is not None}))
    for snap in latest:
        result += MetricTotals(0, snap.impressions or 0, snap.reach or 0, snap.likes or 0,
                               snap.comments or 0, snap.shares or 0, snap.link_clicks or 0,
                               snap.spend_cents or 0, snap.bookings or 0)
    return result


def percent(rate: float | None, digits: int = 1) -> str:
    """"4.2 %", or "not measured" when there is no rate."""
    return "not measured" if rate is None else f"{rate * 100:.{digits}f}\u00a0%"
