"""The month grid: six weeks of day cells, each with its posts as chips (painted, not widgets,
so a busy month draws in a few milliseconds)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QMenu, QWidget

from clinicstudio.planning.queries import CalendarDay, CalendarPeriod
from clinicstudio.ui.calendar.chips import OBSERVANCE_COLOUR, ChipImages, mixed
from clinicstudio.ui.calendar.interaction import ChipInteraction, Hit

HEADER = 26.0
DAY_LABEL = 24.0
OBSERVANCE_LINE = 16.0
CHIP = 20.0
GAP = 3.0
MIN_DAY_WIDTH = 62
WEEKDAY_NAMES = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")


class MonthView(ChipInteraction, QWidget):
    """Signals:
        postOpened(int): a chip was double-clicked (post number).
        postDropped(int, object): a post was dropped on a day (post number, ``date``).
        dayActivated(object): empty space of a day was double-clicked (``date``).
        dayExpanded(object): "+N more" of a day was clicked (``date``).
        observanceChosen(str, int): "Draft a post" for an observance (key, year).
        moveRefused(str): a post that cannot move was dragged (the reason).
    """

    postOpened = Signal(int)
    postDropped = Signal(int, object)
    dayActivated = Signal(object)
    dayExpanded = Signal(object)
    observanceChosen = Signal(str, int)
    moveRefused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        # Seven narrow days still read: chips go compact below ~110 px (see chips.py).
        self.setMinimumSize(7 * MIN_DAY_WIDTH, 420)
        self._period: CalendarPeriod | None = None
        self._hits: list[Hit] = []
        self._cells: list[tuple[QRectF, CalendarDay]] = []
        self.chip_images = ChipImages()

    # -- data --------------------------------------------------------------------------------
    def _relayout(self) -> None:
        self._cells, self._hits = _layout(self._period, self.width(), self.height())

    def prepare(self, period: CalendarPeriod) -> None:
        """Draw the chips of ``period`` (a month likely to be shown next) while idle."""
        _cells, hits = _layout(period, self.width(), self.height())
        self.chip_images.prepare([(hit.post, hit.rect) for hit in hits
                                  if hit.kind == "chip" and hit.post is not None],
                                 self.palette(), self.font(), self.devicePixelRatioF())

    # -- geometry, for the pane and tests ---------------------------------------------------
    def hit_at(self, point: QPointF | QPoint) -> Hit | None:
        spot = QPointF(point)
        for hit in self._hits:
            if hit.rect.contains(spot):
                return hit
        for rect, cell in self._cells:
            if rect.contains(spot):
                return Hit("day", rect, cell.day)
        return None

    def day_rect(self, day: date) -> QRectF | None:
        return next((rect for rect, cell in self._cells if cell.day == day), None)

    def chip_rect(self, post_id: int) -> QRectF | None:
        return next((h.rect for h in self._hits if h.post is not None and h.post.id == post_id),
                    None)

    def more_rect(self, day: date) -> QRectF | None:
        """Where the "+N more" link of ``day`` is drawn, if the day has one."""
        return next((h.rect for h in self._hits if h.kind == "more" and h.day == day), None)

    def chip_ids(self, day: date) -> list[int]:
        """Numbers of the posts drawn as chips on ``day`` (not those behind "+N more")."""
        return [h.post.id for h in self._hits if h.post is not None and h.day == day]

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        # The grid colour is mixed here, opaque: translucent strokes cost the raster engine a
        # blend per pixel, and the grid is most of a month's pixels.
        grid = mixed(muted, palette.color(QPalette.ColorRole.Base), 60 / 255)
        width = self.width() / 7
        header_font = QFont(self.font())
        header_font.setBold(True)
        painter.setFont(header_font)
        painter.setPen(muted)
        for column, name in enumerate(WEEKDAY_NAMES):
            painter.drawText(QRectF(column * width, 0, width, HEADER),
                             Qt.AlignmentFlag.AlignCenter, name)
        for rect, cell in self._cells:
            if not cell.in_focus:
                painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(QPen(grid, 1))
        painter.drawLines(_grid_lines([rect for rect, _cell in self._cells]))
        for rect, cell in self._cells:
            self._paint_cell(painter, rect, cell, palette)
        for hit in self._hits:
            if hit.kind == "chip" and hit.post is not None:
                self.chip_images.paint(painter, hit.rect, hit.post, palette, self.font(),
                                       highlighted=hit.post.id == self.hovered_post)
            elif hit.kind == "observance" and hit.observance is not None:
                self._paint_observance(painter, hit)
            elif hit.kind == "more":
                count = len(next(c for _r, c in self._cells if c.day == hit.day).posts) - len(
                    self.chip_ids(hit.day))
                painter.setPen(palette.color(QPalette.ColorRole.Link))
                painter.drawText(hit.rect.adjusted(6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                                 f"+{count} more")
        painter.end()

    def _paint_cell(self, painter: QPainter, rect: QRectF, cell: CalendarDay,
                    palette: QPalette) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if cell.day == self.drop_highlight:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        label = f"{cell.day:%b} 1" if cell.day.day == 1 else str(cell.day.day)
        box = QRectF(rect.left() + 4, rect.top() + 3, 22 if cell.day.day != 1 else 44, 18)
        font = QFont(self.font())
        font.setBold(cell.is_today)
        painter.setFont(font)
        if cell.is_today:
            painter.save()  # smooth edges for the bubble only, not for every line after it
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(box, 9, 9)
            painter.restore()
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        else:
            role = QPalette.ColorRole.Text if cell.in_focus else QPalette.ColorRole.PlaceholderText
            painter.setPen(palette.color(role))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        painter.setFont(self.font())

    def _paint_observance(self, painter: QPainter, hit: Hit) -> None:
        assert hit.observance is not None
        font = QFont(self.font())
        font.setItalic(True)
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        painter.setFont(font)
        painter.setPen(QColor(OBSERVANCE_COLOUR))
        text = painter.fontMetrics().elidedText(f"✿ {hit.observance.label}",
                                                Qt.TextElideMode.ElideRight,
                                                int(hit.rect.width()))
        painter.drawText(hit.rect, Qt.AlignmentFlag.AlignVCenter, text)
        painter.setFont(self.font())

    # -- a person's actions --------------------------------------------------------------------
    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        if hit is None:
            return
        if hit.kind == "chip" and hit.post is not None:
            self.postOpened.emit(hit.post.id)
        elif hit.kind in ("day", "observance"):
            self.dayActivated.emit(hit.day)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        if hit is not None and hit.kind == "more" and event.button() == Qt.MouseButton.LeftButton:
            self.dayExpanded.emit(hit.day)
        self.end_press()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        hit = self.hit_at(event.pos())
        if hit is not None:
            menu = self.menu_for(hit)
            menu.exec(event.globalPos())
            menu.deleteLater()

    def menu_for(self, hit: Hit) -> QMenu:
        """The right-click menu of a chip or a day (built fresh each time)."""
        menu = QMenu(self)
        if hit.post is not None:
            # The same moves as dragging, for people who prefer the keyboard or a menu.
            post = hit.post
            menu.addAction("Open post").triggered.connect(
                lambda _=False: self.postOpened.emit(post.id))
            for label, days in (("Move a day earlier", -1), ("Move a day later", 1),
                                ("Move a week later", 7)):
                action = menu.addAction(label)
                action.setEnabled(post.movable)
                action.triggered.connect(lambda _=False, n=days: self.postDropped.emit(
                    post.id, hit.day + timedelta(days=n)))
            menu.addSeparator()
        cell = next(c for _r, c in self._cells if c.day == hit.day)
        for found in cell.observances:
            action = menu.addAction(f"Draft a post for {found.label}")
            action.triggered.connect(lambda _=False, f=found: self.observanceChosen.emit(
                f.observance.key, f.first.year))
        new = menu.addAction(f"New post on {hit.day:%A, %B} {hit.day.day}")
        new.triggered.connect(lambda _=False, d=hit.day: self.dayActivated.emit(d))
        return menu

    def drop_target(self, point: QPointF) -> date | None:
        hit = self.hit_at(point)
        return hit.day if hit is not None else None

    def emit_drop(self, post_id: int, target: date) -> None:
        self.postDropped.emit(post_id, target)


def _layout(period: CalendarPeriod | None, width: float,
            height: float) -> tuple[list[tuple[QRectF, CalendarDay]], list[Hit]]:
    """Where each day of ``period`` and each of its chips goes in a view of this size."""
    cells: list[tuple[QRectF, CalendarDay]] = []
    hits: list[Hit] = []
    if period is None:
        return cells, hits
    day_width = width / 7
    day_height = (height - HEADER) / max(len(period.weeks), 1)
    for index, cell in enumerate(period.days):
        row, column = divmod(index, 7)
        rect = QRectF(column * day_width, HEADER + row * day_height, day_width, day_height)
        cells.append((rect, cell))
        hits.extend(_layout_cell(rect, cell))
    return cells, hits


def _layout_cell(rect: QRectF, cell: CalendarDay) -> list[Hit]:
    hits: list[Hit] = []
    y = rect.top() + DAY_LABEL
    inner = rect.adjusted(4, 0, -4, 0)
    for observance in cell.observances[:2]:
        line = QRectF(inner.left(), y, inner.width(), OBSERVANCE_LINE)
        hits.append(Hit("observance", line, cell.day, observance=observance))
        y += OBSERVANCE_LINE
    room = int((rect.bottom() - y - 2) // (CHIP + GAP))
    shown = cell.posts if len(cell.posts) <= room else cell.posts[:max(room - 1, 0)]
    for post in shown:
        hits.append(Hit("chip", QRectF(inner.left(), y, inner.width(), CHIP), cell.day,
                        post=post))
        y += CHIP + GAP
    if len(shown) < len(cell.posts):
        hits.append(Hit("more", QRectF(inner.left(), y, inner.width(), CHIP), cell.day,
                        post=None))
    return hits


def _grid_lines(cells: list[QRectF]) -> list[QLineF]:
    """Each cell's outline as lines, every shared edge once."""
    edges: dict[tuple[float, float, float, float], QLineF] = {}
    for rect in cells:
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        for x1, y1, x2, y2 in ((left, top, right, top), (left, bottom, right, bottom),
                               (left, top, left, bottom), (right, top, right, bottom)):
            key = (round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1))
            edges.setdefault(key, QLineF(x1, y1, x2, y2))
    return list(edges.values())
