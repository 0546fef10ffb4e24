"""How the posts aimed at a segment did, from the metric snapshots the networks reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from clinicstudio.analytics.metrics import MetricTotals, latest_per_post_and_network, totals
from clinicstudio.domain import Platform
from clinicstudio.store.models import MetricSnapshot, Post


@dataclass(frozen=True, slots=True)
class AimedPost:
    """A post aimed at a segment, as the segment's list of posts shows it."""

    id: int
    title: str
    status: str
    when: datetime | None
    networks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SegmentPerformance:
    """Totals over the segment's measured posts, overall and per network."""

    overall: MetricTotals = field(default_factory=MetricTotals)
    by_network: dict[str, MetricTotals] = field(default_factory=dict)

    @property
    def measured(self) -> bool:
        return self.overall.measured


def posts_aimed_at(session: Session, segment_id: int, *, since: datetime | None = None,
                   limit: int = 200) -> list[AimedPost]:
    """Posts aimed at the segment, by date (undated drafts last); from ``since`` when given."""
    when = func.coalesce(Post.published_at, Post.scheduled_at)
    query = (select(Post).options(selectinload(Post.variants))
             .where(Post.segment_id == segment_id))
    if since is not None:
        query = query.where(when >= since)
    query = query.order_by(when.is_(None), when, Post.id).limit(limit)
    return [AimedPost(p.id, p.title, p.status, p.published_at or p.scheduled_at,
                      tuple(p.networks)) for p in session.scalars(query)]


def segment_performance(session: Session, segment_id: int) -> SegmentPerformance:
    query = (select(MetricSnapshot).join(Post, MetricSnapshot.post_id == Post.id)
             .where(Post.segment_id == segment_id))
    latest = latest_per_post_and_network(session.scalars(query))
    if not latest:
        return SegmentPerformance()
    by_network = {p.value: totals(s for s in latest if s.network == p.value) for p in Platform}
    return SegmentPerformance(totals(latest),
                              {name: t for name, t in by_network.items() if t.measured})
