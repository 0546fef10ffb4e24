from __future__ import annotations

import pytest
from sqlalchemy import select

from clinicstudio.audience import SegmentBlocked, SegmentNotFound, SegmentService, SegmentSpec
from clinicstudio.audience.findings import RULE_LINKEDIN_SIZE
from clinicstudio.domain import UserError
from clinicstudio.store.database import Database
from clinicstudio.store.models import AuditEvent, Post, Segment
from tests.helpers.audience_segments import OVER_50, PARENTS, add_figures, add_post


def test_create_list_find_and_audit(db: Database) -> None:
    service = SegmentService(db, actor="Dana")
    record, changes = service.create(OVER_50)
    assert changes.segments and record.name == OVER_50.name
    service.create(PARENTS)
    assert [r.name for r in service.list_segments()] == [OVER_50.name, PARENTS.name]
    found = service.find("adults 50+ NEAR springfield")
    assert found.id == record.id and found.spec == OVER_50.normalised()
    with db.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "segment_created")
                                ).first()
        assert event is not None and event.actor == "Dana"
        assert event.detail["segment_id"] == record.id


def test_a_blocked_segment_is_never_saved(db: Database) -> None:
    service = SegmentService(db)
    with pytest.raises(SegmentBlocked) as raised:
        service.create(SegmentSpec(name="Diabetics"))
    assert raised.value.findings[0].rule == "PHI-011"
    assert "describes people by their health" in str(raised.value)
    with db.session() as session:
        assert session.scalars(select(Segment)).all() == []
        assert session.scalars(select(AuditEvent)).all() == []


def test_names_are_unique_whatever_the_capitals(db: Database) -> None:
    service = SegmentService(db)
    service.create(PARENTS)
    with pytest.raises(SegmentBlocked):
        service.create(SegmentSpec(name="PARENTS of young children"))


def test_update_records_what_changed_and_refuses_health(db: Database) -> None:
    service = SegmentService(db, actor="Dana")
    record, _ = service.create(PARENTS)
    updated, changes = service.update(record.id, SegmentSpec(
        name=PARENTS.name, age_min=25, age_max=50, places=PARENTS.places))
    assert changes.segments and updated.spec.age_max == 50 and updated.spec.topics == ()
    with pytest.raises(SegmentBlocked):
        service.update(record.id, SegmentSpec(name="Parents of asthmatic children"))
    assert service.get(record.id).spec.age_max == 50
    with db.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "segment_edited")
                                ).one()
        assert set(event.detail["fields"]) == {"age_max", "topics"}


def test_delete_sends_its_posts_to_everyone(db: Database) -> None:
    service = SegmentService(db)
    record, _ = service.create(PARENTS)
    post_id = add_post(db, record.id, days_from_now=2)
    assert service.get(record.id).post_count == 1
    changes = service.delete(record.id)
    assert changes.segments and changes.posts == frozenset({post_id})
    with db.session() as session:
        assert session.get(Post, post_id).segment_id is None
    with pytest.raises(SegmentNotFound):
        service.get(record.id)
    with pytest.raises(UserError):
        service.find(PARENTS.name)


def test_posts_aimed_at_a_segment_upcoming_first(db: Database) -> None:
    service = SegmentService(db)
    record, _ = service.create(OVER_50)
    past = add_post(db, record.id, days_from_now=-3)
    soon = add_post(db, record.id, days_from_now=1)
    later = add_post(db, record.id, days_from_now=9)
    add_post(db, None, days_from_now=2)
    assert [p.id for p in service.posts_aimed_at(record.id)] == [past, soon, later]
    upcoming = service.posts_aimed_at(record.id, upcoming_only=True)
    assert [p.id for p in upcoming] == [soon, later]
    assert upcoming[0].networks == ("facebook", "instagram")


def test_performance_uses_the_latest_figures_of_the_segments_posts(db: Database) -> None:
    service = SegmentService(db)
    record, _ = service.create(OVER_50)
    assert not service.performance(record.id).measured
    post = add_post(db, record.id, days_from_now=-5)
    other = add_post(db, None, days_from_now=-5)
    add_figures(db, post, "facebook", hours_ago=30, reach=500, likes=10)
    add_figures(db, post, "facebook", hours_ago=2, reach=1000, likes=30, comments=5, shares=5,
                link_clicks=10)
    add_figures(db, post, "instagram", reach=500, likes=25)
    add_figures(db, other, "facebook", reach=9999, likes=999)
    result = service.performance(record.id)
    assert result.overall.posts == 1 and result.overall.reach == 1500
    assert result.overall.link_clicks == 10
    assert result.overall.engagement_rate == pytest.approx(75 / 1500)
    assert result.by_network["facebook"].engagement_rate == pytest.approx(0.05)
    assert set(result.by_network) == {"facebook", "instagram"}


def test_linkedin_follower_count_feeds_the_size_warning(db: Database) -> None:
    service = SegmentService(db)
    spec = SegmentSpec(name="Illinois", places=OVER_50.places, networks=("linkedin",))
    assert RULE_LINKEDIN_SIZE not in {f.rule for f in service.validate(spec)}
    add_figures(db, None, "linkedin", followers=400)
    found = {f.rule: f for f in service.validate(spec)}
    assert "from the Page's 400 followers" in found[RULE_LINKEDIN_SIZE].message
