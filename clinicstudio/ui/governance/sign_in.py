"""The sign-in dialog: who is at the desk. Shown on start and after the office's idle time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.ui.governance.common import STYLE, intro, message_label, say


class SignInDialog(QDialog):
    """Asks for a name and passphrase; ``attempt(name, passphrase)`` checks them elsewhere.

    It cannot be dismissed without signing in (Esc does nothing); "Quit" closes the studio.
    """

    def __init__(self, names: list[str], attempt: Callable[[str, str], None],
                 quit_studio: Callable[[], None], parent: QWidget | None = None,
                 reason: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign in to ClinicStudio")
        self.setModal(True)
        self.setStyleSheet(STYLE)
        self._attempt, self._quit = attempt, quit_studio
        layout = QVBoxLayout(self)
        heading = QLabel("Who is at the desk?")
        heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        layout.addWidget(heading)
        layout.addWidget(intro(reason or "Sign in so the posts you write, approve or publish "
                               "carry your name.", self))
        form = QFormLayout()
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItems(names)
        self.name.setMinimumWidth(260)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Your passphrase")
        form.addRow("&Name", self.name)
        form.addRow("&Passphrase", self.passphrase)
        layout.addLayout(form)
        self.message = message_label(self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.sign_in = QPushButton("Sign in")
        self.sign_in.setDefault(True)
        self.quit = QPushButton("Quit ClinicStudio")
        buttons.addButton(self.sign_in, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.sign_in.clicked.connect(self._try)
        self.quit.clicked.connect(self._quit_now)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _try(self) -> None:
        name, passphrase = self.name.currentText().strip(), self.passphrase.text()
        if not name or not passphrase:
            say(self.message, "Type your name and your passphrase.")
            return
        self.sign_in.setEnabled(False)
        say(self.message, "Checking…", ok=True)
        self._attempt(name, passphrase)

    def refused(self, text: str) -> None:
        """The passphrase did not match (or must wait): say so and let them try again."""
        self.passphrase.clear()
        self.sign_in.setEnabled(True)
        say(self.message, text)
        self.passphrase.setFocus()

    def _quit_now(self) -> None:
        super().reject()
        self._quit()

    def reject(self) -> None:  # Esc: somebody has to be at the desk
        say(self.message, "Sign in to go on, or choose Quit ClinicStudio.")
