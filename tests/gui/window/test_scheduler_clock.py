"""The scheduler while the window is open: due posts go out on time and every pane shows it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from clinicstudio.accounts import SecretVault
from clinicstudio.app import Studio
from clinicstudio.domain import Platform, PostStatus
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_on_time import (
    add_scheduled,
    chip_status,
    connected_fakes,
    list_text,
    pick_up,
    show_calendar,
    status_of,
)
from tests.helpers.gui_window import close_window, open_window


@pytest.fixture
def fakes(studio: Studio, vault: SecretVault) -> Iterator[dict[Platform, Any]]:
    with connected_fakes(studio, vault) as fakes:
        yield fakes


@pytest.fixture
def window(qtbot: QtBot, studio: Studio, fakes: dict[Platform, Any]) -> Iterator[MainWindow]:
    window = open_window(qtbot, studio)
    yield window
    close_window(qtbot, window)


def test_a_due_post_goes_out_and_the_list_and_calendar_show_it(
        qtbot: QtBot, studio: Studio, window: MainWindow, fakes: dict[Platform, Any]) -> None:
    now = datetime.now(UTC)
    due = add_scheduled(studio, now - timedelta(minutes=2), "Flu shots: walk in this morning.")
    later = add_scheduled(studio, now + timedelta(days=2), "Lobby repainting on Friday.")
    window.post_list.reload()
    show_calendar(window)
    window.calendar.refresh()
    assert chip_status(window, due) is PostStatus.SCHEDULED

    with qtbot.waitSignal(window.broadcasted, timeout=20_000,
                          check_params_cb=lambda changes: due in changes.posts):
        run = pick_up(qtbot, window)

    assert run.went_out == (due,)
    assert status_of(studio, due) is PostStatus.PUBLISHED
    assert status_of(studio, later) is PostStatus.SCHEDULED
    assert len(fakes[Platform.FACEBOOK].published) == 1
    assert len(fakes[Platform.MASTODON].published) == 1
    # No restart: the panes were told and show the post as published.
    assert chip_status(window, due) is PostStatus.PUBLISHED
    qtbot.waitUntil(lambda: "Published" in list_text(window, due), timeout=10_000)
    assert "Scheduled" in list_text(window, later)
    assert window.on_time.status.text().startswith("1 scheduled post went out at ")


def test_a_second_pick_up_never_starts_while_one_runs(
        qtbot: QtBot, studio: Studio, window: MainWindow, fakes: dict[Platform, Any]) -> None:
    due = add_scheduled(studio, datetime.now(UTC) - timedelta(minutes=1), "Clinic closed Monday.")
    clock = window.on_time.clock
    with qtbot.waitSignal(clock.pickedUp, timeout=20_000):
        started = [clock.pick_up_now(), clock.pick_up_now()]
        assert clock.busy

    assert started.count(True) <= 1  # the timer's own first pick-up may have been first
    assert not clock.busy
    assert status_of(studio, due) is PostStatus.PUBLISHED
    assert len(fakes[Platform.MASTODON].published) == 1


def test_nothing_due_says_nothing(qtbot: QtBot, studio: Studio, window: MainWindow) -> None:
    add_scheduled(studio, datetime.now(UTC) + timedelta(hours=3), "Evening hours on Thursday.")

    run = pick_up(qtbot, window)

    assert run.went_out == () and run.changes.empty
    assert window.on_time.status.text() == ""
    assert window.on_time.clock.timer.isActive()  # the next pick-up is planned


def test_a_failed_network_is_reported_calmly(
        qtbot: QtBot, studio: Studio, window: MainWindow, fakes: dict[Platform, Any]) -> None:
    fakes[Platform.MASTODON].error("POST", "/api/v1/statuses", 401,
                                   {"error": "The access token is invalid"})
    due = add_scheduled(studio, datetime.now(UTC) - timedelta(minutes=1), "New parking spaces.")

    run = pick_up(qtbot, window)

    assert run.failed == (due,)
    assert status_of(studio, due) is PostStatus.PARTLY_PUBLISHED
    assert "could not go out" in window.on_time.status.text()


def test_closing_the_window_stops_the_clock(qtbot: QtBot, studio: Studio) -> None:
    window = open_window(qtbot, studio)
    clock = window.on_time.clock
    assert clock.timer.isActive()

    window.close()

    assert not clock.timer.isActive()
    assert clock.pick_up_now() is False
    close_window(qtbot, window)  # also fails on any other timer left running
