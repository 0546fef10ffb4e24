"""Clinic → Posts on their way out…: a stuck post is shown as stuck and released from the window."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from clinicstudio.app import Studio
from clinicstudio.domain import OutboxState, Platform, PostStatus
from clinicstudio.publishing import outbox
from clinicstudio.store.models import AuditEvent, OutboxEntry, Post
from clinicstudio.ui.main_window import MainWindow
from clinicstudio.ui.outbox_dialog import OutboxDialog
from tests.helpers.publishing_setup import add_post


def _stuck_row(studio: Studio) -> int:
    post_id = add_post(studio.db, "Closed for the holiday.", [Platform.BLUESKY])
    with studio.db.transaction() as session:
        post = session.get(Post, post_id)
        [entry] = outbox.enqueue(session, post, ["bluesky"], account_ids={})
        post.status = str(PostStatus.PUBLISHING)
        row = entry.id
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    assert outbox.claim(studio.db, row, f"{outbox.HOST}|{dead}|abc|x", datetime.now(UTC))
    return row


def test_a_stuck_post_is_released_from_the_window(qtbot: QtBot, window: MainWindow,
                                                  studio: Studio) -> None:
    row = _stuck_row(studio)
    assert window.outbox_action.text().startswith("Posts on their way")
    dialog = OutboxDialog(window)
    qtbot.addWidget(dialog)
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    assert dialog.table.item(0, 2).text() == "Stuck (the sender stopped)"
    dialog.table.selectRow(0)
    assert dialog.release_button.isEnabled()

    dialog.release_button.click()

    qtbot.waitUntil(lambda: dialog.status.text().startswith("Released"), timeout=5000)
    with studio.db.session() as session:
        assert session.get(OutboxEntry, row).state == OutboxState.PENDING
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "outbox_released")).one()
        assert event.actor == "Dana Whitfield"
    qtbot.waitUntil(lambda: dialog.table.item(0, 2).text() == "Waiting", timeout=5000)
    assert not dialog.release_button.isEnabled()


def test_the_windows_pick_up_repairs_a_post_left_publishing_and_says_so(
        qtbot: QtBot, window: MainWindow, studio: Studio) -> None:
    from tests.helpers.gui_on_time import pick_up

    post_id = add_post(studio.db, "New parking behind the clinic.", [Platform.MASTODON])
    with studio.db.transaction() as session:  # killed after recording "sent", before the post
        post = session.get(Post, post_id)
        [entry] = outbox.enqueue(session, post, ["mastodon"], account_ids={})
        entry.state, entry.sent_at = str(OutboxState.SENT), datetime.now(UTC)
        post.status = str(PostStatus.PUBLISHING)

    run = pick_up(qtbot, window)

    assert "Repaired the status of post(s)" in run.message(window.on_time.timetable.zone())
    assert "Repaired" in window.on_time.status.text()
    with studio.db.session() as session:
        assert session.get(Post, post_id).status == PostStatus.PUBLISHED
