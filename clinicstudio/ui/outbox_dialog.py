"""Clinic → Posts on their way out…: what is waiting, being sent or failed, per network.

A row left "sending" by a ClinicStudio that stopped is marked stuck and can be released here
(the next pick-up checks the network before sending it again). ``publish-due`` and the window's
own scheduler release such rows by themselves; this is for a person who will not wait.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Changes, Platform, UserError

if TYPE_CHECKING:
    from clinicstudio.publishing.outbox import OutboxRow
    from clinicstudio.ui.main_window import MainWindow

HEADERS = ("Post", "Network", "State", "Note")


class OutboxDialog(QDialog):
    """The rows not yet sent, and a Release button for a stuck one."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle("Posts on their way out")
        self.rows: list[OutboxRow] = []
        intro = QLabel("Each network a post is waiting for, being sent to, or failed on. A post "
                       "marked stuck was being sent when ClinicStudio stopped; release it and "
                       "it is checked on the network before it is sent again.")
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.release_button = QPushButton("Release")
        self.release_button.setToolTip("Put the selected post back to waiting; the network is "
                                       "checked before it is sent again")
        self.release_button.setEnabled(False)
        buttons.addButton(self.release_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.release_button.clicked.connect(self.release_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def reload(self) -> None:
        # Imported when the dialog is used: the outbox brings the network senders (requests).
        from clinicstudio.publishing import outbox

        db = self.window_.studio.db
        self.window_.workers.database(lambda: outbox.waiting_rows(db, datetime.now(UTC)),
                                      self.show_rows, self._failed)

    def show_rows(self, rows: list[OutboxRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = (f"{row.title or 'Untitled post'} (#{row.post_id})",
                     Platform(row.network).label, row.state_words, row.message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()
        self.status.setText("" if rows else "Nothing is waiting to go out.")
        self._selection_changed()

    def selected(self) -> OutboxRow | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.rows[chosen[0].row()] if chosen else None

    def _selection_changed(self) -> None:
        row = self.selected()
        self.release_button.setEnabled(row is not None and row.state == "sending")

    def release_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        force = not row.stuck and self.confirm_force(row)
        if not row.stuck and not force:
            return
        from clinicstudio.publishing import outbox

        db, actor = self.window_.studio.db, self.window_.studio.current_user()[0]
        self.window_.workers.database(
            lambda: outbox.release_row(db, row.id, datetime.now(UTC), actor=actor, force=force),
            self._released, self._failed)

    def confirm_force(self, row: OutboxRow) -> bool:
        """A sender still seems to be at work: release only if the person is sure."""
        answer = QMessageBox.question(
            self, "Release this post?",
            f"ClinicStudio still seems to be sending this post to "
            f"{Platform(row.network).label}. Release it only if no other ClinicStudio is "
            "running. Release it anyway?")
        return answer == QMessageBox.StandardButton.Yes

    def _released(self, row: OutboxRow) -> None:
        self.status.setText(f"Released. {Platform(row.network).label} is checked first at the "
                            "next pick-up, and the post is sent only if it is not there yet.")
        self.window_.broadcast(Changes(posts=frozenset({row.post_id}), outbox=True))
        self.reload()

    def _failed(self, error: Exception) -> None:
        self.status.setText(str(error) if isinstance(error, UserError)
                            else "That did not work just now; try again in a moment.")


def install(window: MainWindow) -> QAction:
    """Clinic → Posts on their way out… (the one hook the main window calls)."""
    action = QAction("Posts on their way &out…", window)
    action.setToolTip("See what is waiting to be sent, and release a stuck post")
    dialogs: list[OutboxDialog] = []

    def open_dialog() -> None:
        if not dialogs:
            dialogs.append(OutboxDialog(window))
        dialogs[0].reload()
        dialogs[0].show()
        dialogs[0].raise_()

    action.triggered.connect(open_dialog)
    for owner in window.actions_.clinic.associatedObjects():
        if isinstance(owner, QMenu):
            owner.addAction(action)
    return action
