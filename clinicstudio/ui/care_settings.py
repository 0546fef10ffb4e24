"""Clinic › Settings…: publishing while the window is closed, and backups, on this computer.

The dialog shows and asks; the work (registering with the system scheduler, writing a backup)
is done by :mod:`clinicstudio.unattended` and :mod:`clinicstudio.safekeeping` on the database
worker thread, so a slow disk or systemd never freezes the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import UserError
from clinicstudio.safekeeping.daily import DEFAULT_KEEP, daily_backup, set_daily_backup
from clinicstudio.unattended.last_run import read_last_run
from clinicstudio.unattended.system_scheduler import SystemScheduler

if TYPE_CHECKING:
    from clinicstudio.ui.workers import Workers


def scheduler_words(scheduler: SystemScheduler) -> tuple[str, bool]:
    """Whether publishing runs while the window is closed, and what its last run did; and
    whether it is registered."""
    status = scheduler.status()
    if status.installed and status.active is not False:
        head = f"On: every 5 minutes and at log-in ({scheduler.name})."
    elif status.installed:
        head = f"Registered but not running ({status.detail})."
    else:
        head = "Off: scheduled posts go out only while ClinicStudio is open."
    last = read_last_run()
    words = head + "\n" + (last.describe() if last else "It has not run on this computer yet.")
    return words, status.installed


class CareSettingsDialog(QDialog):
    """Two boxes: *Publish while ClinicStudio is closed* and *Backups*."""

    def __init__(self, database: str | None, workers: Workers, backup_now: Callable[[Path], Any],
                 parent: QWidget | None = None,
                 scheduler: SystemScheduler | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("careSettings")
        self.workers = workers
        self.scheduler = scheduler or SystemScheduler(db=database)
        self._backup_now = backup_now
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(14)
        layout.addWidget(self._publishing_box())
        layout.addWidget(self._backup_box())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _publishing_box(self) -> QGroupBox:
        box = QGroupBox("Publish while ClinicStudio is closed")
        column = QVBoxLayout(box)
        explain = QLabel("Lets this computer send scheduled posts every 5 minutes even when the "
                         "window is closed, and when you log in. Turn it on on one computer "
                         "that is usually on.")
        explain.setWordWrap(True)
        self.schedule_state = QLabel()
        self.schedule_state.setObjectName("scheduleState")
        self.schedule_state.setWordWrap(True)
        #: What the last Turn on / Turn off did, or why it could not.
        self.schedule_note = QLabel()
        self.schedule_note.setObjectName("scheduleNote")
        self.schedule_note.setWordWrap(True)
        row = QHBoxLayout()
        self.turn_on = QPushButton("Turn on")
        self.turn_off = QPushButton("Turn off")
        self.turn_on.clicked.connect(lambda: self._scheduler_do(self.scheduler.install))
        self.turn_off.clicked.connect(lambda: self._scheduler_do(self.scheduler.remove))
        row.addWidget(self.turn_on)
        row.addWidget(self.turn_off)
        row.addStretch(1)
        for widget in (explain, self.schedule_state):
            column.addWidget(widget)
        column.addLayout(row)
        column.addWidget(self.schedule_note)
        return box

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox("Backups")
        column = QVBoxLayout(box)
        explain = QLabel("A backup is one file with all posts, images, accounts' settings and "
                         "the audit log. A daily one into a folder on another disk keeps the "
                         "clinic's work safe; the oldest beyond the number to keep are deleted.")
        explain.setWordWrap(True)
        column.addWidget(explain)
        form = QFormLayout()
        folder_row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("No daily backup")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_folder)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form.addRow("Daily backup into", folder_row)
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setValue(DEFAULT_KEEP)
        self.keep.setSuffix(" backups")
        form.addRow("Keep the last", self.keep)
        column.addLayout(form)
        row = QHBoxLayout()
        self.save_daily = QPushButton("Save daily backup")
        self.stop_daily = QPushButton("No daily backup")
        self.now = QPushButton("Back up now…")
        self.save_daily.clicked.connect(self._save_daily)
        self.stop_daily.clicked.connect(self._stop_daily)
        self.now.clicked.connect(self._back_up_now)
        for button in (self.save_daily, self.stop_daily):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.now)
        column.addLayout(row)
        self.backup_state = QLabel()
        self.backup_state.setObjectName("backupState")
        self.backup_state.setWordWrap(True)
        column.addWidget(self.backup_state)
        return box

    def fit(self) -> None:
        """As tall as the wrapped explanations and answers need (they change as it works)."""
        width = max(self.width(), self.minimumWidth())
        self.resize(width, self.layout().heightForWidth(width) if self.layout().hasHeightForWidth()
                    else self.sizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    # -- behaviour -----------------------------------------------------------------------
    def refresh(self) -> None:
        self.schedule_state.setText("Checking…")
        self.workers.database(lambda: scheduler_words(self.scheduler),
                              self._show_schedule, self._say_schedule_problem)
        choice = daily_backup()
        self.folder.setText(str(choice.folder) if choice else "")
        self.keep.setValue(choice.keep if choice else DEFAULT_KEEP)
        self.stop_daily.setEnabled(choice is not None)

    def _show_schedule(self, answer: tuple[str, bool]) -> None:
        words, installed = answer
        self.schedule_state.setText(words)
        self.turn_on.setEnabled(not installed)
        self.turn_off.setEnabled(installed)
        self.fit()

    def _scheduler_do(self, work: Callable[[], str]) -> None:
        self.schedule_note.setText("Working…")
        self.workers.database(work, self._scheduler_done, self._scheduler_failed)

    def _scheduler_done(self, said: str) -> None:
        self.schedule_note.setText(said)
        self.refresh()

    def _scheduler_failed(self, exc: Exception) -> None:
        self.schedule_note.setText(str(exc))
        self.refresh()

    def _say_schedule_problem(self, exc: Exception) -> None:
        self.schedule_state.setText(f"Could not ask this computer's scheduler: {exc}")

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for the daily backups",
                                                  self.folder.text() or str(Path.home()))
        if folder:
            self.folder.setText(folder)

    def _save_daily(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.backup_state.setText("Choose a folder for the daily backups first.")
            return
        try:
            choice = set_daily_backup(Path(text), self.keep.value())
        except UserError as exc:  # shown as it is; the dialog stays open
            self.backup_state.setText(str(exc))
            return
        assert choice is not None
        self.backup_state.setText(f"A backup will be made every day into {choice.folder}, "
                                  f"keeping the last {choice.keep}.")
        self.refresh()

    def _stop_daily(self) -> None:
        set_daily_backup(None)
        self.backup_state.setText("Daily backups are off.")
        self.refresh()

    def _back_up_now(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save a backup", str(Path.home() / "clinicstudio-backup.zip"),
            "ClinicStudio backup (*.zip)")
        if name:
            self.back_up_to(Path(name))

    def back_up_to(self, path: Path) -> None:
        self.backup_state.setText("Backing up…")
        self.workers.database(lambda: self._backup_now(path).describe(),
                              self.backup_state.setText,
                              lambda exc: self.backup_state.setText(str(exc)))
