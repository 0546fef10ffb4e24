"""Late posts under the "hold" setting: the window asks once, and each choice does what it says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinicstudio.accounts import SecretVault
from clinicstudio.app import Studio
from clinicstudio.domain import Platform, PostStatus
from clinicstudio.ui.dialogs import ScheduleChoice, ScheduleDialog
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_on_time import (
    add_scheduled,
    connected_fakes,
    pick_up,
    status_of,
    stored,
)
from tests.helpers.gui_window import close_window, open_window


@pytest.fixture
def fakes(studio: Studio, vault: SecretVault) -> Iterator[dict[Platform, Any]]:
    with connected_fakes(studio, vault) as fakes:
        yield fakes


@pytest.fixture
def late(studio: Studio) -> list[int]:
    """Three posts planned hours ago, while no ClinicStudio was running."""
    hours_ago = datetime.now(UTC) - timedelta(hours=3)
    return [add_scheduled(studio, hours_ago + timedelta(minutes=i),
                          f"Reminder {i + 1}: flu shots this week.") for i in range(3)]


@pytest.fixture
def window(qtbot: QtBot, studio: Studio, fakes: dict[Platform, Any],
           late: list[int]) -> Iterator[MainWindow]:
    window = open_window(qtbot, studio)
    yield window
    close_window(qtbot, window)


def choose(qtbot: QtBot, window: MainWindow, post_id: int, label: str) -> None:
    banner = window.on_time.banner
    with qtbot.waitSignal(window.broadcasted, timeout=20_000):
        banner.button(post_id, label).click()
    assert post_id not in banner.post_ids()


def test_late_posts_are_held_and_listed_with_their_planned_time(
        qtbot: QtBot, studio: Studio, window: MainWindow, late: list[int],
        fakes: dict[Platform, Any]) -> None:
    pick_up(qtbot, window)

    banner = window.on_time.banner
    assert banner.isVisible()
    assert banner.post_ids() == late
    assert "3 scheduled posts are waiting" in banner.heading.text()
    planned = stored(studio, late[0]).scheduled_at
    assert planned is not None
    local = planned.astimezone(window.on_time.timetable.zone())
    texts = [w.text() for w in banner.findChildren(type(banner.heading))]
    assert any(f"{local:%a, %b} {local.day} at {local.hour % 12 or 12}:{local:%M}" in t
               for t in texts)
    assert all(status_of(studio, p) is PostStatus.SCHEDULED for p in late)
    assert fakes[Platform.FACEBOOK].published == []  # nothing goes out without a person
    listed = {s.id: s for s in studio.list_posts()}
    assert all(listed[p].held and listed[p].status_label == "Held (late)" for p in late)


def test_each_choice_does_what_it_says(
        qtbot: QtBot, studio: Studio, window: MainWindow, late: list[int],
        fakes: dict[Platform, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    pick_up(qtbot, window)
    new_time = (datetime.now(UTC) + timedelta(days=1)).replace(second=0, microsecond=0)
    monkeypatch.setattr(ScheduleDialog, "ask", classmethod(
        lambda cls, zone, current, parent, **_: ScheduleChoice(new_time)))

    choose(qtbot, window, late[0], "Publish now")
    choose(qtbot, window, late[1], "Pick a new time")
    choose(qtbot, window, late[2], "Keep as draft")

    assert status_of(studio, late[0]) is PostStatus.PUBLISHED
    assert len(fakes[Platform.FACEBOOK].published) == 1
    moved = stored(studio, late[1])
    assert moved.scheduled_at == new_time and moved.status == PostStatus.SCHEDULED
    assert status_of(studio, late[2]) is PostStatus.DRAFT
    assert not window.on_time.banner.isVisible()
    assert window.on_time.timetable.late_posts() == []
    # The next pick-up sends nothing else: the rescheduled post waits for its new time.
    run = pick_up(qtbot, window)
    assert run.late == () and run.went_out == ()
    assert len(fakes[Platform.MASTODON].published) == 1


def test_it_asks_once_until_another_post_is_late(
        qtbot: QtBot, studio: Studio, window: MainWindow, late: list[int]) -> None:
    pick_up(qtbot, window)
    banner = window.on_time.banner
    banner.later.click()
    assert not banner.isVisible()

    pick_up(qtbot, window)
    assert not banner.isVisible()  # the same posts: no second nagging

    another = add_scheduled(studio, datetime.now(UTC) - timedelta(hours=1), "Parking lot.")
    pick_up(qtbot, window)
    assert banner.isVisible()
    assert banner.post_ids() == [*late, another]


def test_cancelling_the_new_time_keeps_the_choice_open(
        qtbot: QtBot, window: MainWindow, late: list[int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    pick_up(qtbot, window)
    monkeypatch.setattr(ScheduleDialog, "ask", classmethod(
        lambda cls, zone, current, parent, **_: None))
    banner = window.on_time.banner

    banner.button(late[1], "Pick a new time").click()

    assert banner.post_ids() == late
    assert banner.button(late[1], "Pick a new time").isEnabled()


def test_html_in_a_title_is_shown_as_typed_not_rendered(qtbot: QtBot) -> None:
    from zoneinfo import ZoneInfo

    from PySide6.QtWidgets import QLabel

    from clinicstudio.timetable import LatePost
    from clinicstudio.ui.late_posts import LatePostsBanner

    banner = LatePostsBanner()
    qtbot.addWidget(banner)
    typed = '<img src="x"><b>Flu</b> clinic & <a href="http://evil">more</a>'
    banner.show_posts([LatePost(7, typed, datetime.now(UTC) - timedelta(hours=2),
                                ("mastodon",))], ZoneInfo("UTC"))
    shown = [label for label in banner.findChildren(QLabel) if "Flu" in label.text()]
    assert shown and all(label.textFormat() == Qt.TextFormat.PlainText or
                         typed not in label.text() for label in shown)
    assert any(label.text() == typed for label in shown)
