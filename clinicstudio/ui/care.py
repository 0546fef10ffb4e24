"""Looking after the studio while it runs: Clinic › Settings…, the Help menu, the tray icon,
problems announced as they happen and the daily backup while the window is open.

The main window makes one call, :func:`install_care`, after its panes are in place.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QSystemTrayIcon

from clinicstudio.ui import theme

if TYPE_CHECKING:
    from clinicstudio.store.database import Database
    from clinicstudio.timetable import DueRun
    from clinicstudio.ui.main_window import MainWindow

# The daily backup is looked at hourly while the window is open (it is made once a day).
BACKUP_CHECK_MS = 60 * 60 * 1000
FIRST_BACKUP_CHECK_MS = 2 * 60 * 1000
# How long a tray message stays up.
MESSAGE_MS = 15_000


def scheduler_database(db: Database) -> str:
    """The database as the scheduled task must name it (a full path, or the full URL)."""
    if db.dialect == "sqlite":
        return str(db.url.database)
    return db.url.render_as_string(hide_password=False)


class _ProblemBridge(logging.Handler):
    """Hands ClinicStudio's errors (from any thread) to the window, as a queued Qt signal."""

    def __init__(self, care: Care) -> None:
        super().__init__(level=logging.ERROR)
        self.care = care

    def emit(self, record: logging.LogRecord) -> None:
        self.care.problem.emit(record.getMessage())


class Care(QObject):
    """Signals:
    problem(str): something failed that a person should know about (already in the log).
    """

    problem = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.shown: list[str] = []  # the messages shown, newest last (tests read it)
        self._dialogs: dict[str, object] = {}
        self.settings_action = QAction("&Settings…", window)
        self.settings_action.setToolTip("Publishing while the window is closed, and backups")
        self.settings_action.triggered.connect(self.open_settings)
        for owner in window.actions_.clinic.associatedObjects():
            if isinstance(owner, QMenu):
                owner.addSeparator()
                owner.addAction(self.settings_action)
        self.help_menu = self._help_menu()
        self.tray = self._tray()
        self.problem.connect(self.announce)
        on_time = getattr(window, "on_time", None)
        if on_time is not None:  # posts the open window publishes on time
            on_time.clock.pickedUp.connect(self._picked_up)
        self._bridge = _ProblemBridge(self)
        logging.getLogger("clinicstudio").addHandler(self._bridge)
        self.backup_timer = QTimer(self, interval=BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.back_up_if_due)
        self.first_backup = QTimer(self, singleShot=True, interval=FIRST_BACKUP_CHECK_MS)
        self.first_backup.timeout.connect(self.back_up_if_due)
        self.first_backup.start()
        self.backup_timer.start()
        window.installEventFilter(self)

    # -- menus ---------------------------------------------------------------------------
    def _help_menu(self) -> QMenu:
        menu = self.window.menuBar().addMenu("&Help")
        for text, slot in (("&User guide", self.open_guide), ("Open the &log", self.open_log),
                           ("Last &problems…", self.open_problems), (None, None),
                           ("&About ClinicStudio", self.about)):
            if text is None:
                menu.addSeparator()
            else:
                menu.addAction(text).triggered.connect(slot)
        return menu

    def _tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(theme.icon("clinic"), self)
        tray.setToolTip("ClinicStudio")
        menu = QMenu(self.window)
        menu.addAction("Show ClinicStudio").triggered.connect(self._bring_forward)
        menu.addAction("Last problems…").triggered.connect(self.open_problems)
        menu.addSeparator()
        menu.addAction("Quit").triggered.connect(self.window.close)
        tray.setContextMenu(menu)
        tray.activated.connect(lambda _reason: self._bring_forward())
        tray.messageClicked.connect(self.open_problems)
        tray.show()
        return tray

    # -- telling someone -----------------------------------------------------------------
    def announce(self, message: str, title: str = "ClinicStudio: something needs attention"
                 ) -> None:
        """A tray message when there is a tray, else the status bar; the log already has it."""
        self.shown.append(message)
        if self.tray is not None:
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning,
                                  MESSAGE_MS)
        self.window.statusBar().showMessage(f"{message} (Help › Last problems)", MESSAGE_MS)

    def _picked_up(self, run: DueRun) -> None:
        if run.failed:
            zone = self.window.on_time.timetable.zone()
            self.announce(run.message(zone), "ClinicStudio: a scheduled post could not go out")

    def back_up_if_due(self) -> None:
        from clinicstudio.safekeeping.daily import backup_if_due

        studio = getattr(self.window, "studio", None)
        if studio is None:
            return
        self.window.workers.database(
            lambda: backup_if_due(studio.db),
            lambda made: made and self.window.statusBar().showMessage(
                f"Today's backup is saved: {made}", MESSAGE_MS),
            lambda exc: self.announce(f"Today's backup could not be made: {exc}",
                                      "ClinicStudio: today's backup could not be made"))

    # -- windows -------------------------------------------------------------------------
    def open_settings(self) -> object:
        from clinicstudio.safekeeping.archive import make_backup
        from clinicstudio.ui.care_settings import CareSettingsDialog

        db = self.window.studio.db
        return self._show("settings", lambda: CareSettingsDialog(
            scheduler_database(db), self.window.workers,
            lambda path: make_backup(db, Path(path)), self.window))

    def open_guide(self) -> object:
        from clinicstudio.ui.help_views import GuideWindow

        return self._show("guide", lambda: GuideWindow(self.window))

    def open_problems(self) -> object:
        from clinicstudio.ui.help_views import ProblemsWindow

        self._dialogs.pop("problems", None)  # always fresh: problems come and go
        return self._show("problems", lambda: ProblemsWindow(self.window))

    def open_log(self) -> None:
        from clinicstudio.ui.help_views import open_log

        open_log()

    def about(self) -> None:
        from clinicstudio.ui.help_views import about_text

        studio = getattr(self.window, "studio", None)
        QMessageBox.about(self.window, "About ClinicStudio",
                          about_text(studio.db.describe() if studio else "not open yet"))

    def _show(self, key: str, make: object) -> object:
        dialog = self._dialogs.get(key)
        if dialog is None:
            dialog = self._dialogs[key] = make()  # type: ignore[operator]
        dialog.show()  # type: ignore[attr-defined]
        dialog.raise_()  # type: ignore[attr-defined]
        return dialog

    def _bring_forward(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            # Nothing may tick or listen behind a closed window.
            self.backup_timer.stop()
            self.first_backup.stop()
            self.window.statusBar().clearMessage()  # its message timer too
            logging.getLogger("clinicstudio").removeHandler(self._bridge)
            if self.tray is not None:
                self.tray.hide()
        return False


def install_care(window: MainWindow) -> Care:
    return Care(window)
