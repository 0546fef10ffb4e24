"""The questions one network needs answered to connect, and nothing more.

Bluesky: handle and app password. Mastodon: the server. X: the office app's client ID (then
the browser). LinkedIn: the client ID, or a pasted token. Facebook and Instagram: a Page token,
or the office's token broker. Secrets are typed into password fields, handed over once and
cleared; they never appear in a label, a tooltip or the log.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from clinicstudio.accounts.desk import BROWSER_SIGN_IN, AccountRow, ConnectRequest
from clinicstudio.accounts.flows import X_PORT
from clinicstudio.domain import Platform

_INTRO = {
    Platform.BLUESKY: "Use an app password, not your main Bluesky password. Make one in Bluesky "
                      "under Settings → Privacy and security → App passwords.",
    Platform.MASTODON: "Type your clinic's Mastodon server. Your browser then opens so you can "
                       "approve ClinicStudio on that server.",
    Platform.X: "Your browser opens so you can sign in to X and approve ClinicStudio. Your "
                f"office's X app needs http://127.0.0.1:{X_PORT}/callback as its callback.",
    Platform.LINKEDIN: "Your browser opens so you can sign in to LinkedIn as a Page admin. "
                       "A LinkedIn connection lasts 60 days; ClinicStudio reminds you before "
                       "it ends.",
    Platform.FACEBOOK: "Paste a long-lived Page token from Meta Business Suite. ClinicStudio "
                       "checks it with Facebook before saving it.",
    Platform.INSTAGRAM: "Paste the long-lived token of the Facebook Page your Instagram "
                        "account is linked to. ClinicStudio checks it before saving it.",
}


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def _field(name: str, placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    return field


class ConnectForm(QWidget):
    """The fields for connecting (or reconnecting) ``network``. :meth:`request` reads them."""

    def __init__(self, network: Platform, row: AccountRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network = network
        self.row = row
        self.handle = _field("Handle", "clinic.bsky.social")
        self.secret = _secret_field("App password" if network is Platform.BLUESKY
                                    else "Access token")
        self.server = _field("Server address", "mastodon.social" if network is Platform.MASTODON
                             else "Only for a server your clinic runs itself")
        self.client_id = _field("Client ID", "From your app's page in the developer portal")
        self.broker = _field("Token broker address", "Optional: https://…")
        intro = QLabel(_INTRO[network])
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        if network is Platform.BLUESKY:
            self.secret.setPlaceholderText("xxxx-xxxx-xxxx-xxxx")
            form.addRow("Handle", self.handle)
            form.addRow("App password", self.secret)
            form.addRow("Server (optional)", self.server)
        elif network is Platform.MASTODON:
            form.addRow("Server", self.server)
        elif network is Platform.X:
            form.addRow("X app client ID", self.client_id)
        elif network is Platform.LINKEDIN:
            self.secret.setPlaceholderText("Only if your app cannot sign in through the browser")
            form.addRow("LinkedIn app client ID", self.client_id)
            form.addRow("Or paste a token", self.secret)
        else:
            self.secret.setPlaceholderText("Paste the token here")
            form.addRow("Page token", self.secret)
            form.addRow("Token broker", self.broker)
        if row is not None and row.connected:
            self.handle.setText(row.handle)
            if network in (Platform.MASTODON, Platform.BLUESKY):
                self.server.setText(row.server)
            self.client_id.setText(row.client_id)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addLayout(form)

    @property
    def uses_browser(self) -> bool:
        """True when connecting waits for the person to approve in the browser."""
        if self.network in BROWSER_SIGN_IN:
            return not (self.network is Platform.LINKEDIN and self.secret.text().strip())
        return bool(self.broker.text().strip()) and not self.secret.text().strip()

    def first_field(self) -> QLineEdit:
        """Where typing starts: the first question not answered yet."""
        if self.network in (Platform.X, Platform.LINKEDIN) and self.client_id.text():
            return self.secret if self.network is Platform.LINKEDIN else self.client_id
        return {Platform.BLUESKY: self.handle, Platform.MASTODON: self.server,
                Platform.X: self.client_id, Platform.LINKEDIN: self.client_id}.get(
            self.network, self.secret)

    def request(self) -> ConnectRequest:
        """What was typed; the secret field is emptied as it is handed over."""
        secret = self.secret.text()
        self.secret.clear()
        return ConnectRequest(
            self.network, name=self.row.name if self.row and self.row.connected else "",
            handle=self.handle.text(), secret=secret, service_url=self.server.text(),
            client_id=self.client_id.text(), broker_url=self.broker.text())
