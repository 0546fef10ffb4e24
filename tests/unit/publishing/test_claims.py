"""Claims that always end: a reused process number never holds a post, and a crash is repaired."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from clinicstudio.cli import main
from clinicstudio.domain import OutboxState, Platform, PostStatus
from clinicstudio.publishing import Publisher, outbox, publish_due
from clinicstudio.store.database import Database
from clinicstudio.store.models import AuditEvent, OutboxEntry, Post
from tests.helpers.publishing_setup import add_post

NOW = datetime.now(UTC)


@pytest.fixture
def other_process() -> Iterator[int]:
    """A live process that is not a ClinicStudio sender: the number a reboot could hand out."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield child.pid
    child.kill()
    child.wait()


def _start(db: Database, post_id: int) -> list[int]:
    """Make the post's rows and mark it publishing, as a sender does just before it sends."""
    publisher = Publisher(db)
    with db.transaction() as session:
        post = session.get(Post, post_id)
        assert post is not None
        entries = outbox.enqueue(session, post, post.networks, account_ids={})
        post.status = str(PostStatus.PUBLISHING)
        ids = [e.id for e in entries]
    del publisher
    return ids


def test_a_claim_holds_only_for_the_same_process_start(other_process: int) -> None:
    started = outbox.process_started(other_process)
    if started is None:
        pytest.skip("this system does not tell when a process started")
    same = f"{outbox.HOST}|{other_process}|abc|{started}"
    reused = f"{outbox.HOST}|{other_process}|abc|{started}0"  # the number, not the process
    assert not outbox.abandoned(same, NOW - outbox.LEASE * 3, NOW)
    assert outbox.abandoned(reused, NOW, NOW)
    assert "another program" in outbox.why_abandoned(reused)


def test_an_older_claim_without_a_start_time_ends_with_its_lease(other_process: int) -> None:
    older = f"{outbox.HOST}|{other_process}|abc"
    assert not outbox.abandoned(older, NOW - timedelta(minutes=1), NOW)
    assert outbox.abandoned(older, NOW - outbox.LEASE - timedelta(seconds=1), NOW)


def test_a_killed_senders_reused_number_does_not_keep_the_post(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher,
        other_process: int) -> None:
    started = outbox.process_started(other_process) or "unknown"
    post_id = add_post(db, "Flu shots on Saturday.", [Platform.MASTODON],
                       at=NOW - timedelta(minutes=1))
    [row] = _start(db, post_id)
    # The killed sender's claim: its number now belongs to another, live process.
    assert outbox.claim(db, row, f"{outbox.HOST}|{other_process}|dead|{started}x", NOW)

    report = publish_due(db, NOW, publisher=publisher)

    assert report.released_posts == [post_id]
    assert "Released post(s)" in report.summary()
    assert len(fakes[Platform.MASTODON].published) == 1
    with db.session() as session:
        assert session.get(Post, post_id).status == PostStatus.PUBLISHED
        actions = [e.action for e in session.scalars(
            select(AuditEvent).where(AuditEvent.post_id == post_id))]
    assert "outbox_released" in actions


def test_a_post_left_publishing_after_its_rows_were_sent_is_repaired(
        db: Database, publisher: Publisher) -> None:
    post_id = add_post(db, "New parking behind the clinic.", [Platform.MASTODON])
    [row] = _start(db, post_id)
    with db.transaction() as session:  # killed after recording "sent", before the post
        entry = session.get(OutboxEntry, row)
        entry.state, entry.sent_at = str(OutboxState.SENT), NOW

    report = publish_due(db, NOW, publisher=publisher)

    assert report.repaired == [post_id]
    assert "Repaired the status of post(s)" in report.summary()
    with db.session() as session:
        assert session.get(Post, post_id).status == PostStatus.PUBLISHED


def test_outbox_list_and_release_from_the_command_line(
        sqlite_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    db = sqlite_db
    post_id = add_post(db, "Closed for the holiday.", [Platform.BLUESKY])
    [row] = _start(db, post_id)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    assert outbox.claim(db, row, f"{outbox.HOST}|{dead}|abc|x", NOW)
    where = str(db.url.database)

    assert main(["outbox", "list", "--db", where]) == 0
    listed = capsys.readouterr().out
    assert "STUCK" in listed and f"post {post_id}" in listed

    assert main(["outbox", "release", str(row), "--db", where]) == 0
    assert "Released row" in capsys.readouterr().out
    with db.session() as session:
        assert session.get(OutboxEntry, row).state == OutboxState.PENDING
        assert session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "outbox_released")).first()

    assert main(["outbox", "release", str(row), "--db", where]) == 2
    assert "not stuck" in capsys.readouterr().err
    assert main(["outbox", "release", "999", "--db", where]) == 2


def test_a_live_sender_is_not_released_without_force(
        sqlite_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    db = sqlite_db
    post_id = add_post(db, "Closed for the holiday.", [Platform.BLUESKY])
    [row] = _start(db, post_id)
    assert outbox.claim(db, row, outbox.new_worker_id(), NOW)
    where = str(db.url.database)
    assert main(["outbox", "release", str(row), "--db", where]) == 2
    assert "being sent right now" in capsys.readouterr().err
    assert main(["outbox", "release", str(row), "--force", "--db", where]) == 0
