"""Posts and a clinic for the calendar's tests and benchmark, written through the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from clinicstudio.domain import PostStatus
from clinicstudio.store.clinic import save_profile
from clinicstudio.store.database import Database
from clinicstudio.store.models import Campaign, Post, Segment
from clinicstudio.store.posts import PostDraft, create_post

ZONE = "America/New_York"
#: A fixed "now" for tests: Monday 2 November 2026, 15:00 UTC (10:00 in New York, after DST).
NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def set_up_clinic(db: Database, zone: str = ZONE) -> tuple[int, int]:
    """A clinic in ``zone`` with one campaign and one segment; returns their numbers."""
    with db.transaction() as session:
        save_profile(session, name="Maple Street Family Practice", time_zone=zone)
        campaign = Campaign(name="Flu season")
        segment = Segment(name="Parents nearby")
        session.add_all([campaign, segment])
        session.flush()
        return campaign.id, segment.id


def add_post(session: Session, when: datetime, *, title: str = "Clinic news",
             status: PostStatus = PostStatus.SCHEDULED, networks: Sequence[str] = ("facebook",),
             campaign_id: int | None = None, segment_id: int | None = None,
             body: str = "") -> Post:
    draft = PostDraft(body=body or f"{title}. See you soon!", title=title, networks=networks,
                      scheduled_at=when, campaign_id=campaign_id, segment_id=segment_id)
    post, _ = create_post(session, draft, status=status)
    if status is PostStatus.PUBLISHED:
        post.published_at = when
    session.flush()
    return post
