"""The monthly report a practice owner reads, as a PDF: a first page of headline figures and
charts, then the detail (campaigns per network, top posts, best times).

Drawn with QPdfWriter and the same chart functions as the Results pane, in the light colours
(paper is white). Called from ``clinicstudio analytics report --pdf``, which loads Qt only then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from clinicstudio.analytics.results import Results
from clinicstudio.domain import UserError
from clinicstudio.ui.results.charts import (
    NETWORK_LABELS,
    ChartColours,
    chart_colours,
    paint_bars,
    paint_lines,
    paint_week_grid,
)
from clinicstudio.ui.results.figures import (
    NO_CONVERSIONS,
    engagement_lines,
    follower_lines,
    headline,
    money,
)

RESOLUTION = 144  # dots per inch: sharp on paper, small files


def _application() -> None:
    """Painting text needs a Qt application; the command line has none, so make one offscreen."""
    if QGuiApplication.instance() is None:
        import os

        from PySide6.QtWidgets import QApplication  # the kind the window (and its tests) use

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _application.app = QApplication([])  # type: ignore[attr-defined]


class _Page:
    """A cursor down the page: each block takes the height it needs, a new page when full."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer, self.painter = writer, painter
        self.area = QRectF(painter.viewport())
        self.y = self.area.top()

    def take(self, height: float) -> QRectF:
        if self.y + height > self.area.bottom():
            self.writer.newPage()
            self.y = self.area.top()
        rect = QRectF(self.area.left(), self.y, self.area.width(), height)
        self.y += height
        return rect

    def gap(self, height: float) -> None:
        self.y += height

    def new_page(self) -> None:
        self.writer.newPage()
        self.y = self.area.top()


def _text(painter: QPainter, page: _Page, text: str, size: float, *, bold: bool = False,
          colour: object = None, c: ChartColours) -> None:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    painter.setFont(font)
    painter.setPen(colour or c.text)
    height = QFontMetricsF(font, painter.device()).height() * 1.15
    painter.drawText(page.take(height), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     text)


def _tiles(painter: QPainter, page: _Page, results: Results, c: ChartColours) -> None:
    items = headline(results)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9)
    line = QFontMetricsF(font, painter.device()).height()
    row = page.take(line * 4.4 * 2 + line)
    width = row.width() / 3
    for index, (label, figure, note) in enumerate(items):
        box = QRectF(row.left() + (index % 3) * width, row.top() + (index // 3) * line * 4.6,
                     width - line * 0.6, line * 4.2)
        painter.setPen(c.grid)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, line * 0.3, line * 0.3)
        inner = box.adjusted(line * 0.5, line * 0.3, -line * 0.5, -line * 0.3)
        for offset, (text, size, bold, colour) in enumerate((
                (label, 8.5, False, c.muted), (figure, 13, True, c.text),
                (note, 8, False, c.muted))):
            font.setPointSizeF(size)
            font.setBold(bold)
            painter.setFont(font)
            painter.setPen(colour)
            top = inner.top() + (0, line * 1.1, line * 2.7)[offset]
            painter.drawText(QRectF(inner.left(), top, inner.width(), line * 1.6),
                             Qt.AlignmentFlag.AlignLeft, text)


def _chart(painter: QPainter, page: _Page, height_ratio: float,
           draw: Callable[[QPainter, QRectF, ChartColours], None], c: ChartColours) -> None:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(8.5)
    painter.setFont(font)
    rect = page.take(page.area.width() * height_ratio)
    draw(painter, rect.adjusted(0, 6, 0, -6), c)


def _table(painter: QPainter, page: _Page, headers: list[str], rows: list[list[str]],
           widths: list[float], c: ChartColours) -> None:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(8.5)
    painter.setFont(font)
    line = QFontMetricsF(font, painter.device()).height() * 1.5
    total = sum(widths)
    for number, cells in enumerate([headers, *rows]):
        rect = page.take(line)
        if number == 0:
            painter.fillRect(rect, c.grid)
        x = rect.left()
        font.setBold(number == 0)
        painter.setFont(font)
        for column, text in enumerate(cells):
            width = rect.width() * widths[column] / total
            painter.setPen(c.muted if number == 0 else c.text)
            align = Qt.AlignmentFlag.AlignLeft if column == 0 else Qt.AlignmentFlag.AlignRight
            painter.drawText(QRectF(x + 4, rect.top(), width - 8, line),
                             align | Qt.AlignmentFlag.AlignVCenter, text)
            x += width


def _day(value: object) -> str:
    return f"{value.day} {value:%B %Y}"  # type: ignore[attr-defined]


def write_pdf(results: Results, path: Path, clinic: str) -> None:
    """Write the report for ``results`` to ``path``."""
    _application()
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(f"{clinic}: results {results.start} to {results.end}")
    writer.setCreator("ClinicStudio")
    painter = QPainter()
    if not painter.begin(writer):
        raise UserError(f"Cannot write {path}; check that the folder is writable.")
    try:
        c = chart_colours("light")
        page = _Page(writer, painter)
        _text(painter, page, f"{clinic}: social media results", 16, bold=True, c=c)
        _text(painter, page, f"{_day(results.start)} to {_day(results.end)}", 10,
              colour=c.muted, c=c)
        page.gap(10)
        _tiles(painter, page, results, c)
        page.gap(6)
        _chart(painter, page, 0.36, lambda p, r, k: paint_lines(
            p, r, k, "Engagement by network", engagement_lines(results)), c)
        _chart(painter, page, 0.36, lambda p, r, k: paint_lines(
            p, r, k, "Followers", follower_lines(results),
            empty="No follower counts were read in this period."), c)
        page.new_page()
        _detail(painter, page, results, c)
    finally:
        painter.end()


def _detail(painter: QPainter, page: _Page, results: Results, c: ChartColours) -> None:
    _text(painter, page, "Campaigns", 13, bold=True, c=c)
    rows = []
    for campaign in results.campaigns:
        data = campaign.as_json()
        # Per network only where money moved: a row of zeros for every network is noise.
        for name, figures in [(campaign.name, data), *(
                (f"   {NETWORK_LABELS.get(n, n)}", f) for n, f in data["networks"].items()
                if f["spend"] or f["conversions"] or f["revenue"])]:
            rows.append([name, money(figures["spend"]), f"{figures['conversions']:,}",
                         money(figures["revenue"]),
                         NO_CONVERSIONS if figures["cpa"] is None else money(figures["cpa"]),
                         "–" if figures["roas"] is None else f"{figures['roas']:.1f}×"])
    if rows:
        _table(painter, page, ["Campaign", "Spend", "Conversions", "Revenue",
                               "Per conversion", "Return"], rows,
               [2.6, 1.2, 1.3, 1.3, 1.9, 1.1], c)
        _text(painter, page, "Per conversion: spend ÷ conversions. Return: revenue ÷ spend "
              "(return on ad spend).", 8, colour=c.muted, c=c)
    else:
        _text(painter, page, "No campaigns yet.", 9, colour=c.muted, c=c)
    page.gap(10)
    _chart(painter, page, 0.25, lambda p, r, k: paint_bars(
        p, r, k, "Return on ad spend by campaign",
        [(x.name, x.total.roas, k.accent) for x in results.campaigns],
        value_text=lambda v: "no spend yet" if v is None else f"{v:.1f}×"), c)
    _text(painter, page, "Top posts", 13, bold=True, c=c)
    _table(painter, page, ["Post", "Published", "Networks", "Engagements"],
           [[p.title or f"Post {p.post_id}",
             f"{p.published_at:%d %b %Y}" if p.published_at else "–",
             str(len(p.networks)), f"{p.engagements:,}"] for p in results.top_posts],
           [4, 1.6, 1.1, 1.4], c)
    page.gap(10)
    _chart(painter, page, 0.3, lambda p, r, k: paint_week_grid(
        p, r, k, "Best days and hours (average engagement per post)", results.best_times), c)
    day, hour = results.best_day(), results.best_hour()
    if day is not None and hour is not None:
        _text(painter, page, f"On average, posts did best on {day}s and around {hour:02d}:00 "
              f"({results.time_zone}).", 9, colour=c.muted, c=c)
