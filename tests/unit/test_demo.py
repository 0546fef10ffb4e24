"""The demo clinic: rich enough to explore, loaded once, never mixed into a real clinic."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from clinicstudio.demo import DemoRefused, load_demo
from clinicstudio.domain import Platform, PostStatus
from clinicstudio.store.clinic import clinic_identity, save_profile
from clinicstudio.store.media import stored_path
from clinicstudio.store.models import (
    Campaign,
    MediaAsset,
    MetricSnapshot,
    OutboxEntry,
    Post,
    PostVariant,
    Segment,
)

TODAY = date(2026, 11, 25)


def count(session, column) -> int:
    return session.scalar(select(func.count(column)))


def test_the_demo_is_a_living_clinic(db) -> None:
    summary = load_demo(db, today=TODAY)
    assert summary is not None and summary.posts >= 60
    with db.transaction() as session:
        identity = clinic_identity(session)
        assert identity.name == "Maple Grove Family Health"
        assert identity.phones and identity.addresses and identity.websites
        assert len(identity.staff) == 4 and identity.time_zone == "America/Chicago"
        statuses = set(session.scalars(select(Post.status)))
        expected = {PostStatus.DRAFT, PostStatus.SCHEDULED, PostStatus.PUBLISHED,
                    PostStatus.PARTLY_PUBLISHED, PostStatus.FAILED}
        assert {str(s) for s in expected} <= statuses
        # A one-person office approves nothing, so no demo post waits for approval there.
        assert not {str(PostStatus.IN_REVIEW), str(PostStatus.APPROVED)} & statuses
        assert set(session.scalars(select(PostVariant.network))) == {p.value for p in Platform}
        assert session.scalar(select(func.count()).where(PostVariant.text_override.is_not(None)))
        times = list(session.scalars(select(Post.scheduled_at)))
        assert (max(times) - min(times)).days >= 90
        assert count(session, Segment.id) >= 3
        campaigns = list(session.scalars(select(Campaign)))
        assert len(campaigns) == 2 and all(c.budget_cents > 0 for c in campaigns)
        assert count(session, MetricSnapshot.id) > 50
        failed = session.scalars(select(OutboxEntry).where(OutboxEntry.state == "failed")).all()
        assert failed and all(entry.error_message for entry in failed)
        images = session.scalars(select(MediaAsset)).all()
        assert len(images) >= 3
        for image in images:
            assert image.alt_text and stored_path(db.media_dir, image).is_file()


def test_loading_the_demo_twice_adds_nothing(db) -> None:
    load_demo(db, today=TODAY)
    with db.transaction() as session:
        before = count(session, Post.id), count(session, MediaAsset.id)
    assert load_demo(db, today=TODAY) is None
    with db.transaction() as session:
        assert (count(session, Post.id), count(session, MediaAsset.id)) == before


def test_the_demo_never_mixes_into_a_real_clinic(db) -> None:
    with db.transaction() as session:
        save_profile(session, name="Lakeside Dental")
    with pytest.raises(DemoRefused, match="already holds"):
        load_demo(db, today=TODAY)
    with db.transaction() as session:
        assert count(session, Post.id) == 0


def test_an_office_with_staff_accounts_sees_demo_posts_waiting_for_approval(db) -> None:
    from clinicstudio.domain import Role
    from clinicstudio.governance.people import add_staff

    with db.transaction() as session:
        add_staff(session, "Dana Whitfield", Role.ADMIN, "dana keeps the office", actor="test")
    assert load_demo(db, today=TODAY) is not None
    with db.session() as session:
        statuses = set(session.scalars(select(Post.status)))
    assert {str(PostStatus.IN_REVIEW), str(PostStatus.APPROVED)} <= statuses
