"""Clinic → Accounts…: each network's connection, with Connect, Reconnect and Disconnect.

The dialog only shows and asks; :class:`~clinicstudio.accounts.desk.AccountsDesk` decides and
does the work on a worker thread (the network pool for connecting, which may wait minutes for
the browser; the database thread for the list and disconnecting).
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.accounts.desk import AccountRow, AccountsDesk, BrowserSignIn, SignInCancelled
from clinicstudio.domain import Changes, Platform
from clinicstudio.ui.accounts.account_line import AccountLine
from clinicstudio.ui.accounts.connect_form import ConnectForm
from clinicstudio.ui.workers import Workers


class AccountsDialog(QDialog):
    """Signals:
    changed(Changes): an account was connected, reconnected or disconnected.
    """

    changed = Signal(object)

    def __init__(self, desk: AccountsDesk, workers: Workers, parent: QWidget | None = None,
                 open_browser: Callable[[str], object] = webbrowser.open) -> None:
        super().__init__(parent)
        self.setWindowTitle("Accounts")
        self.setObjectName("accountsDialog")
        self.desk, self.workers, self._open_browser = desk, workers, open_browser
        self.lines: dict[str, AccountLine] = {}
        self.form: ConnectForm | None = None
        self._sign_in: BrowserSignIn | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._list_page())
        self.pages.addWidget(self._form_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addWidget(self.pages)
        self.resize(660, 680)
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _list_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel("ClinicStudio posts through these accounts. Passwords and tokens stay in "
                       "this computer's keyring, never in the database or on screen.")
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("accountMessage")
        self.message.hide()
        self._column = QVBoxLayout()
        self._column.setSpacing(8)
        holder = QWidget()
        holder.setObjectName("accountList")
        holder.setLayout(self._column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        return page

    def _form_page(self) -> QWidget:
        page = QWidget()
        self.form_title = QLabel()
        self.form_title.setObjectName("dialogTitle")
        self._form_holder = QVBoxLayout()
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.progress.setObjectName("accountMessage")
        self.progress.hide()
        self.back = QPushButton("Back")
        self.back.clicked.connect(self._back)
        self.cancel = QPushButton("Cancel")
        self.cancel.clicked.connect(self.cancel_sign_in)
        self.cancel.hide()
        self.submit = QPushButton("Connect")
        self.submit.setObjectName("primary")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self._connect)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.submit)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.form_title)
        layout.addLayout(self._form_holder)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # -- the list ------------------------------------------------------------------------
    def refresh(self) -> None:
        self.workers.database(self.desk.rows, self._show_rows, self._show_problem)

    def _show_rows(self, rows: list[AccountRow]) -> None:
        for line in self.lines.values():
            line.deleteLater()
        self.lines.clear()
        while self._column.count():
            self._column.takeAt(0)
        for row in rows:
            line = AccountLine(row)
            line.connect_button.clicked.connect(lambda _c=False, r=row: self.open_form(r))
            line.disconnect_button.clicked.connect(lambda _c=False, r=row: self._disconnect(r))
            self.lines[row.name or row.network.value] = line
            self._column.addWidget(line)
        self._column.addStretch(1)

    def line_for(self, network: Platform) -> AccountLine:
        """The first line of ``network`` (tests and the banner use it)."""
        return next(line for line in self.lines.values() if line.row.network is network)

    def say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("problem", problem)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))

    def _show_problem(self, exc: Exception) -> None:
        self.say(str(exc), problem=True)

    # -- connecting ----------------------------------------------------------------------
    def open_at(self, network: Platform, name: str = "") -> None:
        """Open the (re)connect form of ``network``: the banner's one-click reconnect."""
        line = self.lines.get(name) if name else None
        row = line.row if line else AccountRow(network, name)
        self.open_form(row)

    def open_form(self, row: AccountRow) -> None:
        if self.form is not None:
            self.form.deleteLater()
        self.form = ConnectForm(row.network, row)
        self._form_holder.addWidget(self.form)
        verb = "Reconnect" if row.connected else "Connect"
        self.form_title.setText(f"<b>{verb} {row.network.label}</b>")
        self.submit.setText(verb)
        self._set_busy(False)
        self.progress.hide()
        self.pages.setCurrentIndex(1)
        self.form.first_field().setFocus()

    def _connect(self) -> None:
        assert self.form is not None
        browser = self.form.uses_browser
        request = self.form.request()
        self._sign_in = BrowserSignIn(self._open_browser)
        sign_in = self._sign_in
        self._set_busy(True)
        self.progress.setProperty("problem", False)
        self.progress.style().polish(self.progress)
        self.progress.setText("Waiting for you to approve in your browser…" if browser
                              else f"Checking with {request.network.label}…")
        self.progress.show()
        self.workers.network(lambda: self.desk.connect(request, sign_in),
                             lambda changes: self._connected(request.network, changes),
                             self._connect_failed)

    def _connected(self, network: Platform, changes: Changes) -> None:
        self._sign_in = None
        self._set_busy(False)
        self.pages.setCurrentIndex(0)
        self.say(f"{network.label} is connected.")
        self.refresh()
        self.changed.emit(changes)

    def _connect_failed(self, exc: Exception) -> None:
        self._sign_in = None
        self._set_busy(False)
        if isinstance(exc, SignInCancelled):
            self.progress.setText("Cancelled. Nothing was changed.")
            self.progress.setProperty("problem", False)
        else:
            self.progress.setText(str(exc))
            self.progress.setProperty("problem", True)
        self.progress.style().polish(self.progress)
        self.progress.show()

    def cancel_sign_in(self) -> None:
        """Stop waiting for the browser (the answer arrives as "Cancelled")."""
        if self._sign_in is not None:
            sign_in = self._sign_in
            self.cancel.setEnabled(False)
            self.workers.network(sign_in.cancel)

    def _set_busy(self, busy: bool) -> None:
        if self.form is not None:
            self.form.setEnabled(not busy)
        self.submit.setEnabled(not busy)
        self.back.setEnabled(not busy)
        self.cancel.setVisible(busy)
        self.cancel.setEnabled(busy)

    def _back(self) -> None:
        self.pages.setCurrentIndex(0)

    # -- disconnecting -------------------------------------------------------------------
    def confirm_disconnect(self, row: AccountRow) -> bool:
        """Ask before forgetting an account (tests replace this)."""
        answer = QMessageBox.question(
            self, "Disconnect", f"Disconnect {row.network.label} ({row.name})? ClinicStudio "
            "removes its password from this computer's keyring and stops posting there.")
        return answer == QMessageBox.StandardButton.Yes

    def _disconnect(self, row: AccountRow) -> None:
        if not self.confirm_disconnect(row):
            return
        self.workers.database(lambda: self.desk.disconnect(row.name),
                              lambda changes: self._disconnected(row, changes),
                              self._show_problem)

    def _disconnected(self, row: AccountRow, changes: Changes) -> None:
        self.say(f"{row.network.label} is disconnected; its password was removed from this "
                 "computer.")
        self.refresh()
        self.changed.emit(changes)

    def done(self, result: int) -> None:
        self.cancel_sign_in()  # a sign-in left waiting would hold a worker for minutes
        super().done(result)
