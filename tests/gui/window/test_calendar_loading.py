"""The window's calendar reads its posts on the database thread, ahead of the next click."""

from __future__ import annotations

import threading
from typing import Any

from pytestqt.qtbot import QtBot

from clinicstudio.ui.main_window import MainWindow


def _record_readers(pane: Any) -> list[threading.Thread]:
    readers: list[threading.Thread] = []
    original = pane._service.month

    def month(*args: Any, **kwargs: Any) -> Any:
        readers.append(threading.current_thread())
        return original(*args, **kwargs)

    pane._service.month = month
    return readers


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    for _ in range(3):  # a read, then the reads ahead it starts
        assert window.workers.wait(10_000)
        qtbot.wait(20)


def test_switching_months_never_reads_on_the_gui_thread(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    window.show_calendar()
    pane = window.calendar
    _settle(qtbot, window)
    readers = _record_readers(pane)
    pane._ahead.clear()  # nothing read ahead: the click has to wait for the database thread
    start = pane.title.text()
    for _ in range(3):
        pane.step(1)  # three quick clicks on "next month"
    assert pane.title.text() == start  # the GUI thread did not wait for the database
    qtbot.waitUntil(lambda: pane.title.text() != start, timeout=10_000)
    _settle(qtbot, window)
    shown = pane.month_view._period
    assert shown is not None and pane.title.text() == shown.title  # the last month asked for
    assert pane.anchor().month == shown.days[10].day.month
    assert readers and threading.main_thread() not in readers


def test_the_next_month_was_read_ahead_and_shows_at_once(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    window.show_calendar()
    pane = window.calendar
    _settle(qtbot, window)
    readers = _record_readers(pane)
    start = pane.title.text()
    pane.step(1)
    assert pane.title.text() != start  # shown from what was read while looking at this one
    pane.step(-1)
    assert pane.title.text() == start
    _settle(qtbot, window)
    assert threading.main_thread() not in readers
