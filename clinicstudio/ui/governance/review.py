"""Submit, Approve and Reject in the Post menu and the editor's toolbar, and a post's comments."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.governance.approvals import ReviewNote
from clinicstudio.ui.governance.common import STYLE, intro

VERBS = {"submit": "submitted it", "approve": "approved it", "reject": "sent it back",
         "comment": "commented"}


def thread_html(notes: list[ReviewNote]) -> str:
    if not notes:
        return "<p>No review yet.</p>"
    return "".join(f"<p><b>{n.user_name}</b> {VERBS.get(n.action, n.action)} "
                   f"<span style='color:gray'>{n.at:%b %d, %H:%M} UTC</span>"
                   + (f"<br>{n.note}" if n.note else "") + "</p>" for n in notes)


class ReviewDialog(QDialog):
    """The comments so far, and a note for this step (required to reject)."""

    def __init__(self, title: str, action: str, notes: list[ReviewNote],
                 send: Callable[[str, bool], None], parent: QWidget | None = None,
                 note_required: bool = False, in_series: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(STYLE)
        self.resize(520, 440)
        self._send, self._required = send, note_required
        layout = QVBoxLayout(self)
        layout.addWidget(intro("The review so far:", self))
        history = QTextBrowser()
        history.setHtml(thread_html(notes))
        layout.addWidget(history, 1)
        label = QLabel("What needs to change?" if note_required else "A note (optional):")
        layout.addWidget(label)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(90)
        layout.addWidget(self.note)
        self.whole_series = QCheckBox("Approve every post of this repeating series that keeps "
                                      "exactly this wording")
        self.whole_series.setVisible(in_series)
        layout.addWidget(self.whole_series)
        self.problem = QLabel()
        self.problem.setObjectName("govError")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._go)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _go(self) -> None:
        note = self.note.toPlainText().strip()
        if self._required and len(note) < 3:
            self.problem.setText("Say what needs to change, so the writer knows.")
            return
        self._send(note, self.whole_series.isChecked())
        self.accept()
