"""Clinic › Authorizations: the register of patient authorizations, adding one with its scanned
form, linking the open post, and revoking one (with the take-down of the posts relying on it)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Platform
from clinicstudio.governance.authorizations import USES
from clinicstudio.governance.office import OfficeDesk
from clinicstudio.governance.takedown import BY_HAND
from clinicstudio.ui.governance.common import STYLE, fill, intro, message_label, say, table
from clinicstudio.ui.workers import Workers


def _day(edit: QDateEdit) -> date:
    picked = edit.date()
    return date(picked.year(), picked.month(), picked.day())


class AuthorizationsDialog(QDialog):
    def __init__(self, desk: OfficeDesk, workers: Workers, parent: QWidget | None = None,
                 post_id: int | None = None) -> None:
        super().__init__(parent)
        self.desk, self.workers, self.post_id = desk, workers, post_id
        self.form_path: Path | None = None
        self.setWindowTitle("Patient authorizations")
        self.setStyleSheet(STYLE)
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(intro("A patient's story, name, photo or testimonial goes out only "
                               "when the post links a signed authorization that covers it. "
                               "Revoking one lists the posts that rely on it and can take them "
                               "down.", self))
        self.grid = table(["No.", "Patient", "Covers", "Networks", "Signed", "Expires", "State"],
                          self)
        layout.addWidget(self.grid, 1)
        row = QHBoxLayout()
        self.link = QPushButton("Link to the open post")
        self.link.setEnabled(post_id is not None)
        self.revoke = QPushButton("Revoke…")
        row.addWidget(self.link)
        row.addStretch(1)
        row.addWidget(self.revoke)
        layout.addLayout(row)
        layout.addWidget(self._add_box())
        self.message = message_label(self)
        layout.addWidget(self.message)
        self.link.clicked.connect(self._link)
        self.revoke.clicked.connect(self._revoke)
        self.reload()

    def _add_box(self) -> QGroupBox:
        box = QGroupBox("Record a signed authorization")
        form = QFormLayout(box)
        self.person = QLineEdit()
        self.person.setPlaceholderText("The patient's name, as on the form")
        uses = QHBoxLayout()
        self.uses = {use: QCheckBox(use) for use in USES}
        for check in self.uses.values():
            uses.addWidget(check)
        networks = QHBoxLayout()
        self.networks = {p.value: QCheckBox(p.label) for p in Platform}
        for check in self.networks.values():
            networks.addWidget(check)
        self.signed = QDateEdit(QDate.currentDate())
        self.signed.setCalendarPopup(True)
        self.expires = QDateEdit(QDate.currentDate().addYears(1))
        self.expires.setCalendarPopup(True)
        for edit in (self.signed, self.expires):
            edit.setDisplayFormat("d MMMM yyyy")
            edit.setMaximumWidth(200)
        self.no_expiry = QCheckBox("does not expire")
        expiry = QHBoxLayout()
        expiry.addWidget(self.expires)
        expiry.addWidget(self.no_expiry)
        expiry.addStretch(1)
        scan = QHBoxLayout()
        self.scan = QPushButton("Attach the scanned form…")
        scan.addWidget(self.scan)
        scan.addStretch(1)
        form.addRow("Patient", self.person)
        form.addRow("Covers", uses)
        form.addRow("Networks", networks)
        form.addRow("", intro("Leave every network unticked when the form allows them all.",
                              box))
        signed = QHBoxLayout()
        signed.addWidget(self.signed)
        signed.addStretch(1)
        form.addRow("Signed on", signed)
        form.addRow("Expires on", expiry)
        form.addRow("Form", scan)
        self.add = QPushButton("Record authorization")
        form.addRow(self.add)
        self.scan.clicked.connect(self._pick_scan)
        self.add.clicked.connect(self._add)
        return box

    def reload(self) -> None:
        self.workers.database(self.desk.authorizations, self._show,
                              lambda exc: say(self.message, str(exc)))

    def _show(self, items: list) -> None:
        today = date.today()
        fill(self.grid, [[str(i.id), i.person, ", ".join(i.covers),
                          ", ".join(i.networks) or "all", i.signed_on.isoformat(),
                          i.expires_on.isoformat() if i.expires_on else "never", i.state(today)]
                         for i in items])

    def _selected(self) -> int | None:
        row = self.grid.currentRow()
        if row < 0:
            say(self.message, "Pick an authorization in the list first.")
            return None
        return int(self.grid.item(row, 0).text())

    def _pick_scan(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "The scanned form", "",
                                              "Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)")
        if name:
            self.form_path = Path(name)
            self.scan.setText(f"Form: {self.form_path.name}")

    def _add(self) -> None:
        covers = [use for use, check in self.uses.items() if check.isChecked()]
        networks = [n for n, check in self.networks.items() if check.isChecked()]
        person, signed = self.person.text(), _day(self.signed)
        expires = None if self.no_expiry.isChecked() else _day(self.expires)
        self.workers.database(
            lambda: self.desk.add_authorization(person=person, covers=covers, networks=networks,
                                                signed_on=signed, expires_on=expires,
                                                form=self.form_path),
            lambda item: (say(self.message, f"Recorded authorization {item.id}.", ok=True),
                          self.person.clear(), self.reload()),
            lambda exc: say(self.message, str(exc)))

    def _link(self) -> None:
        chosen, post_id = self._selected(), self.post_id
        if chosen is None or post_id is None:
            return
        self.workers.database(lambda: self.desk.link_authorization(post_id, chosen),
                              lambda _: say(self.message, f"The open post now relies on "
                                            f"authorization {chosen}.", ok=True),
                              lambda exc: say(self.message, str(exc)))

    def _revoke(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        reason, given = QInputDialog.getText(self, "Revoke authorization",
                                             "Why is it revoked? (kept in the audit log)")
        if not given:
            return
        self.workers.database(lambda: self.desk.revoke(chosen, reason),
                              lambda copies: self._offer_take_down(copies, reason),
                              lambda exc: say(self.message, str(exc)))

    def _offer_take_down(self, copies: list, reason: str) -> None:
        self.reload()
        if not copies:
            say(self.message, "Revoked. No published post relies on it.", ok=True)
            return
        lines = "\n".join(f"• Post {p} on {Platform(n).label}: {u}" for p, n, _r, u in copies)
        by_hand = any(n in BY_HAND for _p, n, _r, _u in copies)
        note = ("\n\nInstagram posts must be deleted by hand in the Instagram app."
                if by_hand else "")
        answer = QMessageBox.question(
            self, "Take the posts down?", f"These published posts rely on it:\n\n{lines}\n\n"
            f"Delete them from the networks now?{note}")
        if answer != QMessageBox.StandardButton.Yes:
            say(self.message, "Revoked. The published posts are still up.")
            return
        self.workers.network(lambda: self.desk.take_down(copies, reason), self._taken_down,
                             lambda exc: say(self.message, str(exc)))

    def _taken_down(self, results: list) -> None:
        text = "\n".join(r.line for r in results)
        say(self.message, text, ok=all(r.done for r in results))
