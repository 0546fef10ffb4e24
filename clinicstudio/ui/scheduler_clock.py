"""The scheduler while the window is open: every half minute, send what is due.

A :class:`SchedulerClock` asks the :class:`~clinicstudio.timetable.Timetable` to publish due
posts on a network worker (never on the GUI thread), one pick-up at a time, and reports what
went out. Once a day (and shortly after start) it also keeps repeating series three months
ahead, on the database worker. Claiming due posts is atomic in the database, so a second
desktop or ``clinicstudio publish-due`` running at the same time never sends a post twice.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from clinicstudio.domain import Changes
from clinicstudio.timetable import DueRun, Timetable
from clinicstudio.ui.workers import Workers

#: How often due posts are picked up while the window is open.
INTERVAL_MS = 30_000
#: The first pick-up waits this long, so opening the window stays quick.
FIRST_MS = 3_000


class SchedulerClock(QObject):
    """Signals:
        pickedUp(DueRun): a pick-up finished (what went out, failed, or is held as late).
        changed(Changes): posts changed on their own (published, held, series extended).
        message(str): a short status line ("2 scheduled posts went out at 9:00 AM.").
    """

    pickedUp = Signal(object)
    changed = Signal(object)
    message = Signal(str)

    def __init__(self, timetable: Timetable, workers: Workers,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timetable, self._workers = timetable, workers
        self._busy = False
        self._stopped = False
        self._extended_on: date | None = None
        self.timer = QTimer(self, singleShot=True, interval=FIRST_MS)
        self.timer.timeout.connect(self.pick_up_now)

    def start(self, first_ms: int = FIRST_MS) -> None:
        self._stopped = False
        self.timer.start(first_ms)

    def stop(self) -> None:
        """Stop picking up (the window is closing); answers still on their way are dropped."""
        self._stopped = True
        self.timer.stop()

    @property
    def busy(self) -> bool:
        """A pick-up is running (a second one never starts meanwhile)."""
        return self._busy

    def pick_up_now(self) -> bool:
        """Start a pick-up now unless one is running; False when it was skipped."""
        if self._stopped or self._busy:
            return False
        self._busy = True
        self._extend_if_new_day()
        timetable = self._timetable
        self._workers.network(timetable.publish_due, self._picked_up, self._failed)
        return True

    def _extend_if_new_day(self) -> None:
        today = datetime.now(UTC).astimezone(self._timetable.zone()).date()
        if self._extended_on == today:
            return
        self._extended_on = today
        self._workers.database(self._timetable.extend_series, self._report_changes,
                               lambda _exc: None)  # retried tomorrow; the log has the reason

    def _picked_up(self, run: DueRun) -> None:
        self._busy = False
        if self._stopped:
            return
        self._report_changes(run.changes)
        text = run.message(self._timetable.zone())
        if text:
            self.message.emit(text)
        self.pickedUp.emit(run)
        self._next()

    def _failed(self, error: Exception) -> None:
        self._busy = False
        if self._stopped:
            return
        self.message.emit("Scheduled posts could not be checked just now; "
                          "ClinicStudio will try again in a moment.")
        self._next()

    def _report_changes(self, changes: Changes) -> None:
        if not self._stopped and not changes.empty:
            self.changed.emit(changes)

    def _next(self) -> None:
        self.timer.start(INTERVAL_MS)
