"""The calm strip across the top of the window when a connection is about to stop working.

"Your LinkedIn connection expires on 3 May (in 9 days). [Reconnect] [Later]". It never blocks
anything; Reconnect opens Accounts on that network, Later hides it until the next day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from clinicstudio.accounts import ExpiryWarning
from clinicstudio.accounts.desk import status_words
from clinicstudio.ui import theme


def reminder(warning: ExpiryWarning, others: int, now: datetime | None = None) -> str:
    """The banner's sentence for the soonest ``warning`` (and how many more there are)."""
    now = now or datetime.now(UTC)
    label = warning.network.label
    named = "" if warning.name == label else f" “{warning.name}”"
    day = f"{warning.expires_at.day} {warning.expires_at:%B}"
    if warning.expired:
        text = f"Your {label} connection{named} expired on {day}. Posts to {label} wait until " \
               "you reconnect."
    else:
        words, _state = status_words(warning.expires_at, now)
        when = words.split("(", 1)[1].rstrip(")") if "(" in words else ""
        text = f"Your {label} connection{named} expires on {day}" + (f" ({when})." if when
                                                                      else ".")
    if others:
        text += f" {others} more {'connection needs' if others == 1 else 'connections need'} " \
                "attention in Accounts."
    return text


class ExpiryBanner(QFrame):
    """Signals:
    reconnectRequested(object, str): the network (Platform) and the connection's name.
    dismissed(): "Later" was pressed; the reminder stays away until tomorrow.
    """

    reconnectRequested = Signal(object, str)
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expiryBanner")
        self.setAccessibleName("Connection reminder")
        self.warning: ExpiryWarning | None = None
        self._dismissed_on: date | None = None
        self.icon = QLabel()
        self.icon.setPixmap(theme.icon("warn").pixmap(QSize(18, 18)))
        self.text = QLabel()
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        self.reconnect = QPushButton("Reconnect")
        self.reconnect.setObjectName("primary")
        self.reconnect.clicked.connect(self._reconnect)
        self.later = QPushButton("Later")
        self.later.setToolTip("Hide this reminder until tomorrow")
        self.later.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(10)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.reconnect)
        layout.addWidget(self.later)

    def show_warnings(self, warnings: list[ExpiryWarning], now: datetime | None = None) -> bool:
        """Word the soonest warning; False when there is nothing to say (or it was put off
        today). Whoever holds the banner shows or hides it."""
        now = now or datetime.now(UTC)
        self.warning = warnings[0] if warnings else None
        if self.warning is None or self._dismissed_on == now.date():
            return False
        self.text.setText(reminder(self.warning, len(warnings) - 1, now))
        self.setProperty("expired", self.warning.expired)
        self.style().polish(self)
        return True

    def dismiss(self) -> None:
        self._dismissed_on = datetime.now(UTC).date()
        self.dismissed.emit()

    def _reconnect(self) -> None:
        if self.warning is not None:
            self.reconnectRequested.emit(self.warning.network, self.warning.name)
