"""The week: seven day columns of hours, each post a chip at its time in the clinic's zone."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from clinicstudio.planning.clock import time_text
from clinicstudio.planning.queries import CalendarPeriod, CalendarPost
from clinicstudio.ui.calendar.chips import OBSERVANCE_COLOUR, paint_chip
from clinicstudio.ui.calendar.interaction import ChipInteraction, Hit

HOUR = 44.0
GUTTER = 58.0
CHIP = 22.0
LANES = 3
HEADER = 44.0


def _column_width(width: float) -> float:
    return max(width - GUTTER, 7) / 7


class WeekBody(ChipInteraction, QWidget):
    """The scrolling hours. Signals as :class:`WeekView` (it forwards them)."""

    postOpened = Signal(int)
    postDropped = Signal(int, object, object)
    slotActivated = Signal(object, object)
    moveRefused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setMinimumHeight(int(24 * HOUR))
        self._period: CalendarPeriod | None = None
        self._chips: list[Hit] = []


    def _relayout(self) -> None:
        self._chips = []
        if self._period is None:
            return
        width = _column_width(self.width())
        for column, cell in enumerate(self._period.days):
            slots: dict[int, list[CalendarPost]] = defaultdict(list)
            for post in cell.posts:
                slots[post.local.hour * 2 + post.local.minute // 30].append(post)
            left = GUTTER + column * width + 2
            for key, posts in slots.items():
                lanes = min(len(posts), LANES)
                lane_width = (width - 4) / lanes
                top = key * HOUR / 2 + 1
                for lane, post in enumerate(posts[:lanes]):
                    rect = QRectF(left + lane * lane_width, top, lane_width - 2, CHIP)
                    if lane == lanes - 1 and len(posts) > lanes:
                        self._chips.append(Hit("more", rect, cell.day, slot=post.local.time()))
                    else:
                        self._chips.append(Hit("chip", rect, cell.day, post=post))

    def slot_at(self, point: QPointF | QPoint, step: int = 15) -> tuple[date, time] | None:
        """The day and time (rounded down to ``step`` minutes) under ``point``."""
        if self._period is None:
            return None
        spot = QPointF(point)
        column = int((spot.x() - GUTTER) // _column_width(self.width()))
        if spot.x() < GUTTER or not 0 <= column < len(self._period.days):
            return None
        minutes = int(max(min(spot.y() / HOUR * 60, 24 * 60 - 1), 0)) // step * step
        return self._period.days[column].day, time(minutes // 60, minutes % 60)

    def point_for(self, day: date, at: time) -> QPointF | None:
        """The centre of the slot at ``day``/``at`` (for the pane's tests and keyboard moves)."""
        if self._period is None:
            return None
        days = [cell.day for cell in self._period.days]
        if day not in days:
            return None
        width = _column_width(self.width())
        return QPointF(GUTTER + (days.index(day) + 0.5) * width,
                       (at.hour + at.minute / 60) * HOUR + 2)

    def hit_at(self, point: QPointF | QPoint) -> Hit | None:
        spot = QPointF(point)
        for hit in self._chips:
            if hit.rect.contains(spot):
                return hit
        slot = self.slot_at(spot, 30)
        if slot is None:
            return None
        return Hit("slot", QRectF(spot, spot), slot[0], slot=slot[1])

    def chip_rect(self, post_id: int) -> QRectF | None:
        return next((h.rect for h in self._chips if h.post is not None and h.post.id == post_id),
                    None)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        line = QColor(muted)
        width = _column_width(self.width())
        if self._period is not None:
            for column, cell in enumerate(self._period.days):
                if cell.is_today:
                    tint = QColor(palette.color(QPalette.ColorRole.Highlight))
                    tint.setAlpha(18)
                    painter.fillRect(QRectF(GUTTER + column * width, 0, width, self.height()),
                                     tint)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        painter.setFont(small)
        for hour in range(24):
            y = hour * HOUR
            line.setAlpha(70)
            painter.setPen(line)
            painter.drawLine(QPointF(GUTTER, y), QPointF(self.width(), y))
            line.setAlpha(28)
            painter.setPen(line)
            painter.drawLine(QPointF(GUTTER, y + HOUR / 2), QPointF(self.width(), y + HOUR / 2))
            painter.setPen(muted)
            painter.drawText(QRectF(0, y - 2, GUTTER - 8, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                             time_text(time(hour)).replace(":00", ""))
        line.setAlpha(70)
        painter.setPen(line)
        for column in range(8):
            x = GUTTER + column * width
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        if self.drop_highlight is not None:
            point = self.point_for(*self.drop_highlight)
            if point is not None:
                painter.fillRect(QRectF(point.x() - width / 2, point.y() - 2, width, HOUR / 4),
                                 palette.color(QPalette.ColorRole.Highlight))
        painter.setFont(self.font())
        for hit in self._chips:
            if hit.post is not None:
                paint_chip(painter, hit.rect, hit.post, palette,
                           highlighted=hit.post.id == self.hovered_post)
            else:
                painter.setPen(palette.color(QPalette.ColorRole.Link))
                painter.drawText(hit.rect, Qt.AlignmentFlag.AlignCenter, "more…")
        painter.end()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        if hit is None:
            return
        if hit.post is not None:
            self.postOpened.emit(hit.post.id)
        elif hit.slot is not None:
            self.slotActivated.emit(hit.day, hit.slot)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.end_press()

    def drop_target(self, point: QPointF) -> tuple[date, time] | None:
        return self.slot_at(point)

    def emit_drop(self, post_id: int, target: tuple[date, time]) -> None:
        self.postDropped.emit(post_id, target[0], target[1])


class WeekHeader(QWidget):
    """Day names, dates and that day's observances above the hours."""

    def __init__(self, body: WeekBody, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(int(HEADER))
        self._body = body  # columns line up with the body's, which a scroll bar may narrow
        self._period: CalendarPeriod | None = None

    def set_period(self, period: CalendarPeriod) -> None:
        self._period = period
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        if self._period is None:
            return
        width = _column_width(self._body.width())
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setItalic(True)
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        for column, cell in enumerate(self._period.days):
            box = QRectF(GUTTER + column * width, 2, width, 20)
            painter.setFont(bold)
            role = QPalette.ColorRole.Highlight if cell.is_today else QPalette.ColorRole.Text
            painter.setPen(palette.color(role))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{cell.day:%a} {cell.day.day}")
            if cell.observances:
                painter.setFont(small)
                painter.setPen(QColor(OBSERVANCE_COLOUR))
                label = painter.fontMetrics().elidedText(
                    f"✿ {cell.observances[0].label}", Qt.TextElideMode.ElideRight, int(width) - 6)
                painter.drawText(QRectF(box.left() + 3, 22, width - 6, 18),
                                 Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class WeekView(QWidget):
    """Signals:
        postOpened(int): a chip was double-clicked (post number).
        postDropped(int, object, object): a post was dropped (post number, ``date``, ``time``).
        slotActivated(object, object): an empty slot was double-clicked (``date``, ``time``).
        moveRefused(str): a post that cannot move was dragged (the reason).
    """

    postOpened = Signal(int)
    postDropped = Signal(int, object, object)
    slotActivated = Signal(object, object)
    moveRefused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = WeekBody()
        self.header = WeekHeader(self.body, self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll)
        self.body.postOpened.connect(self.postOpened)
        self.body.postDropped.connect(self.postDropped)
        self.body.slotActivated.connect(self.slotActivated)
        self.body.moveRefused.connect(self.moveRefused)

    def set_period(self, period: CalendarPeriod) -> None:
        self.header.set_period(period)
        self.body.set_period(period)

    def resizeEvent(self, event: object) -> None:
        self.header.update()

    def scroll_to_hour(self, hour: int) -> None:
        self.scroll.verticalScrollBar().setValue(int(hour * HOUR))
