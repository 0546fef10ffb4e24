"""Two calm banners above the editor: the one-person office, and a tampered audit log."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from clinicstudio.ui.governance.common import STYLE


class OnePersonBanner(QFrame):
    """Signals: addStaffRequested()."""

    addStaffRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeBanner")
        self.setStyleSheet(STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.text = QLabel("One-person office: nobody signs in and posts need no approval. "
                           "Add staff accounts so each person signs in and posts are approved "
                           "before they go out.")
        self.text.setWordWrap(True)
        self.add = QPushButton("Add staff…")
        layout.addWidget(self.text, 1)
        layout.addWidget(self.add)
        self.add.clicked.connect(self.addStaffRequested)


class AuditWarning(QLabel):
    """Shown only when the audit log's chain does not hold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditWarning")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#auditWarning { background: #fdecea; color: #8c1d18; "
                           "border: 1px solid #b3261e; border-radius: 8px; padding: 8px; }")
        self.hide()

    def show_problem(self, problem: object) -> None:
        if problem:
            self.setText(f"The audit log was changed behind ClinicStudio's back: {problem} "
                         "Tell the practice manager; Clinic › Audit log shows the details.")
            self.show()
        else:
            self.hide()
