"""Clinic › Staff: the people who sign in, their roles, adding and disabling them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Role
from clinicstudio.governance.office import OfficeDesk
from clinicstudio.ui.governance.common import STYLE, fill, intro, message_label, say, table
from clinicstudio.ui.workers import Workers

ROLE_HELP = {
    Role.AUTHOR: "writes posts and submits them for approval",
    Role.APPROVER: "approves other people's posts, publishes and schedules",
    Role.ADMIN: "does everything an approver does and manages staff and settings",
}


class StaffDialog(QDialog):
    def __init__(self, desk: OfficeDesk, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.workers = desk, workers
        self.setWindowTitle("Staff")
        self.setStyleSheet(STYLE)
        self.resize(620, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(intro("Everyone who writes, approves or publishes signs in with their "
                               "own passphrase. Writers submit posts; an approver (never the "
                               "writer) approves them before they go out.", self))
        self.grid = table(["Name", "Role", "Can sign in"], self)
        layout.addWidget(self.grid, 1)
        self.disable = QPushButton("Disable the selected person")
        layout.addWidget(self.disable)
        box = QGroupBox("Add a person")
        form = QFormLayout(box)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Dana Ruiz")
        self.role = QComboBox()
        for role in (Role.AUTHOR, Role.APPROVER, Role.ADMIN):
            self.role.addItem(f"{role.label.capitalize()}: {ROLE_HELP[role]}", role)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("At least 8 characters; a few words work well")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("Passphrase", self.passphrase)
        form.addRow("Again", self.repeat)
        row = QHBoxLayout()
        row.addStretch(1)
        self.add = QPushButton("Add person")
        row.addWidget(self.add)
        form.addRow(row)
        layout.addWidget(box)
        self.message = message_label(self)
        layout.addWidget(self.message)
        self.add.clicked.connect(self._add)
        self.disable.clicked.connect(self._disable)
        self.reload()

    def reload(self) -> None:
        self.workers.database(self.desk.staff, self._show,
                              lambda exc: say(self.message, str(exc)))

    def _show(self, staff: list) -> None:
        fill(self.grid, [[m.name, m.role.label.capitalize(), "yes" if m.active else "disabled"]
                         for m in staff])
        # The first account is the administrator (someone must be able to manage the staff).
        self.role.setEnabled(bool(staff))
        if not staff:
            self.role.setCurrentIndex(2)
            say(self.message, "The first person you add is the administrator; they add "
                "everyone else.", ok=True)

    def _add(self) -> None:
        name, passphrase = self.name.text().strip(), self.passphrase.text()
        if passphrase != self.repeat.text():
            say(self.message, "The two passphrases are not the same; type them again.")
            return
        role = Role(self.role.currentData())
        self.workers.database(lambda: self.desk.add_person(name, role, passphrase),
                              self._added, lambda exc: say(self.message, str(exc)))

    def _added(self, member: object) -> None:
        for field in (self.name, self.passphrase, self.repeat):
            field.clear()
        say(self.message, f"Added {member.name} as {member.role.label}.", ok=True)  # type: ignore[attr-defined]
        self.reload()

    def _disable(self) -> None:
        row = self.grid.currentRow()
        if row < 0:
            say(self.message, "Pick a person in the list first.")
            return
        name = self.grid.item(row, 0).text()
        self.workers.database(lambda: self.desk.disable_person(name),
                              lambda m: (say(self.message, f"{m.name} can no longer sign in.",
                                             ok=True), self.reload()),
                              lambda exc: say(self.message, str(exc)))
