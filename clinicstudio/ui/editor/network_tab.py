"""One network's version of the post: the main text, or its own text when the user wants one.

Signals:
    ownTextToggled(): the user switched between the main text and a separate version (read
    ``own.isChecked()``; a bool argument is avoided: PySide6 6.12 miscounts it).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from clinicstudio.domain import Platform
from clinicstudio.ui.editor.post_text import PostTextEdit, Suggest


class NetworkTab(QWidget):
    ownTextToggled = Signal()

    def __init__(self, network: Platform, suggest: Suggest | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network = network
        self.own = QCheckBox(f"Write a separate version for {network.label}")
        self.own.setAccessibleName(f"Separate text for {network.label}")
        self.text = PostTextEdit(f"{network.label} text", suggest)
        # Says why typing here does nothing while the tab shows the main text (greyed box).
        self.inherits_note = QLabel(
            f"{network.label} uses the main text, shown below. To change it for "
            f"{network.label} only, tick the box above.")
        self.inherits_note.setObjectName("hint")
        self.inherits_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.own)
        layout.addWidget(self.inherits_note)
        layout.addWidget(self.text)
        self.own.toggled.connect(self._toggled)
        self._toggled(False)

    def set_state(self, own_text: str | None, main_text: str) -> None:
        self.own.blockSignals(True)
        self.own.setChecked(own_text is not None)
        self.own.blockSignals(False)
        self._set_inherits(own_text is None)
        self.text.setPlainText(main_text if own_text is None else own_text)
        self._placeholder()

    def show_main_text(self, main_text: str) -> None:
        """Keep an inheriting tab in step with the main text (only when it is looked at)."""
        if not self.own.isChecked() and self.text.toPlainText() != main_text:
            self.text.setPlainText(main_text)

    def own_text(self) -> str | None:
        return self.text.toPlainText() if self.own.isChecked() else None

    def _toggled(self, on: bool) -> None:
        self._set_inherits(not on)
        self._placeholder()
        self.ownTextToggled.emit()

    def _set_inherits(self, inherits: bool) -> None:
        self.text.setReadOnly(inherits)
        self.inherits_note.setVisible(inherits)
        # The style sheet greys a read-only box; re-polish so the look follows the property.
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)

    def _placeholder(self) -> None:
        self.text.setPlaceholderText(
            f"Text only for {self.network.label}" if self.own.isChecked()
            else "Uses the main text. Tick the box above to write a separate version.")
