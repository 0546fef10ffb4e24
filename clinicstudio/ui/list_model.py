"""One adapter from a plain list of domain objects to a Qt item model.

Every list in the window (posts, findings, publishing results) is a :class:`ListModel` with
a few :class:`Column` descriptions; the views stay thin and the domain objects stay Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

#: The role under which a row's domain object is available to views and delegates.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column(Generic[T]):
    """How one column shows an item: its text, and optionally a tooltip, icon or colour."""

    title: str
    text: Callable[[T], str]
    tooltip: Callable[[T], str] | None = None
    decoration: Callable[[T], Any] | None = None
    foreground: Callable[[T], Any] | None = None


class ListModel(QAbstractTableModel, Generic[T]):
    """A read-only table over ``items``; replace them all with :meth:`set_items`."""

    def __init__(self, columns: Sequence[Column[T]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._items: list[T] = []

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def update_items(self, items: Sequence[T]) -> list[int] | None:
        """Take ``items``; the rows whose words changed, or None when rows came or went.

        While someone types, most findings only move along the text, and one or two are
        reworded (a network's character count). When the number of rows stays the same the
        items are swapped without resetting the view (no relayout, no lost selection) and only
        the reworded rows are announced, so the view measures those rows again and not all.
        """
        items = list(items)
        if len(items) != len(self._items):
            self.set_items(items)
            return None
        changed = [row for row, (new, old) in enumerate(zip(items, self._items, strict=True))
                   if any(column.text(new) != column.text(old) for column in self._columns)]
        self._items = items
        last = len(self._columns) - 1
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        return changed

    def items(self) -> list[T]:
        return list(self._items)

    def item(self, row: int) -> T:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(item)
        if role == Qt.ItemDataRole.DecorationRole and column.decoration is not None:
            return column.decoration(item)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            return column.foreground(item)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return column.text(item)
        if role == ITEM_ROLE:
            return item
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._columns)):
            return self._columns[section].title
        return None
