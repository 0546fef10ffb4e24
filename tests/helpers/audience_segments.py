"""Segments, posts aimed at them and their figures, written straight into a real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from clinicstudio.audience import Place, SegmentSpec
from clinicstudio.store.database import Database
from clinicstudio.store.models import MetricSnapshot
from clinicstudio.store.posts import PostDraft, create_post

OVER_50 = SegmentSpec(name="Adults 50+ near Springfield", age_min=50,
                      places=(Place("city", "Springfield, IL", 25),), languages=("en",),
                      topics=("healthy eating",))
PARENTS = SegmentSpec(name="Parents of young children", age_min=25, age_max=45,
                      places=(Place("city", "Springfield, IL", 20),),
                      topics=("school physicals",))


def add_post(db: Database, segment_id: int | None, *, days_from_now: int,
             networks: tuple[str, ...] = ("facebook", "instagram"), body: str = "") -> int:
    when = datetime.now(UTC) + timedelta(days=days_from_now)
    with db.transaction() as session:
        post, _ = create_post(session, PostDraft(
            body=body or f"Walking group, {days_from_now:+d} days", networks=list(networks),
            scheduled_at=when, segment_id=segment_id))
        return post.id


def add_figures(db: Database, post_id: int | None, network: str, *, hours_ago: int = 1,
                **figures: int) -> None:
    with db.transaction() as session:
        session.add(MetricSnapshot(post_id=post_id, network=network,
                                   taken_at=datetime.now(UTC) - timedelta(hours=hours_ago),
                                   **figures))
