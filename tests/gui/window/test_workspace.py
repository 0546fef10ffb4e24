"""Write and Calendar share the centre of the window; the calendar gets the room it needs."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from clinicstudio.app import Studio
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import close_window, open_window

POST_DOCKS = ("dock-findings", "dock-preview")


def shown(window: MainWindow) -> set[str]:
    return {d.objectName() for d in window.docks if d.toggleViewAction().isChecked()}


def test_the_calendar_takes_the_centre_and_the_post_panes_come_back(window: MainWindow) -> None:
    before = shown(window)
    assert set(POST_DOCKS) <= before

    window.show_calendar()
    assert window.workspace.currentIndex() == 1
    assert window.calendar is not None and window.calendar.isVisibleTo(window)
    assert not set(POST_DOCKS) & shown(window)
    assert "dock-posts" in shown(window)

    window.show_writing()
    assert window.workspace.currentIndex() == 0
    assert shown(window) == before


def test_starting_a_post_from_the_calendar_brings_the_editor(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    window.show_calendar()
    assert window.calendar is not None
    with qtbot.waitSignal(window.editor.reviewed, timeout=10_000):
        window.calendar.newPostRequested.emit(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    assert window.workspace.currentIndex() == 0
    assert window.editor.current() is not None


def test_the_writing_layout_is_remembered_even_when_closed_on_the_calendar(
        qtbot: QtBot, studio: Studio) -> None:
    window = open_window(qtbot, studio)
    window.show_calendar()
    close_window(qtbot, window)
    again = open_window(qtbot, studio)
    assert set(POST_DOCKS) <= shown(again)
    close_window(qtbot, again)
