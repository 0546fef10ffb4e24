"""The studio's small dialogs. Each has an ``ask()`` that returns the answer (tests patch it).

* :class:`OverrideDialog`: the written reason for publishing despite a blocking finding.
* :class:`ScheduleDialog`: the date and time a post goes out, in the clinic's time zone, and
  whether it repeats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clinicstudio import wall_time
from clinicstudio.planning.clock import load_zone
from clinicstudio.ui.repeat_picker import RepeatPicker

if TYPE_CHECKING:
    from clinicstudio.app import Reviewed


class OverrideDialog(QDialog):
    def __init__(self, row: Reviewed, span_text: str, user: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publish despite a finding")
        intro = QLabel(
            f"<b>{row.finding.message}</b><br>Text concerned: “{span_text}”<br><br>"
            f"{user}, publishing anyway is recorded in the clinic's audit log with your name "
            "and the reason below. If you change this wording, the check runs again.")
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for the override")
        self.reason.setPlaceholderText(
            "Why is this fine? e.g. “Patient signed the testimonial authorization on 3 March, "
            "form on file.”")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Override and record")
        ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: ok.setEnabled(len(self.reason.toPlainText().strip()) >= 10))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(480, 300)

    @classmethod
    def ask(cls, row: Reviewed, span_text: str, user: str, parent: QWidget | None) -> str | None:
        """The reason written, or None when the user cancelled."""
        dialog = cls(row, span_text, user, parent)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.reason.toPlainText().strip()
            return None
        finally:
            dialog.deleteLater()


@dataclass(frozen=True, slots=True)
class ScheduleChoice:
    """When a post goes out and, if it repeats, its repeat rule (an RRULE value)."""

    when: datetime
    rule: str | None = None


class ScheduleDialog(QDialog):
    """The date and time a post goes out, in the clinic's zone, and whether it repeats.

    ``repeats`` False: only the time is asked (no "Repeat"); ``in_series`` True also says the
    post belongs to a series, whose posts are chosen next.
    """

    def __init__(self, zone: str, current: datetime | None, parent: QWidget | None, *,
                 repeats: bool = True, in_series: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Schedule post")
        self._zone = load_zone(zone)
        self._repeats = repeats
        #: The reading the person picked for a time the clocks skip or repeat.
        self._reading: datetime | None = None
        qzone = QTimeZone(zone.encode())
        if not qzone.isValid():
            qzone = QTimeZone.utc()
        start = current or (datetime.now(UTC) + timedelta(hours=1)).replace(minute=0, second=0,
                                                                           microsecond=0)
        self.when = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(start.timestamp()), qzone))
        self.when.setTimeZone(qzone)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy, h:mm AP")
        self.when.setAccessibleName("Publishing date and time")
        label = QLabel(f"Publish on (clinic time, {zone}):")
        self.repeat = RepeatPicker(self.local_day(), self)
        self.repeat.setVisible(repeats)
        self.when.dateTimeChanged.connect(lambda _moment: self.repeat.set_day(self.local_day()))
        self.in_series = QLabel("This post is part of a repeating series. After you pick the "
                                "time, you can choose which posts of the series change.")
        self.in_series.setObjectName("hint")
        self.in_series.setWordWrap(True)
        self.in_series.setVisible(in_series)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.schedule_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.schedule_button.setText("Schedule")
        self.too_early = QLabel("That time has already passed. Pick a later time, or use "
                                "Publish now to send it at once.")
        self.too_early.setObjectName("blockReason")
        self.too_early.setWordWrap(True)
        self.when.dateTimeChanged.connect(lambda _moment: self._check_time())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(label)
        layout.addWidget(self.when)
        layout.addWidget(self.too_early)
        layout.addWidget(self.repeat)
        layout.addWidget(self.in_series)
        layout.addSpacing(4)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        # Choosing a repeat adds an end date and a note; grow so the note is not cut off.
        self.repeat.changed.connect(self._fit)
        self._check_time()

    def wall_clock(self) -> datetime:
        """The date and time as shown in the field (the clinic's wall clock), without a zone."""
        day, clock = self.when.date(), self.when.time()
        return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())

    def accept(self) -> None:
        """Ask which moment is meant when the clocks skip or repeat the time chosen."""
        found = wall_time.readings(self.wall_clock(), self._zone)
        self._reading = None
        if len(found) == 2:
            picked = self.ask_reading(found[0], found[1])
            if picked is None:
                return  # the person goes back to the dialog to choose again
            self._reading = picked.moment.astimezone(UTC)
        super().accept()

    def ask_reading(self, first: wall_time.Reading,
                    second: wall_time.Reading) -> wall_time.Reading | None:
        """Which of two moments the person means (None: neither, pick another time)."""
        box, buttons = self.reading_box(first, second)
        box.exec()
        return buttons.get(box.clickedButton())

    def reading_box(self, first: wall_time.Reading, second: wall_time.Reading
                    ) -> tuple[QMessageBox, dict[object, wall_time.Reading]]:
        """The question: one button per reading, and one to go back and pick another time."""
        box = QMessageBox(self)
        box.setWindowTitle("Which time?")
        shown = self.wall_clock()
        day = f"{shown.day} {shown:%B %Y}"
        if first.moment.replace(tzinfo=None) != shown:  # the clocks skip the time chosen
            box.setText(f"On {day} the clocks go forward one hour, so {shown:%H:%M} does not "
                        "happen. Which time do you mean?")
            labels = (f"{first.moment:%H:%M} ({first.moment.tzname()})",
                      f"{second.moment:%H:%M} ({second.moment.tzname()})")
        else:
            box.setText(f"On {day} the clocks go back one hour, so {shown:%H:%M} happens "
                        "twice. Which one do you mean?")
            labels = (f"The first {shown:%H:%M} ({first.moment.tzname()})",
                      f"The second {shown:%H:%M} ({second.moment.tzname()})")
        buttons = {box.addButton(label, QMessageBox.ButtonRole.AcceptRole): reading
                   for label, reading in zip(labels, (first, second), strict=True)}
        box.addButton("Pick another time", QMessageBox.ButtonRole.RejectRole)
        return box, buttons

    def _check_time(self) -> None:
        # A minute's grace: the time shown is rounded, and the dialog may stay open a while.
        passed = self.chosen() < datetime.now(UTC) - timedelta(minutes=1)
        self.too_early.setVisible(passed)
        self.schedule_button.setEnabled(not passed)
        self._fit()

    def _fit(self) -> None:
        layout = self.layout()
        layout.activate()
        need = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                else layout.totalSizeHint().height())
        if need > self.height():
            self.resize(self.width(), need)

    def local_day(self) -> date:
        return self.chosen().astimezone(self._zone).date()

    def chosen(self) -> datetime:
        if self._reading is not None:
            return self._reading
        return datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC)

    def choice(self) -> ScheduleChoice:
        return ScheduleChoice(self.chosen(), self.repeat.rule() if self._repeats else None)

    @classmethod
    def ask(cls, zone: str, current: datetime | None, parent: QWidget | None, *,
            repeats: bool = True, in_series: bool = False) -> ScheduleChoice | None:
        dialog = cls(zone, current, parent, repeats=repeats, in_series=in_series)
        try:
            return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
