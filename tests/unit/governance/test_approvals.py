"""Approvals are enforced where posts leave: writers never publish or approve, nobody approves
their own post, a change after approval needs approval again, and ``publish_due`` leaves posts
waiting for approval alone. Real sign-ins, real databases, loopback networks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform, PostStatus, UserError
from clinicstudio.governance import approvals
from clinicstudio.governance.desk import Actor
from clinicstudio.publishing import publish_due
from clinicstudio.publishing.publisher import PublishBlocked
from clinicstudio.settings import LatePolicy, approval_required, load_settings, save_settings
from clinicstudio.store.audit import verify_chain
from clinicstudio.store.database import Database
from clinicstudio.store.models import AuditEvent, Post
from clinicstudio.store.posts import PostDraft, create_post, get_post, update_post
from tests.unit.governance.conftest import publisher_for, sign_in

TEXT = "Our flu clinic is open Saturday 9 to 12. Walk-ins welcome!"


def write(db: Database, author: Actor, text: str = TEXT, *, at: datetime | None = None,
          status: PostStatus = PostStatus.DRAFT) -> int:
    with db.transaction() as session:
        post, _ = create_post(session, PostDraft(body=text, networks=["mastodon"],
                                                 author_id=author.user_id, scheduled_at=at),
                              actor=author.name, status=status)
        return post.id


def status(db: Database, post_id: int) -> str:
    with db.session() as session:
        return get_post(session, post_id).status


def test_the_review_from_writer_to_approver_to_the_network(
        db: Database, vault: SecretVault, staff: dict[str, Actor],
        fakes: dict[Platform, Any]) -> None:
    ben, cleo, dan = staff["Ben"], staff["Cleo"], staff["Dan"]
    with db.session() as session:
        assert approval_required(session)  # on by default once staff accounts exist
    post_id = write(db, ben)

    with pytest.raises(PublishBlocked, match="writers cannot publish"):
        publisher_for(db, vault, ben).publish_now(post_id)
    with pytest.raises(UserError, match="only an approver"):
        approvals.approve(db, post_id, ben)
    with pytest.raises(PublishBlocked, match="needs an approver's OK"):
        publisher_for(db, vault, cleo).publish_now(post_id)

    approvals.submit(db, post_id, ben, "Ready for Saturday")
    assert status(db, post_id) == PostStatus.IN_REVIEW
    approvals.approve(db, post_id, cleo, "Looks good")
    assert status(db, post_id) == PostStatus.APPROVED

    # Ben fixes a word after the approval: the approval no longer holds.
    with db.transaction() as session:
        update_post(session, post_id, PostDraft(body=TEXT + " Bring your card.",
                                                networks=["mastodon"]), actor=ben.name)
    assert status(db, post_id) == PostStatus.IN_REVIEW
    with pytest.raises(PublishBlocked, match="needs an approver's OK"):
        publisher_for(db, vault, cleo).publish_now(post_id)

    # Cleo edits it herself, so she may not approve it; Dan may.
    with db.transaction() as session:
        update_post(session, post_id, PostDraft(body=TEXT + " Bring your insurance card.",
                                                networks=["mastodon"]), actor=cleo.name)
    with pytest.raises(UserError, match="four eyes"):
        approvals.approve(db, post_id, cleo)
    approvals.approve(db, post_id, dan)
    assert publisher_for(db, vault, cleo).publish_now(post_id).ok
    assert [s["content"] for s in fakes[Platform.MASTODON].published] == [
        "<p>" + TEXT + " Bring your insurance card.</p>"]

    with db.session() as session:
        events = list(session.scalars(select(AuditEvent).where(AuditEvent.post_id == post_id)
                                      .order_by(AuditEvent.seq)))
        assert verify_chain(session)[1] is None
    published = [e for e in events if e.action == "published"]
    assert published and published[0].actor == "Cleo"
    edits = [e.detail for e in events if e.action == "post_edited" and "before" in e.detail]
    assert edits[0]["before"]["body"] == TEXT
    assert [e.actor for e in events if e.action == "post_approved"] == ["Cleo", "Dan"]
    assert [n.action for n in approvals.thread(db, post_id)] == ["submit", "approve", "approve"]


def test_a_writer_cannot_reject_and_a_rejection_sends_it_back_with_comments(
        db: Database, staff: dict[str, Actor]) -> None:
    post_id = write(db, staff["Ben"])
    approvals.submit(db, post_id, staff["Ben"])
    assert [p[0] for p in approvals.waiting_for_approval(db)] == [post_id]
    with pytest.raises(UserError, match="writer"):
        approvals.reject(db, post_id, staff["Ben"], "no")
    approvals.reject(db, post_id, staff["Cleo"], "Say which Saturday, please.")
    assert status(db, post_id) == PostStatus.DRAFT
    assert approvals.thread(db, post_id)[-1].note == "Say which Saturday, please."
    assert approvals.waiting_for_approval(db) == []


def test_publish_due_leaves_unapproved_due_posts_alone_and_says_so(
        db: Database, vault: SecretVault, staff: dict[str, Actor],
        fakes: dict[Platform, Any]) -> None:
    now = datetime.now(UTC)
    waiting = write(db, staff["Ben"], "A due post nobody approved.",
                    at=now - timedelta(minutes=2), status=PostStatus.SCHEDULED)
    ready = write(db, staff["Ben"], "A due post Cleo approved.", at=now + timedelta(minutes=1))
    approvals.approve(db, ready, staff["Cleo"], now=now)
    assert status(db, ready) == PostStatus.SCHEDULED

    report = publish_due(db, now + timedelta(minutes=2),
                         publisher=publisher_for(db, vault, None))
    assert report.awaiting == [waiting] and report.started == [ready]
    assert f"wait for an approver's OK and were left alone: {waiting}" in report.summary()
    assert status(db, waiting) == PostStatus.SCHEDULED
    assert [s["content"] for s in fakes[Platform.MASTODON].published] == [
        "<p>A due post Cleo approved.</p>"]


def test_a_series_approved_as_a_whole_covers_occurrences_that_keep_its_wording(
        db: Database, vault: SecretVault, staff: dict[str, Actor],
        fakes: dict[Platform, Any]) -> None:
    from zoneinfo import ZoneInfo

    from clinicstudio.planning.series import create_series

    start = datetime.now(UTC) + timedelta(days=1)
    with db.transaction() as session:
        create_series(session, "Monday tip", "FREQ=WEEKLY;COUNT=3", start, PostDraft(
            body="Monday tip: drink water.", networks=["mastodon"],
            author_id=staff["Ben"].user_id), ZoneInfo("UTC"), actor="Ben")
    with db.session() as session:
        first, second, third = [p.id for p in session.scalars(
            select(Post).order_by(Post.scheduled_at))]
    approvals.approve(db, first, staff["Cleo"], whole_series=True)
    with db.transaction() as session:
        update_post(session, third, PostDraft(body="Monday tip: drink more water.",
                                              networks=["mastodon"],
                                              scheduled_at=start + timedelta(days=14)),
                    actor="Ben")
    with db.transaction() as session:  # the scheduler was off for two weeks: send late posts
        save_settings(session, replace(load_settings(session), late_policy=LatePolicy.PUBLISH))
    later = start + timedelta(days=15)
    report = publish_due(db, later, publisher=publisher_for(db, vault, None))
    assert sorted(report.started) == [first, second]
    assert report.awaiting == [third]


def test_a_one_person_office_publishes_as_before(db: Database, vault: SecretVault,
                                                 fakes: dict[Platform, Any]) -> None:
    with db.session() as session:
        assert not approval_required(session)
    with db.transaction() as session:
        post, _ = create_post(session, PostDraft(body=TEXT, networks=["mastodon"]))
    assert publisher_for(db, vault, None).publish_now(post.id).ok


def test_the_policy_must_be_acknowledged_before_submitting_or_publishing(
        db: Database, vault: SecretVault, staff: dict[str, Actor]) -> None:
    from clinicstudio.governance.people import add_staff

    with db.transaction() as session:
        add_staff(session, "Eve", staff["Cleo"].role, "eve approves as well", actor="Ada")
    from tests.unit.governance import conftest

    conftest.PASSPHRASES["Eve"] = "eve approves as well"
    try:
        eve = sign_in(db, "Eve", acknowledged=False)
    finally:
        del conftest.PASSPHRASES["Eve"]
    post_id = write(db, staff["Ben"])
    approvals.submit(db, post_id, staff["Ben"])
    with pytest.raises(UserError, match="policy"):
        approvals.approve(db, post_id, eve)
    approvals.approve(db, post_id, staff["Cleo"])
    with pytest.raises(PublishBlocked, match="policy"):
        publisher_for(db, vault, eve).publish_now(post_id)
