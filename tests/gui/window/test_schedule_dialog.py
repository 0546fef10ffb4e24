"""The Schedule dialog refuses a time that has already passed, and says what to do instead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from clinicstudio.ui.dialogs import ScheduleDialog


def test_a_time_in_the_past_cannot_be_scheduled(qtbot: QtBot) -> None:
    dialog = ScheduleDialog("America/Chicago", datetime.now(UTC) - timedelta(hours=2), None)
    qtbot.addWidget(dialog)
    assert not dialog.schedule_button.isEnabled()
    assert dialog.too_early.isVisibleTo(dialog)
    assert "Publish now" in dialog.too_early.text()

    dialog.when.setDateTime(dialog.when.dateTime().addDays(1))
    assert dialog.schedule_button.isEnabled()
    assert not dialog.too_early.isVisibleTo(dialog)


def test_the_default_time_is_in_the_future_and_can_be_scheduled(qtbot: QtBot) -> None:
    dialog = ScheduleDialog("Europe/Berlin", None, None)
    qtbot.addWidget(dialog)
    assert dialog.schedule_button.isEnabled()
    assert dialog.chosen() > datetime.now(UTC)


def test_a_time_the_clocks_repeat_is_asked_not_guessed(qtbot: QtBot) -> None:
    # 01:30 on 7 November 2027 happens twice in New York: first EDT, then EST.
    first_pass = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
    dialog = ScheduleDialog("America/New_York", first_pass, None)
    qtbot.addWidget(dialog)
    asked: list[tuple[str, str]] = []

    def pick_second(first, second):
        asked.append((first.moment.tzname(), second.moment.tzname()))
        return second

    dialog.ask_reading = pick_second
    dialog.accept()

    assert asked == [("EDT", "EST")]
    assert dialog.chosen() == datetime(2027, 11, 7, 6, 30, tzinfo=UTC)


def test_an_ordinary_time_is_not_asked_about(qtbot: QtBot) -> None:
    dialog = ScheduleDialog("America/New_York", datetime(2027, 6, 1, 14, 0, tzinfo=UTC), None)
    qtbot.addWidget(dialog)
    dialog.ask_reading = lambda *_readings: (_ for _ in ()).throw(AssertionError("asked"))
    dialog.accept()
    assert dialog.chosen() == datetime(2027, 6, 1, 14, 0, tzinfo=UTC)
