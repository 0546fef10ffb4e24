"""The agenda: the coming posts as one list, day by day."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from clinicstudio.planning.clock import time_text
from clinicstudio.planning.queries import CalendarPost
from clinicstudio.ui.calendar.chips import chip_tooltip, network_label, status_colour
from clinicstudio.ui.list_model import ITEM_ROLE, Column, ListModel


def _dot(colour: QColor) -> QPixmap:
    pixmap = QPixmap(10, 10)
    pixmap.fill(colour)
    return pixmap


def agenda_columns() -> list[Column[CalendarPost]]:
    return [
        Column("Day", lambda p: f"{p.local:%a, %b} {p.local.day}", tooltip=chip_tooltip),
        Column("Time", lambda p: time_text(p.local), tooltip=chip_tooltip),
        Column("Post", lambda p: p.title, tooltip=chip_tooltip),
        Column("Networks", lambda p: ", ".join(network_label(n) for n in p.networks) or "—"),
        Column("State", lambda p: p.status.label,
               decoration=lambda p: _dot(status_colour(p.status))),
    ]


class AgendaView(QTreeView):
    """Signals:
        postOpened(int): a row was double-clicked or activated (post number).
    """

    postOpened = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda_model: ListModel[CalendarPost] = ListModel(agenda_columns(), self)
        self.setModel(self.agenda_model)
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        for column in (0, 1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.activated.connect(self._open)

    def set_posts(self, posts: list[CalendarPost]) -> None:
        self.agenda_model.set_items(posts)

    def _open(self, index: QModelIndex) -> None:
        post = index.data(ITEM_ROLE)
        if isinstance(post, CalendarPost):
            self.postOpened.emit(post.id)
