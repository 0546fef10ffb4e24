"""The Results pane: what posts, campaigns and accounts achieved, from the networks themselves.

Headline figures, engagement by network over time, follower growth, campaigns' cost per
conversion and return on ad spend, the clinic's best days and hours, and the top posts; picking
a top post shows its own figures over time per network. Loading happens on the database
worker; the pane only draws.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.analytics.results import Results
from clinicstudio.ui.results.charts import (
    NETWORK_LABELS,
    ChartView,
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

PERIODS = (("Last 30 days", 30), ("Last 90 days", 90), ("Last 12 months", 365),
           ("Last 2 years", 730))
CAMPAIGN_COLUMNS = ("Campaign", "Spend", "Conversions", "Revenue", "Cost per conversion",
                    "Return on ad spend", "Engagement rate", "Clicks")


def fit_rows(table: QTableWidget, least: int = 2) -> None:
    """Make the table exactly as tall as its rows: the pane scrolls, not each table."""
    table.resizeColumnsToContents()
    table.ensurePolished()  # the style sheet's padding counts in the sizes below
    table.horizontalHeader().ensurePolished()
    table.resizeRowsToContents()
    missing = max(least - table.rowCount(), 0)
    margins = table.contentsMargins()  # border and the style sheet's padding
    height = (table.horizontalHeader().sizeHint().height() + margins.top() + margins.bottom()
              + 2 * table.frameWidth() + 4
              + (table.rowCount() + missing) * max(
                  table.verticalHeader().defaultSectionSize(),
                  table.sizeHintForRow(0) if table.rowCount() else 0))
    if table.horizontalScrollBar().isVisible():
        height += table.horizontalScrollBar().sizeHint().height()
    table.setFixedHeight(height)


class Tile(QFrame):
    """One headline figure: a small label, the figure, and a note under it."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.setObjectName("resultTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.label, self.figure, self.note = QLabel(label), QLabel("–"), QLabel("")
        self.label.setObjectName("hint")
        self.note.setObjectName("hint")
        self.figure.setObjectName("resultFigure")
        # The style sheet sets every label's font, so the larger figure is set here too.
        self.figure.setStyleSheet("font-size: 15pt; font-weight: 600;")
        for widget in (self.label, self.figure, self.note):
            layout.addWidget(widget)

    def show_figure(self, figure: str, note: str) -> None:
        self.figure.setText(figure)
        self.note.setText(note)
        self.figure.setAccessibleName(f"{self.label.text()}: {figure}")


class ResultsPane(QWidget):
    """Signals:
        periodChanged(date, date): the person picked another period (the owner reloads).
        refreshRequested(): "Read figures now" was pressed.
        postPicked(int): a top post was picked; the owner loads its history for show_post.
        spendRequested(), importRequested(): the person wants to enter spend or import
            conversions.
    """

    periodChanged = Signal(object, object)
    refreshRequested = Signal()
    postPicked = Signal(int)
    spendRequested = Signal()
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsPane")
        self.results: Results | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.setContentsMargins(12, 10, 12, 4)
        heading = QLabel("Results")
        heading.setObjectName("paneTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.refresh = QPushButton("Read figures now")
        self.refresh.setToolTip("Ask every network for the latest figures of your posts and "
                                "your follower counts.")
        self.add_spend = QPushButton("Add spend…")
        self.add_spend.setToolTip("Record money spent on a campaign: boosted posts and ads.")
        self.import_conversions = QPushButton("Import conversions…")
        self.import_conversions.setToolTip("Import appointments, new patients and revenue from "
                                           "a CSV your booking system or web analytics exports "
                                           "(counts and money only).")
        self.status = QLabel("")
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.period)
        top.addWidget(self.refresh)
        top.addWidget(self.add_spend)
        top.addWidget(self.import_conversions)
        top.addWidget(self.status, 1)
        outer.addLayout(top)

        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(12, 4, 12, 12)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        tiles = QGridLayout()
        tiles.setSpacing(8)
        self.tiles = [Tile(label) for label, _, _ in headline(Results(date.today(),
                                                                       date.today(), "UTC"))]
        for index, tile in enumerate(self.tiles):
            tiles.addWidget(tile, index // 3, index % 3)
        grid.addLayout(tiles, 0, 0, 1, 2)
        self.engagement = ChartView(height=260)
        self.followers = ChartView(height=260)
        self.campaign_chart = ChartView(height=200)
        self.best_times = ChartView(height=220)
        self.post_chart = ChartView(height=220)
        self.campaigns = self._table(CAMPAIGN_COLUMNS)
        self.top_posts = self._table(("Post", "Published", "Networks", "Engagements"))
        self.top_posts.cellClicked.connect(self._post_clicked)
        grid.addWidget(self.engagement, 1, 0)
        grid.addWidget(self.followers, 1, 1)
        grid.addWidget(self._titled("Campaigns", self.campaigns), 2, 0, 1, 2)
        grid.addWidget(self.campaign_chart, 3, 0)
        grid.addWidget(self.best_times, 3, 1)
        grid.addWidget(self._titled("Top posts (pick one to see it over time)",
                                    self.top_posts), 4, 0, 1, 2)
        grid.addWidget(self.post_chart, 5, 0, 1, 2)
        grid.setRowStretch(6, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # The pane fits the window's width and scrolls down only.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.refresh.clicked.connect(self.refreshRequested)
        self.add_spend.clicked.connect(self.spendRequested)
        self.import_conversions.clicked.connect(self.importRequested)
        self.post_chart.set_paint(partial(paint_lines, title="A post over time",
                                          series={}, empty="Pick a top post to see how its "
                                          "figures grew on each network."))

    @staticmethod
    def _table(columns: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(columns))
        table.setHorizontalHeaderLabels(list(columns))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        # Sized once after filling (sizing on every cell set is slow), names get the room.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Its columns never push the pane wider than the window; the table scrolls instead.
        table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        fit_rows(table)
        return table

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    def period_dates(self, today: date | None = None) -> tuple[date, date]:
        end = today or datetime.now(UTC).date()
        return end - timedelta(days=int(self.period.currentData()) - 1), end

    def _period_changed(self) -> None:
        self.periodChanged.emit(*self.period_dates())

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    # -- showing results ---------------------------------------------------------------------
    def show_results(self, results: Results) -> None:
        self.results = results
        for tile, (_, figure, note) in zip(self.tiles, headline(results), strict=True):
            tile.show_figure(figure, note)
        self.engagement.set_paint(partial(paint_lines, title="Engagement by network",
                                          series=engagement_lines(results)))
        self.followers.set_paint(partial(paint_lines, title="Followers",
                                         series=follower_lines(results),
                                         empty="No follower counts yet: press Read figures "
                                         "now."))
        self._fill_campaigns(results)
        self.best_times.set_paint(partial(paint_week_grid, title="Best days and hours "
                                          "(average engagement per post)",
                                          cells=results.best_times))
        self._fill_top_posts(results)

    def _fill_campaigns(self, results: Results) -> None:
        rows = [c.as_json() for c in results.campaigns]
        self.campaigns.setUpdatesEnabled(False)
        self.campaigns.setRowCount(len(rows))
        for row, data in enumerate(rows):
            rate = data["engagement_rate"]
            cells = (data["name"], money(data["spend"]), f"{data['conversions']:,}",
                     money(data["revenue"]),
                     NO_CONVERSIONS if data["cpa"] is None else money(data["cpa"]),
                     "no spend yet" if data["roas"] is None else f"{data['roas']:.1f}×",
                     "not measured" if rate is None else f"{rate * 100:.1f} %",
                     "not reported" if data["clicks"] is None else f"{data['clicks']:,}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.campaigns.setItem(row, column, item)
        fit_rows(self.campaigns)
        self.campaigns.setUpdatesEnabled(True)

        def paint(painter: Any, rect: Any, colours: Any) -> None:
            bars = [(d["name"], d["roas"], colours.accent) for d in rows]
            paint_bars(painter, rect, colours, "Return on ad spend by campaign", bars,
                       value_text=lambda v: "no spend yet" if v is None else f"{v:.1f}×",
                       empty="Add a campaign and its spend to see what it returns.")

        self.campaign_chart.set_paint(paint)

    def _fill_top_posts(self, results: Results) -> None:
        self.top_posts.setUpdatesEnabled(False)
        self.top_posts.setRowCount(len(results.top_posts))
        for row, post in enumerate(results.top_posts):
            when = f"{post.published_at:%d %b %Y}" if post.published_at else "–"
            networks = ("all six" if len(set(post.networks)) == len(NETWORK_LABELS) else
                        ", ".join(NETWORK_LABELS.get(n, n) for n in sorted(post.networks)))
            for column, text in enumerate((post.title or f"Post {post.post_id}", when,
                                           networks, f"{post.engagements:,}")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, post.post_id)
                self.top_posts.setItem(row, column, item)
        fit_rows(self.top_posts)
        self.top_posts.setUpdatesEnabled(True)

    def _post_clicked(self, row: int, _column: int) -> None:
        item = self.top_posts.item(row, 0)
        if item is not None:
            self.postPicked.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_post(self, title: str, history: dict[str, list[tuple[datetime, int]]]) -> None:
        series = {n: [(t.date(), float(v)) for t, v in values] for n, values in history.items()}
        self.post_chart.set_paint(partial(paint_lines, title=f"“{title}” over time",
                                          series=series,
                                          empty="No figures read for this post yet."))


