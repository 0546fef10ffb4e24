"""The calendar pane: month, week and agenda views of the clinic's posts.

The pane only shows and forwards: every question and every move goes through the
:class:`~clinicstudio.planning.CalendarService` given to its constructor. A month is read on the
GUI thread because it takes a few milliseconds even with 20,000 posts (see
benchmarks/bench_calendar.py); nothing here waits on the network.
"""

from __future__ import annotations

import calendar as month_names
from datetime import date, time, timedelta
from time import monotonic
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Changes, PostStatus, UserError
from clinicstudio.planning.clock import time_text, zone_caption
from clinicstudio.planning.observances import ObservanceDay
from clinicstudio.planning.queries import CalendarFilter
from clinicstudio.planning.service import CalendarService
from clinicstudio.resources import resource_path
from clinicstudio.ui.calendar.agenda import AgendaView
from clinicstudio.ui.calendar.chips import OBSERVANCE_COLOUR, STATUS_COLOURS
from clinicstudio.ui.calendar.filter_bar import FilterBar
from clinicstudio.ui.calendar.month_view import MonthView
from clinicstudio.ui.calendar.week_view import WeekView
from clinicstudio.ui.workers import Workers

VIEWS = ("month", "week", "agenda")
AGENDA_DAYS = 31
#: Narrower than this, the state legend moves under the filters.
LEGEND_BESIDE_FILTERS = 980
HINTS = {
    "month": "Drag a post to another day to move it. Double-click a day to start a new post.",
    "week": "Drag a post to another day or time to move it. Double-click a time to start a post.",
    "agenda": "Double-click a post to open it. Switch to Month or Week to move posts.",
}
LEGEND = (PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED,
          PostStatus.PUBLISHED, PostStatus.FAILED)


class CalendarPane(QWidget):
    """Month, week and agenda views over a :class:`CalendarService`.

    Signals:
        openPostRequested(int): open this post (number) in the editor.
        newPostRequested(object): start a new post at this aware UTC ``datetime``.
        postRescheduled(int): this post (number) was moved on the calendar and saved.
    """

    openPostRequested = Signal(int)
    newPostRequested = Signal(object)
    postRescheduled = Signal(int)

    def __init__(self, service: CalendarService, parent: QWidget | None = None, *,
                 workers: Workers | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPane")
        self._service = service
        #: With ``workers`` the posts are read on the database thread (the window's case), so
        #: switching months never waits on the database; without, they are read at once.
        self._workers = workers
        self._generation = 0
        #: Periods read ahead of the next click (view, anchor, filter) -> (when, result).
        self._ahead: dict[tuple[str, date, CalendarFilter], tuple[float, tuple[Any, ...]]] = {}
        self._view = "month"
        self._anchor = service.today()
        self._echo: Changes | None = None
        self._build()
        self.setStyleSheet(resource_path("calendar", "calendar.qss").read_text(encoding="utf-8"))
        self.filters.set_choices(service.filter_choices())  # emits filterChanged -> first load

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("calendarTitle")
        self.zone_label = QLabel(self)
        self.zone_label.setObjectName("calendarZone")
        previous, today, following = (self._button(text, tip) for text, tip in (
            ("‹", "Previous"), ("Today", "Go to today"), ("›", "Next")))
        previous.clicked.connect(lambda: self.step(-1))
        today.clicked.connect(self.go_today)
        following.clicked.connect(lambda: self.step(1))
        self.view_buttons = QButtonGroup(self)
        top = QHBoxLayout()
        for widget in (previous, today, following, self.title):
            top.addWidget(widget)
        top.addStretch(1)
        for name in VIEWS:
            button = self._button(name.capitalize(), f"Show the {name}")
            button.setCheckable(True)
            button.setChecked(name == self._view)
            button.setObjectName("viewSwitch")
            self.view_buttons.addButton(button, VIEWS.index(name))
            top.addWidget(button)
        self.view_buttons.idClicked.connect(lambda index: self.show_view(VIEWS[index]))

        self.filters = FilterBar(self)
        self.filters.filterChanged.connect(lambda _f: self._load())
        # Non-breaking spaces keep each dot with its label when the legend wraps.
        legend = QLabel("   ".join(
            f"<span style='color:{STATUS_COLOURS[s]}'>●</span>&nbsp;"
            f"{s.label.replace(' ', '&nbsp;')}" for s in LEGEND), self)
        legend.setObjectName("calendarLegend")
        legend.setWordWrap(True)  # wraps rather than widening a narrow pane
        legend.setMinimumWidth(100)
        self.legend = legend
        second = QHBoxLayout()
        second.addWidget(self.filters)
        second.addStretch(0)  # takes the room the legend leaves when it moves below
        second.addWidget(legend, 1)
        # In a narrow pane the legend takes a line of its own under the filters.
        self._filter_row, self._legend_row, self._legend_below = second, QHBoxLayout(), False

        self.observance_label = QLabel(self)
        self.observance_label.setObjectName("observanceStrip")
        self.observance_label.setWordWrap(True)
        self.draft_button = self._button("Draft a post…", "Turn a health observance into a draft")
        self.draft_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.draft_menu = QMenu(self)
        self.draft_button.setMenu(self.draft_menu)
        strip = QHBoxLayout()
        strip.addWidget(self.observance_label, 1)
        strip.addWidget(self.draft_button)

        self.month_view = MonthView(self)
        self.week_view = WeekView(self)
        self.agenda_view = AgendaView(self)
        self.stack = QStackedWidget(self)
        for view in (self.month_view, self.week_view, self.agenda_view):
            self.stack.addWidget(view)
        self.status = QLabel(HINTS["month"], self)
        self.status.setObjectName("calendarStatus")
        self.status.setWordWrap(True)
        self.zone_label.setWordWrap(True)
        self.zone_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.zone_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        for row in (top, second, self._legend_row, strip):
            layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self._connect_views()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        below = self.width() < LEGEND_BESIDE_FILTERS
        if below != self._legend_below:
            self._legend_below = below
            source, target = ((self._filter_row, self._legend_row) if below
                              else (self._legend_row, self._filter_row))
            source.removeWidget(self.legend)
            target.addWidget(self.legend, 1)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button

    def _connect_views(self) -> None:
        self.month_view.postOpened.connect(self.openPostRequested)
        self.week_view.postOpened.connect(self.openPostRequested)
        self.agenda_view.postOpened.connect(self.openPostRequested)
        self.month_view.postDropped.connect(lambda post_id, day: self.move_post(post_id, day))
        self.week_view.postDropped.connect(self.move_post)
        self.month_view.dayActivated.connect(lambda day: self.start_post(day))
        self.week_view.slotActivated.connect(self.start_post)
        self.month_view.dayExpanded.connect(lambda day: self.show_view("week", day))
        self.month_view.observanceChosen.connect(self.draft_observance)
        self.month_view.moveRefused.connect(lambda why: self.say(why, error=True))
        self.week_view.moveRefused.connect(lambda why: self.say(why, error=True))

    # -- navigation ----------------------------------------------------------------------------
    def current_view(self) -> str:
        return self._view

    def anchor(self) -> date:
        return self._anchor

    def show_view(self, name: str, day: date | None = None) -> None:
        """Switch to ``name`` ("month", "week" or "agenda"), optionally around ``day``."""
        self._view = name
        self._anchor = day or self._anchor
        self.view_buttons.button(VIEWS.index(name)).setChecked(True)
        self.stack.setCurrentIndex(VIEWS.index(name))
        self._load()
        if name == "week":
            self.week_view.scroll_to_hour(7)
        self.say(HINTS[name])

    def go_to(self, day: date) -> None:
        self._anchor = day
        self._load()

    def go_today(self) -> None:
        self.go_to(self._service.today())

    def step(self, direction: int) -> None:
        self._anchor = _moved(self._view, self._anchor, direction)
        self._load()

    # -- data ------------------------------------------------------------------------------------
    @Slot()
    @Slot(object)
    def refresh(self, changes: Changes | None = None) -> None:
        """Show the posts again; the main window calls this with what changed."""
        if changes is not None:
            if changes == self._echo:  # our own move, already shown
                self._echo = None
                return
            if changes.empty:
                return
            if changes.clinic:
                self._service.forget_zone()
            if changes.campaigns or changes.segments:
                # New filter choices redraw the posts too (through filterChanged).
                self.filters.set_choices(self._service.filter_choices())
                return
        self._ahead.clear()  # something changed: what was read ahead may be out of date
        self._load()

    def _load(self) -> None:
        view, anchor, wanted = self._view, self._anchor, self.filters.current()
        service = self._service
        self._generation += 1
        generation = self._generation

        def show(result: tuple[Any, ...]) -> None:
            if generation == self._generation and view == self._view:  # nothing newer asked
                self._show(view, anchor, *result)
                self._read_ahead(view, anchor, wanted)

        if self._workers is None:
            show(_read(service, view, anchor, wanted))
            return
        key = (view, _period_start(view, anchor), wanted)
        ahead = self._ahead.get(key)
        if ahead is not None and monotonic() - ahead[0] < READ_AHEAD_SECONDS:
            show(ahead[1])  # read while the person looked at the month before: no wait
            return

        def keep_and_show(result: tuple[Any, ...]) -> None:
            self._ahead[key] = (monotonic(), result)  # going back shows it at once, too
            show(result)

        self._workers.database(lambda: _read(service, *key), keep_and_show,
                               lambda exc: self.say(str(exc), error=True))

    def _read_ahead(self, view: str, anchor: date, wanted: CalendarFilter) -> None:
        """Read the periods either side on the database thread, for the next click."""
        if self._workers is None or view == "agenda":
            return
        service = self._service
        for direction in (1, -1):
            key = (view, _period_start(view, _moved(view, anchor, direction)), wanted)
            if key in self._ahead:
                continue
            self._workers.database(lambda key=key: _read(service, *key),
                                   lambda result, key=key: self._keep_ahead(key, result))

    def _keep_ahead(self, key: tuple[str, date, CalendarFilter], result: tuple[Any, ...]) -> None:
        self._ahead[key] = (monotonic(), result)
        if key[0] == "month" and self._view == "month":
            # Its chips are drawn now, while the person looks at this month, so that going
            # there only copies them.
            self.month_view.prepare(result[1])

    def _show(self, view: str, anchor: date, caption: str, posts: Any,
              observances: list[ObservanceDay] | None) -> None:
        self.zone_label.setText(caption)
        if view == "agenda":
            last = anchor + timedelta(days=AGENDA_DAYS - 1)
            self.agenda_view.set_posts(posts)
            self.title.setText(f"{anchor:%b} {anchor.day} – {last:%b} {last.day}, {last.year}")
            self._show_observances(observances or [])
            return
        period = posts
        if view == "month":
            self.month_view.set_period(period)
        else:
            self.week_view.set_period(period)
        self.title.setText(period.title)
        found = list(period.month_observances)
        found += [o for day in period.days for o in day.observances]
        self._show_observances(found)

    def _show_observances(self, found: list[ObservanceDay]) -> None:
        self.draft_menu.clear()
        names = []
        for item in found:
            if item.label not in names:
                names.append(item.label)
                action = self.draft_menu.addAction(f"{item.label} ({_span(item)})")
                action.triggered.connect(lambda _=False, o=item: self.draft_observance(
                    o.observance.key, o.first.year))
        self.draft_button.setEnabled(bool(names))
        heading = f"<span style='color:{OBSERVANCE_COLOUR}'>✿ Health observances</span>"
        self.observance_label.setText(f"{heading}: {' · '.join(names)}" if names else
                                      f"{heading}: none in this period")

    # -- what a person does ----------------------------------------------------------------
    def say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("tone", "error" if error else "info")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def move_post(self, post_id: int, day: date, at: time | None = None) -> bool:
        """Save a drop; says why in the status line when the post cannot move."""
        try:
            changes = self._service.move_post(post_id, day, at)
        except UserError as exc:
            self.say(str(exc), error=True)
            return False
        self._echo = changes
        self._ahead.clear()
        self._load()
        when = f" at {time_text(at)}" if at is not None else ""
        self.say(f"Moved to {day:%A, %B} {day.day}{when}.")
        self.postRescheduled.emit(post_id)
        return True

    def start_post(self, day: date, at: time | None = None) -> None:
        self.newPostRequested.emit(self._service.local_to_utc(day, at))

    def draft_observance(self, key: str, year: int) -> None:
        try:
            post_id, changes = self._service.draft_observance(key, year)
        except UserError as exc:
            self.say(str(exc), error=True)
            return
        self._echo = changes
        self._load()
        self.say("Draft created. It stays a draft until you review and schedule it.")
        self.openPostRequested.emit(post_id)


def _span(item: ObservanceDay) -> str:
    if item.observance.kind == "month":
        return month_names.month_name[item.first.month]
    if item.first == item.last:
        return f"{item.first:%b} {item.first.day}"
    return f"{item.first:%b} {item.first.day}–{item.last.day}"


#: Periods read ahead are used for this long; after that the month is read again.
READ_AHEAD_SECONDS = 60.0


def _moved(view: str, anchor: date, direction: int) -> date:
    """The anchor one step (month, week or agenda page) before or after ``anchor``."""
    if view == "month":
        month = anchor.month - 1 + direction
        return date(anchor.year + month // 12, month % 12 + 1, 1)
    return anchor + timedelta(days=7 * direction if view == "week" else AGENDA_DAYS * direction)


def _period_start(view: str, anchor: date) -> date:
    """The same month is the same read, whichever of its days it was reached from."""
    return date(anchor.year, anchor.month, 1) if view == "month" else anchor


def _read(service: CalendarService, view: str, anchor: date,
          wanted: CalendarFilter) -> tuple[Any, ...]:
    """What one view of the calendar shows: (time-zone caption, posts or period, observances)."""
    caption = f"Times shown in {zone_caption(service.zone(), service.now())}"
    if view == "agenda":
        last = anchor + timedelta(days=AGENDA_DAYS - 1)
        return (caption, service.agenda(anchor, AGENDA_DAYS, wanted),
                service.observances(anchor, last))
    period = (service.month(anchor.year, anchor.month, wanted) if view == "month"
              else service.week(anchor, wanted))
    return caption, period, None
