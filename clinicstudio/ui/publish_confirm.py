"""The one question before "Publish now" (button or Ctrl+Enter) sends a post.

It names the networks, who will see the post on each, and anything unusual (a connected network
left out, a check overridden, an image changed for a network). A person can turn the question
off for this computer ("desk"); the choice lives in the window settings, not the database.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.ui.window_settings import window_settings

if TYPE_CHECKING:
    from clinicstudio.publish_question import PublishQuestion
    from clinicstudio.ui.main_window import MainWindow

ASK_KEY = "publishing/ask_before_publish"


def asks_before_publishing() -> bool:
    return str(window_settings().value(ASK_KEY, "true")).lower() != "false"


def set_asks_before_publishing(ask: bool) -> None:
    settings = window_settings()
    settings.setValue(ASK_KEY, "true" if ask else "false")
    settings.sync()


def install(window: MainWindow) -> QAction:
    """Post › Ask before publishing: the way to turn the question on again on this desk."""
    action = QAction("&Ask before publishing", window, checkable=True)
    action.setToolTip("Show who will see a post, and anything unusual, before Publish now "
                      "sends it (this computer only)")
    action.setChecked(asks_before_publishing())
    action.toggled.connect(set_asks_before_publishing)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None and window.actions_.publish in menu.actions():
            menu.insertAction(window.actions_.schedule, action)
    return action


def _list(items: tuple[str, ...]) -> str:
    return "".join(f"<li>{html.escape(item)}</li>" for item in items)


class PublishConfirmDialog(QDialog):
    """Yes publishes; the tick box stops the question on this computer."""

    def __init__(self, question: PublishQuestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publish now?")
        self.setAccessibleName("Confirm publishing")
        heading = QLabel(f"<b>{html.escape(question.title)}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        parts = [f"<p><b>Who sees it</b></p><ul>{_list(question.audience)}</ul>"]
        if question.unusual:
            parts.append(f"<p><b>Please check</b></p><ul>{_list(question.unusual)}</ul>")
        if question.demo:
            parts.append("<p>This is a demo clinic post: it will not be published.</p>")
        self.details = QLabel("".join(parts))
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setAccessibleName("What publishing will do")
        self.dont_ask = QCheckBox("Don't ask again on this computer")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.publish = buttons.button(QDialogButtonBox.StandardButton.Yes)
        count = len(question.networks)
        self.publish.setText(f"Publish to {count} network{'s' if count != 1 else ''}")
        self.publish.setObjectName("primary")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.details)
        layout.addWidget(self.dont_ask)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    @classmethod
    def ask(cls, question: PublishQuestion, parent: QWidget | None) -> bool:
        """True to publish. Remembers "don't ask again" only when the answer is yes."""
        dialog = cls(question, parent)
        try:
            yes = dialog.exec() == QDialog.DialogCode.Accepted
            if yes and dialog.dont_ask.isChecked():
                set_asks_before_publishing(False)
            return yes
        finally:
            dialog.deleteLater()
