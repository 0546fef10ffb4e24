"""Asking which posts of a repeating series a change is for.

* :class:`SeriesScopeDialog`: a short question when a series post gets a new time.
* :class:`SeriesEditBar`: a calm bar above the editor after a series post's text was saved
  (autosave keeps the change on this post until the person widens it).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.planning.series import SeriesScope

SCOPE_LABELS = {
    SeriesScope.THIS: "Only this post",
    SeriesScope.FOLLOWING: "This and following",
    SeriesScope.ALL: "All posts in the series",
}
STYLE = """
QFrame#seriesEdit { background: palette(alternate-base); border: 1px solid #2f74c0;
                    border-radius: 8px; }
"""


class SeriesScopeDialog(QDialog):
    def __init__(self, question: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change a repeating post")
        self.scope: SeriesScope | None = None
        text = QLabel(f"{question}<br><span style='color:palette(placeholder-text)'>Posts that "
                      "have already gone out never change.</span>")
        text.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        for scope, label in SCOPE_LABELS.items():
            button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
            button.clicked.connect(lambda _=False, s=scope: self._choose(s))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)

    def _choose(self, scope: SeriesScope) -> None:
        self.scope = scope
        self.accept()

    @classmethod
    def ask(cls, question: str, parent: QWidget | None) -> SeriesScope | None:
        """The posts chosen, or None when the person cancelled."""
        dialog = cls(question, parent)
        try:
            return dialog.scope if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class SeriesEditBar(QFrame):
    """Signals:
        scopeChosen(int, SeriesScope): apply the saved post's content to these posts.
    """

    scopeChosen = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seriesEdit")
        self.setStyleSheet(STYLE)
        self._post_id: int | None = None
        self._only_this: set[int] = set()
        text = QLabel("This post repeats. Your changes are saved to this post; "
                      "should the other posts of the series change too?")
        text.setWordWrap(True)
        self.buttons: dict[SeriesScope, QPushButton] = {}
        row = QHBoxLayout()
        for scope, label in SCOPE_LABELS.items():
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, s=scope: self._choose(s))
            row.addWidget(button)
            self.buttons[scope] = button
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(text)
        layout.addLayout(row)
        self.hide()

    def offer(self, post_id: int) -> None:
        """A series post was saved: ask, unless the person said "only this post" for it."""
        if post_id in self._only_this:
            return
        self._post_id = post_id
        self.show()

    def forget(self) -> None:
        """Another post is open now: the question no longer applies."""
        self._post_id = None
        self.hide()

    @property
    def post_id(self) -> int | None:
        return self._post_id

    def _choose(self, scope: SeriesScope) -> None:
        post_id = self._post_id
        self.hide()
        if post_id is None:
            return
        if scope is SeriesScope.THIS:
            self._only_this.add(post_id)
            return
        self.scopeChosen.emit(post_id, scope)
