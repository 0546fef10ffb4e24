"""One network in the Accounts window: who the clinic posts as, the status, the buttons."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clinicstudio.accounts.desk import AccountRow
from clinicstudio.domain import Platform
from clinicstudio.ui.preview.pane import network_icon

#: What connecting asks for, shown on a network that is not connected yet.
_NEEDS = {
    Platform.FACEBOOK: "Needs a Page token from Meta Business Suite.",
    Platform.INSTAGRAM: "Needs the token of the Facebook Page it is linked to.",
    Platform.X: "You sign in to X in your browser.",
    Platform.LINKEDIN: "You sign in to LinkedIn in your browser, as a Page admin.",
    Platform.MASTODON: "Needs your server's address; you approve in your browser.",
    Platform.BLUESKY: "Needs your handle and an app password.",
}


class AccountLine(QFrame):
    """One network: icon, name, who it posts as, its status and its buttons."""

    def __init__(self, row: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setObjectName("accountLine")
        badge = QLabel()
        badge.setPixmap(network_icon(row.network).pixmap(28, 28))
        badge.setFixedWidth(34)
        who = " · ".join(html.escape(part) for part in _who(row) if part)
        title = QLabel(f"<b>{row.network.label}</b>")
        self.details = QLabel(who if row.connected else _NEEDS[row.network])
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)
        self.status = QLabel(row.status)
        self.status.setObjectName("accountStatus")
        self.status.setIndent(0)
        self.status.setProperty("state", row.state)
        self.status.setAccessibleName(f"{row.network.label} status")
        words = QVBoxLayout()
        words.setSpacing(3)
        words.addWidget(title)
        words.addWidget(self.details)
        words.addWidget(self.status, 0, Qt.AlignmentFlag.AlignLeft)
        self.connect_button = QPushButton("Reconnect" if row.connected else "Connect")
        self.connect_button.setAccessibleName(f"{self.connect_button.text()} {row.network.label}")
        if not row.connected or row.state == "expired":
            self.connect_button.setObjectName("primary")
        self.disconnect_button = QPushButton("Disconnect")
        self.disconnect_button.setAccessibleName(f"Disconnect {row.network.label}")
        self.disconnect_button.setVisible(row.connected)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(10)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)
        layout.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.disconnect_button, 0, Qt.AlignmentFlag.AlignVCenter)


def _who(row: AccountRow) -> tuple[str, ...]:
    """Who the clinic posts as: the name, the @handle where the network has one, the server."""
    handle = row.handle
    if row.network in (Platform.FACEBOOK, Platform.LINKEDIN) or handle == row.display_name:
        handle = ""  # a Page name (shown already) or an organization number, not a handle
    elif handle and not handle.startswith("@"):
        handle = f"@{handle}"
    return (row.display_name, handle, row.server)
