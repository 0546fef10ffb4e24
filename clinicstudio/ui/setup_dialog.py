"""First run: the clinic's public details, which the checks use to tell the clinic's own phone
number or staff names from a patient's, and the offer to explore the demo clinic first."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import available_timezones

from PySide6.QtCore import QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import ClinicIdentity
from clinicstudio.ui import theme

DEMO = "demo"


@dataclass(frozen=True)
class ClinicSetup:
    name: str
    phones: list[str]
    address: str
    website: str
    staff: list[str]
    time_zone: str


class SetupDialog(QDialog):
    def __init__(self, current: ClinicIdentity | None, offer_demo: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up your clinic")
        self.setWindowIcon(theme.icon("clinic"))
        self.wants_demo = False
        current = current or ClinicIdentity()
        intro = QLabel(
            "<b>Welcome to ClinicStudio.</b><br>These public details let the checks recognise "
            "your clinic's own phone number, address and staff, so they are not mistaken for a "
            "patient's. Nothing leaves this computer.")
        intro.setWordWrap(True)
        self.name = self._line("Clinic name", current.name, "Maple Grove Family Health")
        self.phones = self._line("Phone numbers", ", ".join(current.phones), "(555) 010-2000")
        self.address = self._line("Address", "; ".join(current.addresses),
                                  "12 Main Street, Springfield")
        self.website = self._line("Website", ", ".join(current.websites), "www.example-clinic.com")
        self.staff = QPlainTextEdit("\n".join(current.staff))
        self.staff.setAccessibleName("Staff names")
        self.staff.setPlaceholderText("One name per line. Put your own name first.")
        self.staff.setFixedHeight(90)
        self.zone = QComboBox()
        self.zone.setAccessibleName("Time zone")
        self.zone.setEditable(True)
        self.zone.addItems(sorted(z for z in available_timezones() if "/" in z))
        system = QTimeZone.systemTimeZoneId().data().decode() or "UTC"
        self.zone.setCurrentText(current.time_zone if current.name else system)
        form = QFormLayout()
        form.setSpacing(8)
        for label, widget in (("Clinic name", self.name), ("Phone numbers", self.phones),
                              ("Address", self.address), ("Website", self.website),
                              ("Staff", self.staff), ("Time zone", self.zone)):
            form.addRow(label, widget)
        # Closing the dialog (or "Later") changes nothing; the demo opens only when asked for.
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        if offer_demo:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Later")
        self.save = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save.setText("Save my clinic")
        self.save.setObjectName("primary")
        self.demo = QPushButton("Explore the demo clinic")
        self.demo.setToolTip("Opens a made-up clinic in a separate window; nothing in it is "
                             "published and your own database stays empty")
        self.demo.setAccessibleName("Explore the demo clinic")
        self.demo.setVisible(offer_demo)
        buttons.addButton(self.demo, QDialogButtonBox.ButtonRole.ActionRole)
        self.demo.clicked.connect(self._demo)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda t: self.save.setEnabled(bool(t.strip())))
        self.save.setEnabled(bool(self.name.text().strip()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _line(self, name: str, value: str, example: str) -> QLineEdit:
        line = QLineEdit(value, placeholderText=f"e.g. {example}")
        line.setAccessibleName(name)
        return line

    def _demo(self) -> None:
        self.wants_demo = True
        self.accept()

    def answer(self) -> ClinicSetup | str | None:
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        if self.wants_demo:
            return DEMO
        split = [p.strip() for p in self.phones.text().replace(";", ",").split(",")]
        return ClinicSetup(
            name=self.name.text().strip(), phones=[p for p in split if p],
            address=self.address.text().strip(), website=self.website.text().strip(),
            staff=[s.strip() for s in self.staff.toPlainText().splitlines() if s.strip()],
            time_zone=self.zone.currentText().strip() or "UTC")

    @classmethod
    def ask(cls, current: ClinicIdentity | None, offer_demo: bool,
            parent: QWidget | None = None) -> ClinicSetup | str | None:
        """The clinic's details, ``DEMO`` to explore the demo clinic, or None if cancelled."""
        dialog = cls(current, offer_demo, parent)
        try:
            dialog.exec()
            return dialog.answer()
        finally:
            dialog.deleteLater()
