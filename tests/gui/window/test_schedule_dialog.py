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
