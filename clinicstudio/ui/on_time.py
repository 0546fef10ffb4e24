"""Publishing on time while the window is open, late posts, and repeating posts: the wiring.

:func:`install` is the one call the main window makes. It starts the :class:`SchedulerClock`,
puts the late-posts banner and the series bar above the editor, and connects their choices to
the :class:`~clinicstudio.timetable.Timetable` through the window's workers. Every answer is
broadcast once, so the post list and the calendar show a post going out without a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from clinicstudio.domain import Changes, UserError
from clinicstudio.planning.series import SeriesScope
from clinicstudio.timetable import DueRun, Timetable
from clinicstudio.ui.late_posts import LatePostsBanner
from clinicstudio.ui.scheduler_clock import SchedulerClock
from clinicstudio.ui.series_prompt import SeriesEditBar

if TYPE_CHECKING:
    from clinicstudio.ui.main_window import MainWindow


class OnTime(QObject):
    """The window's scheduler clock, late-posts banner and series bar, wired together."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timetable = Timetable(window.studio)
        self.clock = SchedulerClock(self.timetable, window.workers, self)
        self.banner = LatePostsBanner()
        self.series_bar = SeriesEditBar()
        self.status = QLabel()
        self.status.setObjectName("schedulerStatus")
        window.statusBar().addWidget(self.status)
        # Above the editor, where the eye already is.
        window.write_column.insertWidget(0, self.series_bar)
        window.write_column.insertWidget(0, self.banner)
        self.clock.changed.connect(window.broadcast)
        self.clock.message.connect(self.status.setText)
        self.clock.pickedUp.connect(self._picked_up)
        self.banner.publishNowRequested.connect(self.publish_now)
        self.banner.newTimeRequested.connect(self.pick_new_time)
        self.banner.keepAsDraftRequested.connect(self.keep_as_draft)
        self.series_bar.scopeChosen.connect(self.apply_to_series)
        window.editor.changed.connect(self._editor_saved)
        window.post_list.postSelected.connect(lambda _id: self.series_bar.forget())
        window.with_calendar(lambda calendar: calendar.openPostRequested.connect(
            lambda _id: self.series_bar.forget()))
        window.installEventFilter(self)
        self.clock.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.clock.stop()  # before the window waits for its workers
        return False

    # -- late posts ----------------------------------------------------------------------------
    def _picked_up(self, run: DueRun) -> None:
        self.banner.show_posts(run.late, self.timetable.zone())

    def publish_now(self, post_id: int) -> None:
        self._late_choice(post_id, self.window.workers.network,
                          lambda: self.timetable.publish_now(post_id),
                          "Sent. The post list shows how each network answered.")

    def pick_new_time(self, post_id: int) -> None:
        from clinicstudio.ui.dialogs import ScheduleDialog

        soon = (datetime.now(UTC) + timedelta(hours=1)).replace(minute=0, second=0,
                                                                microsecond=0)
        choice = ScheduleDialog.ask(self.window.studio.clinic.time_zone, soon, self.window,
                                    repeats=False)
        if choice is None:
            self.banner.refused(post_id, "")
            return
        self._late_choice(post_id, self.window.workers.database,
                          lambda: self.timetable.reschedule(post_id, choice.when),
                          "Rescheduled. It will go out at its new time.")

    def keep_as_draft(self, post_id: int) -> None:
        self._late_choice(post_id, self.window.workers.database,
                          lambda: self.timetable.keep_as_draft(post_id),
                          "Kept as a draft. Schedule it again whenever you are ready.")

    def _late_choice(self, post_id: int, queue: Callable[..., object],
                     work: Callable[[], Changes], done_text: str) -> None:
        def done(changes: Changes) -> None:
            self.banner.handled(post_id, done_text)
            self.window.broadcast(changes)

        def failed(error: Exception) -> None:
            self.banner.refused(post_id, str(error) if isinstance(error, UserError | RuntimeError)
                                else "That did not work just now; nothing was sent. "
                                     "Try again in a moment.")

        queue(work, done, failed)

    # -- repeating posts -----------------------------------------------------------------------
    def _editor_saved(self, changes: Changes) -> None:
        post = self.window.editor.post
        if post is None or post.id not in changes.posts:
            return
        post_id = post.id
        self.window.workers.database(
            lambda: self.timetable.series_of(post_id),
            lambda series: self.series_bar.offer(post_id) if series is not None else None)

    def apply_to_series(self, post_id: int, scope: SeriesScope) -> None:
        self.window.editor.save_now()  # the series copies what is saved, so save first
        self.window.workers.database(
            lambda: self.timetable.change_in_series(post_id, scope), self.window.broadcast,
            lambda exc: self.status.setText(str(exc) if isinstance(exc, UserError)
                                            else "The series could not be changed just now."))


def install(window: MainWindow) -> OnTime:
    """Start publishing on time in ``window`` (call once, after the panes are built)."""
    return OnTime(window)
