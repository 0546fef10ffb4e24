"""Charts drawn with QPainter: lines over time, bars, and a week-by-hour grid.

Each chart is a plain function that paints into a rectangle, so the same drawing serves the
Results pane (:class:`ChartView`) and the PDF report. No charting library is loaded: the
window starts as quickly as before. Colours come from :class:`ChartColours`, one set for light
and one for dark, with network colours from a palette that stays distinguishable for people
with the common kinds of colour blindness.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from clinicstudio.ui import theme

WEEKDAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_NETWORKS = {
    "light": {"facebook": "#0072b2", "instagram": "#cc79a7", "x": "#3a3a3a",
              "linkedin": "#009e73", "mastodon": "#e69f00", "bluesky": "#56b4e9"},
    "dark": {"facebook": "#4fa3e3", "instagram": "#e59ac4", "x": "#d9d9d9",
             "linkedin": "#2ec79b", "mastodon": "#f0b43c", "bluesky": "#8ccff5"},
}
NETWORK_LABELS = {"facebook": "Facebook", "instagram": "Instagram", "x": "X",
                  "linkedin": "LinkedIn", "mastodon": "Mastodon", "bluesky": "Bluesky"}


@dataclass(frozen=True)
class ChartColours:
    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    accent: QColor
    networks: Mapping[str, QColor]

    def network(self, name: str) -> QColor:
        return self.networks.get(name, self.accent)


def chart_colours(scheme: str | None = None) -> ChartColours:
    return _colours(scheme or theme.current())


@cache
def _colours(scheme: str) -> ChartColours:
    dark = scheme == theme.DARK
    return ChartColours(
        background=QColor("#1a2027" if dark else "#ffffff"),
        text=QColor("#e4e9ef" if dark else "#1d2630"),
        muted=QColor("#9aa7b5" if dark else "#5b6775"),
        grid=QColor("#2f3843" if dark else "#e3e8ee"),
        accent=QColor("#6fb1dd" if dark else "#2a6f9e"),
        networks={k: QColor(v) for k, v in _NETWORKS["dark" if dark else "light"].items()})


def compact(value: float) -> str:
    """1234 -> "1.2k"; axis labels stay short."""
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if abs(value) >= 10_000:
        return f"{value / 1000:.0f}k"
    if abs(value) >= 1000:
        return f"{value / 1000:.1f}k".replace(".0k", "k")
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def nice_ceiling(value: float) -> float:
    """A round number (1, 2, 2.5 or 5 times a power of ten) at or above ``value``."""
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * step:
            return float(factor * step)
    return float(10 * step)


def _title(painter: QPainter, rect: QRectF, title: str, c: ChartColours) -> QRectF:
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(c.text)
    height = QFontMetricsF(font, painter.device()).height()
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), height),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    font.setBold(False)
    painter.setFont(font)
    return rect.adjusted(0, height + 6, 0, 0)


def _empty(painter: QPainter, rect: QRectF, c: ChartColours, message: str) -> None:
    painter.setPen(c.muted)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)


def _legend(painter: QPainter, rect: QRectF, names: Sequence[str], c: ChartColours) -> QRectF:
    """Network swatches along the bottom; returns the space left above them."""
    metrics = QFontMetricsF(painter.font(), painter.device())
    height = metrics.height()
    x, y = rect.left(), rect.bottom() - height
    for name in names:
        label = NETWORK_LABELS.get(name, name)
        width = 14 + metrics.horizontalAdvance(label) + 14
        if x + width > rect.right() and x > rect.left():
            break
        painter.fillRect(QRectF(x, y + height / 2 - 4, 10, 8), c.network(name))
        painter.setPen(c.text)
        painter.drawText(QRectF(x + 14, y, width, height), Qt.AlignmentFlag.AlignVCenter, label)
        x += width
    return rect.adjusted(0, 0, 0, -(height + 6))


def paint_lines(painter: QPainter, rect: QRectF, c: ChartColours, title: str,
                series: Mapping[str, Sequence[tuple[date, float]]], *,
                empty: str = "Nothing measured in this period yet.") -> None:
    """One line per network over time, with a y axis from 0 and dates along the bottom."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    body = _title(painter, rect, title, c)
    points = [p for values in series.values() for p in values]
    if not points:
        _empty(painter, body, c, empty)
        painter.restore()
        return
    body = _legend(painter, body, sorted(series), c)
    metrics = QFontMetricsF(painter.font(), painter.device())
    first = min(d for d, _ in points)
    last = max(d for d, _ in points)
    low = min(0.0, min(v for _, v in points))
    top = 4 * nice_ceiling(max(v for _, v in points) / 4)  # four round steps up the axis
    ticks = [low + (top - low) * step / 4 for step in range(5)]
    axis_w = max(metrics.horizontalAdvance(compact(t)) for t in ticks) + 10
    plot = body.adjusted(axis_w, 4, -8, -(metrics.height() + 6))
    span = max((last - first).days, 1)

    def at(day: date, value: float) -> QPointF:
        x = plot.left() + plot.width() * (day - first).days / span
        y = plot.bottom() - plot.height() * (value - low) / ((top - low) or 1)
        return QPointF(x, y)

    for value in ticks:
        y = at(first, value).y()
        painter.setPen(QPen(c.grid, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(c.muted)
        painter.drawText(QRectF(body.left(), y - metrics.height() / 2, axis_w - 6,
                                metrics.height()), Qt.AlignmentFlag.AlignRight, compact(value))
    painter.setPen(c.muted)
    for day, align in ((first, Qt.AlignmentFlag.AlignLeft), (last, Qt.AlignmentFlag.AlignRight)):
        painter.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), metrics.height()),
                         align, f"{day:%d %b %Y}".lstrip("0"))
    for name in sorted(series):
        values = sorted(series[name])
        if not values:
            continue
        pen = QPen(c.network(name), 2.2)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if len(values) == 1:
            painter.setBrush(c.network(name))
            painter.drawEllipse(at(*values[0]), 3.5, 3.5)
            continue
        path = QPainterPath(at(*values[0]))
        for day, value in values[1:]:
            path.lineTo(at(day, value))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    painter.restore()


def paint_bars(painter: QPainter, rect: QRectF, c: ChartColours, title: str,
               bars: Sequence[tuple[str, float | None, QColor]], *,
               value_text: Callable[[float | None], str] = lambda v: compact(v or 0),
               empty: str = "Nothing to show yet.") -> None:
    """Horizontal bars with their label on the left and value on the right. A bar whose value
    is None is drawn empty with its text (e.g. "no conversions yet")."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    body = _title(painter, rect, title, c)
    if not bars:
        _empty(painter, body, c, empty)
        painter.restore()
        return
    metrics = QFontMetricsF(painter.font(), painter.device())
    label_w = min(max(metrics.horizontalAdvance(b[0]) for b in bars) + 10, body.width() * 0.4)
    value_w = max(metrics.horizontalAdvance(value_text(b[1])) for b in bars) + 10
    row_h = min(max(metrics.height() + 8, body.height() / len(bars)), metrics.height() * 2.2)
    top = max((b[1] or 0) for b in bars) or 1
    for index, (label, value, colour) in enumerate(bars):
        y = body.top() + index * row_h
        if y + row_h > body.bottom() + 1:
            break
        painter.setPen(c.text)
        painter.drawText(QRectF(body.left(), y, label_w - 8, row_h),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                         metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8))
        track = QRectF(body.left() + label_w, y + row_h * 0.2,
                       body.width() - label_w - value_w, row_h * 0.6)
        painter.fillRect(track, c.grid)
        if value:
            painter.fillRect(QRectF(track.left(), track.top(),
                                    track.width() * max(value, 0) / top, track.height()), colour)
        painter.setPen(c.text if value is not None else c.muted)
        painter.drawText(QRectF(track.right() + 6, y, value_w, row_h),
                         Qt.AlignmentFlag.AlignVCenter, value_text(value))
    painter.restore()


def paint_week_grid(painter: QPainter, rect: QRectF, c: ChartColours, title: str,
                    cells: Mapping[tuple[int, int], float]) -> None:
    """Weekday rows by hour columns, darker where posts did better on average."""
    painter.save()
    body = _title(painter, rect, title, c)
    if not cells:
        _empty(painter, body, c, "Publish a few posts and refresh: the best times show here.")
        painter.restore()
        return
    metrics = QFontMetricsF(painter.font(), painter.device())
    # At least the office day, so one busy hour does not fill the whole width.
    hours = range(min(8, *(h for _, h in cells)), max(18, *(h for _, h in cells)) + 1)
    label_w = metrics.horizontalAdvance("Wed") + 10
    grid = body.adjusted(label_w, 0, 0, -(metrics.height() + 4))
    cell_w = grid.width() / len(hours)
    cell_h = min(grid.height() / 7, cell_w * 1.4)
    best = max(cells.values()) or 1
    for day in range(7):
        y = grid.top() + day * cell_h
        painter.setPen(c.text)
        painter.drawText(QRectF(body.left(), y, label_w - 6, cell_h),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                         WEEKDAY_SHORT[day])
        for column, hour in enumerate(hours):
            box = QRectF(grid.left() + column * cell_w + 1, y + 1, cell_w - 2, cell_h - 2)
            value = cells.get((day, hour))
            if value is None:
                painter.fillRect(box, c.grid)
                continue
            colour = QColor(c.accent)
            colour.setAlphaF(0.18 + 0.82 * value / best)
            painter.fillRect(box, colour)
    painter.setPen(c.muted)
    step = max(1, round(len(hours) / 8))
    for column, hour in enumerate(hours):
        if column % step == 0:
            painter.drawText(QRectF(grid.left() + column * cell_w, grid.top() + 7 * cell_h + 2,
                                    cell_w * step, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft, f"{hour:02d}:00")
    painter.restore()


class ChartView(QWidget):
    """A widget that shows one chart function; it repaints in the theme's current colours."""

    def __init__(self, paint: Callable[[QPainter, QRectF, ChartColours], None] | None = None,
                 height: int = 240, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paint = paint
        self._height = height
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(height)

    def set_paint(self, paint: Callable[[QPainter, QRectF, ChartColours], None]) -> None:
        self._paint = paint
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, self._height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        colours = chart_colours()
        rect = QRectF(self.rect()).adjusted(12, 10, -12, -10)
        painter.fillRect(self.rect(), colours.background)
        if self._paint is not None:
            self._paint(painter, rect, colours)
        painter.end()
