"""The "Repeat" part of the schedule dialog: how often a post repeats and until when.

The choices follow the date picked above it ("Every week on Tuesday", "The first Tuesday of
each month", "Day 3 of each month"); the rules themselves come from
:func:`clinicstudio.timetable.repeat_choices`.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from clinicstudio.timetable import repeat_choices, with_end

NO_REPEAT = "Does not repeat"


class RepeatPicker(QWidget):
    """Signals:
        changed(): the repeat or its end date changed.
    """

    changed = Signal()

    def __init__(self, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Repeat")
        self.kind.setToolTip("Repeating posts are created three months ahead; each one can "
                             "still be changed on its own.")
        self.ends = QCheckBox("Stop repeating after", self)
        self.last_day = QDateEdit(self)
        self.last_day.setCalendarPopup(True)
        self.last_day.setDisplayFormat("ddd d MMM yyyy")
        self.last_day.setAccessibleName("Last day of the repeat")
        self.note = QLabel(self)
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.end_row = QWidget(self)
        end_row = QHBoxLayout(self.end_row)
        end_row.setContentsMargins(0, 0, 0, 0)
        end_row.addWidget(self.ends)
        end_row.addWidget(self.last_day, 1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 4, 0, 0)
        form.addRow("Repeat:", self.kind)
        form.addRow("", self.end_row)
        form.addRow("", self.note)
        self._day = day
        self.set_day(day)
        self.last_day.setDate(_qdate(day + timedelta(days=91)))
        self.kind.currentIndexChanged.connect(self._update)
        self.ends.toggled.connect(self._update)
        self.last_day.dateChanged.connect(lambda _d: self._update())
        self._update()

    def set_day(self, day: date) -> None:
        """Offer the repeats of a post planned on ``day`` (keeping the kind chosen)."""
        self._day = day
        index = max(self.kind.currentIndex(), 0)
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(NO_REPEAT, None)
        for choice in repeat_choices(day):
            self.kind.addItem(choice.label, choice.rule)
        self.kind.setCurrentIndex(index)
        self.kind.blockSignals(False)
        self.last_day.setMinimumDate(_qdate(day))
        self._update()

    def choose(self, index: int, last_day: date | None = None) -> None:
        """Pick the ``index``-th repeat (0: none) and an optional last day, as a person would."""
        self.kind.setCurrentIndex(index)
        self.ends.setChecked(last_day is not None)
        if last_day is not None:
            self.last_day.setDate(_qdate(last_day))

    def rule(self) -> str | None:
        """The repeat rule chosen (an RRULE value), or None when the post does not repeat."""
        rule = self.kind.currentData()
        if rule is None:
            return None
        return with_end(str(rule), self.last_day.date().toPython() if self.ends.isChecked()
                        else None)

    def _update(self) -> None:
        repeating = self.kind.currentData() is not None
        self.end_row.setVisible(repeating)  # no end to ask about for a one-off post
        self.last_day.setEnabled(self.ends.isChecked())
        if not repeating:
            self.note.setText("")
        elif self.ends.isChecked():
            self.note.setText("A post is created for each date up to the last day. "
                              "You can change or remove any of them later.")
        else:
            self.note.setText("ClinicStudio keeps posts ready three months ahead and adds "
                              "more as time goes on. You can change or remove any of them.")
        self.note.setVisible(repeating)
        self.changed.emit()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
