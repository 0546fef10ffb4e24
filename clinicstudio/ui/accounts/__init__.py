"""Connected accounts in the window: Clinic → Accounts… and the reminder before one expires.

The main window makes one call for each: :func:`add_accounts_menu` (the menu entry and the
dialog behind it) and :func:`add_expiry_banner` (checked when the window opens and every hour,
so a connection running out is announced on the day it matters).
"""

from __future__ import annotations

import webbrowser
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar

from clinicstudio.accounts import ExpiryWarning
from clinicstudio.domain import Platform
from clinicstudio.ui import theme
from clinicstudio.ui.accounts.banner import ExpiryBanner

if TYPE_CHECKING:
    from clinicstudio.ui.accounts.dialog import AccountsDialog
    from clinicstudio.ui.main_window import MainWindow

#: How often the expiry reminder looks again (a day changes while the window stays open).
RECHECK_MS = 60 * 60 * 1000


class AccountsEntry(QObject):
    """The Accounts menu entry and its (single, non-modal) dialog.

    Signals:
        changed(Changes): an account was connected or disconnected.
    """

    changed = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: AccountsDialog | None = None
        #: How sign-in pages are opened (tests play the person in the browser).
        self.open_browser = webbrowser.open
        self.action = QAction(theme.icon("link"), "&Accounts…", window)
        self.action.setToolTip("Connect the clinic's Facebook, Instagram, X, LinkedIn, Mastodon "
                               "and Bluesky accounts")
        self.action.triggered.connect(lambda: self.open())
        for owner in window.actions_.clinic.associatedObjects():
            if isinstance(owner, QMenu):
                owner.addAction(self.action)
        window.installEventFilter(self)

    def open(self, network: Platform | None = None, name: str = "") -> AccountsDialog:
        """Show Accounts (on ``network``'s reconnect form when given) and bring it forward."""
        if self.dialog is None:
            # The dialog and its sign-in flows load when Accounts is first opened.
            from clinicstudio.ui.accounts.dialog import AccountsDialog

            desk = self.window.studio.pane_service("accounts")
            self.dialog = AccountsDialog(desk, self.window.workers, self.window,
                                         self.open_browser)
            self.dialog.changed.connect(self.changed)
            self.dialog.finished.connect(self._closed)
        if network is not None:
            self.dialog.open_at(network, name)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.dialog:
            self.dialog.close()  # ends a browser sign-in still waiting, before the workers stop
        return False


class ExpiryWatch(QObject):
    """Looks for connections that expire within two weeks and shows the banner."""

    def __init__(self, window: MainWindow, accounts: AccountsEntry) -> None:
        super().__init__(window)
        self.window = window
        self.banner = ExpiryBanner()
        self.bar = QToolBar("Reminders")
        self.bar.setObjectName("reminderBar")
        self.bar.setMovable(False)
        self.bar.setFloatable(False)
        self.bar.toggleViewAction().setVisible(False)
        self.bar.addWidget(self.banner)  # the bar, not the banner, comes and goes
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.hide()
        self.timer = QTimer(self, interval=RECHECK_MS)
        self.timer.timeout.connect(self.check)
        self.banner.reconnectRequested.connect(accounts.open)
        self.banner.dismissed.connect(self.bar.hide)
        accounts.changed.connect(lambda _changes: self.check())
        window.installEventFilter(self)
        self.timer.start()
        self.check()

    def check(self) -> None:
        desk = self.window.studio.pane_service("accounts")
        self.window.workers.database(desk.expiring, self._show)

    def _show(self, warnings: list[ExpiryWarning]) -> None:
        self.bar.setVisible(self.banner.show_warnings(warnings))

    @property
    def showing(self) -> bool:
        return self.bar.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.timer.stop()  # nothing may tick behind a closed window
        return False


def add_accounts_menu(window: MainWindow) -> AccountsEntry:
    """Clinic → Accounts…; its ``changed`` signal is broadcast to the panes."""
    entry = AccountsEntry(window)
    entry.changed.connect(window.broadcast)
    return entry


def add_expiry_banner(window: MainWindow, accounts: AccountsEntry) -> ExpiryWatch:
    """The reminder strip under the toolbar; its Reconnect opens ``accounts`` on the network."""
    return ExpiryWatch(window, accounts)
