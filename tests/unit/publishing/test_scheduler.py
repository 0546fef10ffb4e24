"""The scheduler: due posts on time, the grace period, the late-post setting, exactly once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import OutboxState, Platform, PostStatus
from clinicstudio.publishing import Publisher, held_posts, publish_due
from clinicstudio.settings import LatePolicy, OfficeSettings, save_settings
from clinicstudio.store.audit import events_for_post
from clinicstudio.store.database import Database
from clinicstudio.store.models import OutboxEntry, Post
from clinicstudio.store.posts import reschedule
from tests.helpers.publishing_setup import WordChecker, add_post

NETWORKS = [Platform.MASTODON, Platform.BLUESKY]


def _policy(db: Database, policy: LatePolicy) -> None:
    with db.transaction() as session:
        save_settings(session, OfficeSettings(late_policy=policy, grace_minutes=15))


def _status(db: Database, post_id: int) -> str:
    with db.session() as session:
        post = session.get(Post, post_id)
        assert post is not None
        return post.status


def test_a_post_within_the_grace_period_simply_goes_out(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    _policy(db, LatePolicy.HOLD)
    now = datetime.now(UTC)
    post_id = add_post(db, "Vaccines for back to school.", NETWORKS, at=now - timedelta(minutes=14))
    future = add_post(db, "Next week's tip.", NETWORKS, at=now + timedelta(days=7))

    report = publish_due(db, now, publisher=publisher)

    assert report.started == [post_id] and report.held == []
    assert _status(db, post_id) == PostStatus.PUBLISHED
    assert _status(db, future) == PostStatus.SCHEDULED
    assert len(fakes[Platform.MASTODON].published) == 1


def test_a_late_post_is_held_then_released_by_rescheduling(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    _policy(db, LatePolicy.HOLD)
    now = datetime.now(UTC)
    post_id = add_post(db, "Saturday hours this week.", NETWORKS, at=now - timedelta(hours=3))

    first = publish_due(db, now, publisher=publisher)
    second = publish_due(db, now + timedelta(minutes=5), publisher=publisher)

    assert first.held == [post_id] and second.held == [] and second.started == []
    with db.session() as session:
        assert [p.id for p in held_posts(session)] == [post_id]
        assert "publish_held_late" in [e.action for e in events_for_post(session, post_id)]
    assert fakes[Platform.MASTODON].published == []

    later = now + timedelta(hours=1)
    with db.transaction() as session:
        reschedule(session, post_id, later)
    report = publish_due(db, later + timedelta(minutes=1), publisher=publisher)
    assert report.started == [post_id]
    assert _status(db, post_id) == PostStatus.PUBLISHED


def test_the_publish_late_setting_sends_it_and_says_so(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    _policy(db, LatePolicy.PUBLISH)
    now = datetime.now(UTC)
    post_id = add_post(db, "Allergy season is here.", NETWORKS, at=now - timedelta(days=1))

    report = publish_due(db, now, publisher=publisher)

    assert report.late == [post_id] and _status(db, post_id) == PostStatus.PUBLISHED
    with db.session() as session:
        assert "publish_late" in [e.action for e in events_for_post(session, post_id)]


def test_a_retry_waits_for_its_time_then_goes_out(
        db: Database, fakes: dict[Platform, Any], vault: SecretVault) -> None:
    from tests.helpers.fake_mastodon import rate_limited

    publisher = Publisher(db, vault=vault, checker_factory=WordChecker, inline_wait=0)
    now = datetime.now(UTC)
    post_id = add_post(db, "Free blood pressure checks.", [Platform.MASTODON],
                       at=now - timedelta(minutes=1))
    fakes[Platform.MASTODON].fault("POST", "/api/v1/statuses", reply=rate_limited(120))

    publish_due(db, now, publisher=publisher)
    with db.session() as session:
        entry = session.query(OutboxEntry).one()
        assert entry.state == OutboxState.PENDING and entry.next_try_at is not None
        wait = entry.next_try_at - now
    assert timedelta(seconds=100) < wait < timedelta(seconds=140)  # the header, not a guess
    assert publish_due(db, now + timedelta(seconds=30), publisher=publisher).results == []

    publish_due(db, now + timedelta(minutes=3), publisher=publisher)
    assert _status(db, post_id) == PostStatus.PUBLISHED
    assert len(fakes[Platform.MASTODON].published) == 1


@pytest.mark.parametrize("runs", [4])
def test_racing_schedulers_in_threads_send_each_post_once(
        db: Database, fakes: dict[Platform, Any], vault: SecretVault, runs: int) -> None:
    now = datetime.now(UTC)
    for number in range(5):
        add_post(db, f"Tip {number}: drink water.", NETWORKS, at=now - timedelta(minutes=1))
    start = threading.Barrier(runs)

    def run() -> None:
        start.wait()
        publish_due(db, now, publisher=Publisher(db, vault=vault, checker_factory=WordChecker))

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    for network in NETWORKS:
        assert len(fakes[network].published) == 5
    texts = [p["text"] for p in fakes[Platform.BLUESKY].published]
    assert len(set(texts)) == 5
