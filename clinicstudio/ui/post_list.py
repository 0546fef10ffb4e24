"""The post list: every post, newest first, with search and filters by status, network, campaign.

Signals:
    postSelected(int): the user picked a post to open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Changes, Platform, PostStatus
from clinicstudio.ui import theme
from clinicstudio.ui.formatting import networks_text, when_text
from clinicstudio.ui.list_model import Column, ListModel
from clinicstudio.ui.workers import Workers

Index = QModelIndex | QPersistentModelIndex

if TYPE_CHECKING:
    from clinicstudio.app import PostSummary, Studio


class _TwoLines(QStyledItemDelegate):
    """Draws a post as its title, then its status and time in a quieter colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        title, _, detail = str(index.data() or "").partition("\n")
        item.text = ""
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(10, 6, -8, -6)
        metrics = option.fontMetrics
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText if selected
                                            else QPalette.ColorRole.Text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                         metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()))
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText) if selected
                       else theme.muted_color())
        painter.drawText(rect, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft,
                         metrics.elidedText(detail, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()


class PostListPane(QWidget):
    postSelected = Signal(int)
    #: Emitted each time the list has been filled (tests and self-test wait on it).
    loaded = Signal()

    def __init__(self, studio: Studio, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._studio, self._workers = studio, workers
        # One entry per post, two lines: what it says, then where it stands and when. The zone
        # is read each time: on first run the clinic (or the demo) is set after this pane exists.
        self.model: ListModel[PostSummary] = ListModel([
            Column("Post", lambda p: f"{p.title or 'Untitled post'}\n{p.status_label}  ·  "
                                     f"{when_text(p.when, studio.clinic.time_zone)}",
                   tooltip=lambda p: f"{p.title}\n{networks_text(p.networks)}"
                                     + (f"\nCampaign: {p.campaign}" if p.campaign else "")),
        ], self)
        self.search = QLineEdit(placeholderText="Search posts")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(theme.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName("Search posts")
        self.status = self._combo("Status", [("All statuses", None)]
                                  + [(s.label, s) for s in PostStatus])
        self.network = self._combo("Network", [("All networks", None)]
                                   + [(p.label, p) for p in Platform])
        self.campaign = self._combo("Campaign", [("All campaigns", None)])
        self.table = QTableView()
        self.table.setObjectName("postList")
        self.table.setAccessibleName("Posts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 16)
        self.table.setItemDelegate(_TwoLines(self.table))
        filters = QGridLayout()
        # Two menus to a row: three side by side did not fit the docked pane and were cut off.
        filters.addWidget(self.search, 0, 0, 1, 2)
        filters.addWidget(self.status, 1, 0)
        filters.addWidget(self.network, 1, 1)
        filters.addWidget(self.campaign, 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        # Typing in the search box reloads once the user pauses, not on every letter.
        self._reload_soon = QTimer(self, singleShot=True, interval=250)
        self._reload_soon.timeout.connect(self.reload)
        self.search.textChanged.connect(self._reload_soon.start)
        for combo in (self.status, self.network, self.campaign):
            combo.currentIndexChanged.connect(self.reload)
        self.table.activated.connect(self._open)
        self.table.clicked.connect(self._open)
        self._selected: int | None = None

    def _combo(self, name: str, entries: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"Filter by {name.lower()}")
        # A long campaign name must not widen the whole pane; the open list still shows it all.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        for text, value in entries:
            combo.addItem(text, value)
        return combo

    def reload(self) -> None:
        studio = self._studio
        text, status = self.search.text().strip(), self.status.currentData()
        network, campaign = self.network.currentData(), self.campaign.currentData()
        self._workers.database(
            lambda: (studio.list_posts(text=text, status=status, network=network,
                                       campaign_id=campaign), studio.campaigns()),
            self._show)

    def refresh(self, changes: Changes) -> None:
        """Reload when posts or campaigns changed."""
        if changes.posts or changes.campaigns or changes.clinic or changes.outbox:
            self.reload()

    def select_post(self, post_id: int | None) -> None:
        self._selected = post_id
        for row, item in enumerate(self.model.items()):
            if item.id == post_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                return
        self.table.clearSelection()

    def _show(self, result: tuple[list[PostSummary], list[tuple[int, str]]]) -> None:
        posts, campaigns = result
        self.model.set_items(posts)
        self._fill_campaigns(campaigns)
        self.select_post(self._selected)
        self.loaded.emit()

    def _fill_campaigns(self, campaigns: list[tuple[int, str]]) -> None:
        if [self.campaign.itemData(i) for i in range(1, self.campaign.count())] == [
                c for c, _ in campaigns]:
            return
        chosen = self.campaign.currentData()
        self.campaign.blockSignals(True)
        self.campaign.clear()
        self.campaign.addItem("All campaigns", None)
        for campaign_id, name in campaigns:
            self.campaign.addItem(name, campaign_id)
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(chosen)))
        self.campaign.blockSignals(False)

    def _open(self, index: QModelIndex) -> None:
        post = self.model.item(index.row())
        if post.id != self._selected:
            self._selected = post.id
            self.postSelected.emit(post.id)


