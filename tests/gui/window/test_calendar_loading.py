"""The window's calendar reads its posts on the database thread and shows only the newest read."""

from __future__ import annotations

import threading
from typing import Any

from pytestqt.qtbot import QtBot

from clinicstudio.ui.main_window import MainWindow


def test_switching_months_reads_off_the_gui_thread_and_lands_on_the_last_one(
        qtbot: QtBot, window: MainWindow) -> None:
    window.show_calendar()
    pane = window.calendar
    service = pane._service
    readers: list[threading.Thread] = []
    original = service.month

    def month(*args: Any, **kwargs: Any) -> Any:
        readers.append(threading.current_thread())
        return original(*args, **kwargs)

    service.month = month  # type: ignore[method-assign]
    start = pane.title.text()
    for _ in range(3):
        pane.step(1)  # three quick clicks on "next month"
    assert pane.title.text() == start  # nothing waited for the database on the GUI thread
    qtbot.waitUntil(lambda: pane.title.text() != start, timeout=10_000)
    window.workers.wait(10_000)
    qtbot.wait(20)
    assert readers and threading.main_thread() not in readers
    shown = pane.month_view._period
    assert shown is not None and pane.title.text() == shown.title  # the last month asked for
    assert pane.anchor().month == shown.days[10].day.month
