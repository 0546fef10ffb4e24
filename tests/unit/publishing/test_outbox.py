"""The outbox's atomic claim, its recovery of rows left by a dead sender, and its backoff."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta

from clinicstudio.domain import OutboxState, Platform
from clinicstudio.publishing import outbox
from clinicstudio.store.database import Database
from clinicstudio.store.models import OutboxEntry
from clinicstudio.store.posts import get_post
from tests.helpers.publishing_setup import add_post


def _entry(db: Database) -> int:
    post_id = add_post(db, "Closed Monday for the holiday.", [Platform.MASTODON])
    with db.transaction() as session:
        [entry] = outbox.enqueue(session, get_post(session, post_id), ["mastodon"],
                                 account_ids={})
        return entry.id


def test_only_one_of_many_racing_senders_gets_the_row(db: Database) -> None:
    entry_id = _entry(db)
    now = datetime.now(UTC)
    start = threading.Barrier(8)
    wins: list[bool] = []

    def race(number: int) -> None:
        start.wait()
        wins.append(outbox.claim(db, entry_id, f"worker-{number}", now))

    threads = [threading.Thread(target=race, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(wins) == [False] * 7 + [True]
    with db.session() as session:
        entry = session.get(OutboxEntry, entry_id)
        assert entry is not None
        assert entry.state == OutboxState.SENDING and entry.attempt_count == 1


def test_a_row_waiting_for_its_retry_time_is_not_taken_early(db: Database) -> None:
    entry_id = _entry(db)
    now = datetime.now(UTC)
    with db.transaction() as session:
        entry = session.get(OutboxEntry, entry_id)
        assert entry is not None
        entry.next_try_at = now + timedelta(minutes=5)
    assert not outbox.claim(db, entry_id, "w", now)
    assert outbox.claim(db, entry_id, "w", now + timedelta(minutes=6))


def test_a_row_left_sending_by_a_dead_process_is_recovered(db: Database) -> None:
    entry_id = _entry(db)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    now = datetime.now(UTC)
    assert outbox.claim(db, entry_id, f"{outbox.HOST}|{dead.stdout.strip()}|abc", now)
    mine = _second_entry(db)
    assert outbox.claim(db, mine, outbox.new_worker_id(), now)

    recovered = outbox.recover_abandoned(db, now)

    assert recovered == [entry_id]  # the live sender's row is left alone
    with db.session() as session:
        entry = session.get(OutboxEntry, entry_id)
        assert entry is not None and entry.state == OutboxState.PENDING
        assert entry.attempt_count == 1  # so the next attempt checks the network first


def _second_entry(db: Database) -> int:
    post_id = add_post(db, "Open late on Thursdays.", [Platform.BLUESKY])
    with db.transaction() as session:
        [entry] = outbox.enqueue(session, get_post(session, post_id), ["bluesky"],
                                 account_ids={})
        return entry.id


def test_a_silent_sender_elsewhere_loses_its_claim_only_after_the_lease() -> None:
    now = datetime.now(UTC)
    other = f"front-desk-pc|{os.getpid()}|abc"
    assert not outbox.abandoned(other, now - timedelta(minutes=5), now)
    assert outbox.abandoned(other, now - outbox.LEASE - timedelta(seconds=1), now)
    assert not outbox.abandoned(outbox.new_worker_id(), now, now)


def test_backoff_grows_and_is_capped_at_an_hour() -> None:
    waits = [outbox.backoff(n).total_seconds() for n in range(1, 10)]
    assert waits[:4] == [5, 15, 45, 135]
    assert waits == sorted(waits) and waits[-1] == 3600


def test_bluesky_rows_get_a_valid_record_key() -> None:
    key = outbox.idempotency_key_for("bluesky")
    assert len(key) == 13 and set(key) <= set("234567abcdefghijklmnopqrstuvwxyz")
    assert len(outbox.idempotency_key_for("x")) == 32


def test_a_live_sender_on_this_computer_keeps_its_row_past_the_lease() -> None:
    # A slow ten-photo Instagram upload may outlast the lease; taking the row over while this
    # process is still sending would publish the post a second time.
    now = datetime.now(UTC)
    assert not outbox.abandoned(outbox.new_worker_id(), now - outbox.LEASE * 3, now)
