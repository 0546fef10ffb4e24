"""The findings list: everything the checks found, worst first; a click shows it in the text.

Signals:
    findingActivated(Reviewed): the user picked a finding (the editor selects its span).
    fixRequested(Reviewed, Fix): the user chose a fix from the list.
    overrideRequested(Reviewed): the user wants to publish despite a blocking finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Category, Role, Severity
from clinicstudio.ui import theme
from clinicstudio.ui.editor.editor_pane import ReviewState
from clinicstudio.ui.list_model import Column, ListModel

if TYPE_CHECKING:
    from clinicstudio.app import Reviewed

_ORDER = {Severity.BLOCK: 0, Severity.WARN: 1, Severity.INFO: 2}
_WORD = {Severity.BLOCK: "Must fix", Severity.WARN: "Check", Severity.INFO: "Tip"}
#: The columns sized to their words (the severity and where); the finding takes the rest.
_FITTED = (0, 2)


def _where(row: Reviewed) -> str:
    return "Main text" if row.network is None else row.network.label


def _tooltip(row: Reviewed) -> str:
    text = f"{_WORD[row.finding.severity]} ({row.finding.rule}): {row.finding.message}"
    return text + (f"\nTry: {row.finding.suggestion}" if row.finding.suggestion else "")


class FindingsPane(QWidget):
    findingActivated = Signal(object)
    fixRequested = Signal(object, object)
    overrideRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._overridden: set[tuple[str, str]] = set()
        self._may_override = False
        self.model: ListModel[Reviewed] = ListModel([
            Column("", lambda r: _WORD[r.finding.severity],
                   decoration=lambda r: theme.icon(str(r.finding.severity)),
                   tooltip=_tooltip),
            Column("Finding", lambda r: r.finding.message, tooltip=_tooltip),
            Column("Where", _where),
        ], self)
        self.summary = QLabel("No post open.")
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setAccessibleName("Findings")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # The narrow columns are fitted when the rows change (see show_review), not by the
        # header's ResizeToContents, which measured every row again on every keystroke.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.fix = QPushButton(theme.icon("fix"), "Fix…")
        self.fix.setAccessibleName("Fix the selected finding")
        self.override = QPushButton(theme.icon("override"), "Override…")
        self.override.setAccessibleName("Override the selected finding")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.fix)
        buttons.addWidget(self.override)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.table.clicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.customContextMenuRequested.connect(
            lambda pos: self._fix_menu(self.table.viewport().mapToGlobal(pos)))
        self.fix.clicked.connect(lambda: self._fix_menu(self.fix.mapToGlobal(
            self.fix.rect().bottomLeft())))
        self.override.clicked.connect(self._override)
        self._update_buttons()

    def set_role(self, role: Role) -> None:
        self._may_override = role.may_override
        self._update_buttons()

    def show_review(self, state: ReviewState) -> None:
        rows = sorted(state.rows, key=lambda r: (_ORDER[r.finding.severity], r.finding.start))
        selected = self.selected()
        # Most keystrokes only move the findings along the text or reword one of them (a
        # character count): then only the reworded rows are measured again (measuring every
        # row's wrapped height cost a few ms per key).
        changed = self.model.update_items(rows)
        if changed is None:
            if selected in rows:
                self.table.selectRow(rows.index(selected))
            for column in _FITTED:
                self.table.resizeColumnToContents(column)
            self.table.resizeRowsToContents()
        else:
            for column in _FITTED:
                wanted = max((self.table.sizeHintForIndex(self.model.index(row, column)).width()
                              for row in changed), default=0)
                if wanted > self.table.columnWidth(column):
                    self.table.setColumnWidth(column, wanted)
            for row in changed:
                self.table.resizeRowToContents(row)
        if state.post is None:
            self.summary.setText("No post open.")
        elif not rows:
            self.summary.setText("Nothing found. This post is ready to go.")
        else:
            blocking = len(state.blocking)
            self.summary.setText(
                f"{len(rows)} finding{'s' * (len(rows) != 1)}"
                + (f", {blocking} must be fixed before publishing." if blocking else
                   ". Nothing blocks publishing."))
        self._update_buttons()

    def selected(self) -> Reviewed | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _activated(self, index: QModelIndex) -> None:
        self.findingActivated.emit(self.model.item(index.row()))

    def _update_buttons(self) -> None:
        row = self.selected()
        self.fix.setEnabled(row is not None and bool(row.finding.fixes))
        # A network's own limits cannot be overridden: the network would refuse the post.
        blocks = (row is not None and row.finding.blocks
                  and row.finding.category is not Category.PLATFORM)
        self.override.setEnabled(blocks and self._may_override)
        self.override.setToolTip(
            "Publish despite this finding, with a written reason for the record"
            if self._may_override else "Only an approver or an administrator may override")

    def _fix_menu(self, where: object) -> None:
        row = self.selected()
        if row is None or not row.finding.fixes:
            return
        menu = QMenu(self)
        for fix in row.finding.fixes:
            action = menu.addAction(theme.icon("fix"), fix.label)
            action.triggered.connect(lambda _=False, f=fix: self.fixRequested.emit(row, f))
        menu.exec(where)  # type: ignore[call-overload]
        menu.deleteLater()

    def _override(self) -> None:
        row = self.selected()
        if row is not None and row.finding.blocks:
            self.overrideRequested.emit(row)
