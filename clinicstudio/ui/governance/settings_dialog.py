"""Clinic › Settings: whether posts need approval, and when the desk asks who is there."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.governance.office import OfficeDesk
from clinicstudio.ui.governance.common import STYLE, intro, message_label, say
from clinicstudio.ui.workers import Workers


class SettingsDialog(QDialog):
    def __init__(self, desk: OfficeDesk, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.workers = desk, workers
        self.setWindowTitle("Office settings")
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(intro("These settings apply to every computer of the office.", self))
        form = QFormLayout()
        self.approval = QCheckBox("Posts need an approver's OK before they go out")
        self.idle = QSpinBox()
        self.idle.setRange(0, 480)
        self.idle.setSuffix(" minutes")
        self.idle.setSpecialValueText("never")
        self.idle.setMaximumWidth(160)
        form.addRow("Approvals", self.approval)
        form.addRow("Ask who is at the desk after", self.idle)
        layout.addLayout(form)
        self.message = message_label(self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        workers.database(desk.settings, self._show, lambda exc: say(self.message, str(exc)))

    def _show(self, loaded: tuple) -> None:
        office, required = loaded
        self.approval.setChecked(required)
        self.idle.setValue(office.idle_minutes)

    def _save(self) -> None:
        approval, idle = self.approval.isChecked(), self.idle.value()
        self.workers.database(
            lambda: self.desk.save_settings(require_approval=approval, idle_minutes=idle),
            lambda _: self.accept(), lambda exc: say(self.message, str(exc)))
