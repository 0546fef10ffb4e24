"""Scheduled posts and loopback networks for the window's on-time publishing tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinicstudio.accounts import SecretVault
from clinicstudio.app import Studio
from clinicstudio.domain import Platform, PostStatus
from clinicstudio.store.models import Post
from clinicstudio.store.posts import PostDraft, create_post, get_post
from clinicstudio.timetable import DueRun
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.publishing_setup import connect_accounts, running_fakes

NETWORKS = [Platform.FACEBOOK, Platform.MASTODON]


@contextmanager
def connected_fakes(studio: Studio, vault: SecretVault) -> Iterator[dict[Platform, Any]]:
    with running_fakes(networks=NETWORKS) as fakes:
        connect_accounts(studio.db, vault, fakes)
        yield fakes


def add_scheduled(studio: Studio, when: datetime, body: str) -> int:
    """A post scheduled at ``when`` (aware) to the test networks; returns its number."""
    draft = PostDraft(body=body, networks=[n.value for n in NETWORKS], scheduled_at=when)
    with studio.db.transaction() as session:
        return create_post(session, draft, actor="Dana Whitfield")[0].id


def stored(studio: Studio, post_id: int) -> Post:
    """The post as the database has it now (detached; read its columns only)."""
    with studio.db.session() as session:
        post = get_post(session, post_id)
        session.expunge(post)
        return post


def status_of(studio: Studio, post_id: int) -> PostStatus:
    return PostStatus(stored(studio, post_id).status)


def pick_up(qtbot: QtBot, window: MainWindow) -> DueRun:
    """Run one pick-up of due posts now (or wait for the one running) and return what it did."""
    clock = window.on_time.clock
    with qtbot.waitSignal(clock.pickedUp, timeout=20_000) as blocker:
        clock.pick_up_now()
    run = blocker.args[0]
    assert isinstance(run, DueRun)
    return run


def show_calendar(window: MainWindow) -> None:
    window.show_calendar()


def chip_status(window: MainWindow, post_id: int) -> PostStatus | None:
    """The state the month view's chip for ``post_id`` shows (None: no chip)."""
    # The window's calendar reads its posts on the database thread: let the last read land.
    window.workers.wait(10_000)
    QApplication.processEvents()
    view = window.calendar.month_view
    rect = view.chip_rect(post_id)
    if rect is None:
        return None
    hit = view.hit_at(rect.center())
    return hit.post.status if hit is not None and hit.post is not None else None


def list_text(window: MainWindow, post_id: int) -> str:
    """The post list's row for ``post_id`` as a person reads it."""
    model = window.post_list.model
    for row, item in enumerate(model.items()):
        if item.id == post_id:
            return str(model.index(row, 0).data())
    return ""
