"""Clinic › Audit log: every event with who and when, filtered by post, person and kind, the
chain's check, and an export to CSV for the practice manager."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.governance.office import OfficeDesk
from clinicstudio.ui.governance.common import STYLE, fill, intro, message_label, say, table
from clinicstudio.ui.workers import Workers

KINDS = ["", "signed_in", "sign_in_refused", "post_created", "post_edited", "post_submitted",
         "post_approved", "post_rejected", "approval_withdrawn", "finding_overridden",
         "published", "publish_failed", "publish_refused", "post_rescheduled",
         "authorization_added", "authorization_revoked", "post_taken_down", "user_added",
         "user_disabled", "setting_changed", "policy_acknowledged", "training_completed"]


def plain_detail(detail: str) -> str:
    """``{"name": "Sam", "role": "author"}`` as "name: Sam · role: author" for people."""
    try:
        values = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(values, dict):
        return detail
    parts = []
    for key, value in values.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        if isinstance(value, dict):
            shown = "; ".join(f"{k}: {v}" for k, v in value.items())
        parts.append(f"{key.replace('_', ' ')}: {shown}")
    return " · ".join(parts)


class AuditDialog(QDialog):
    def __init__(self, desk: OfficeDesk, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.workers = desk, workers
        self.rows: list = []
        self.setWindowTitle("Audit log")
        self.setStyleSheet(STYLE)
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        layout.addWidget(intro("Everything that happened, who did it and when. Each event is "
                               "chained to the one before, so a change made behind "
                               "ClinicStudio's back shows.", self))
        self.chain = message_label(self)
        layout.addWidget(self.chain)
        filters = QHBoxLayout()
        self.post = QLineEdit()
        self.post.setPlaceholderText("Post number")
        self.person = QLineEdit()
        self.person.setPlaceholderText("Person")
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind.replace("_", " ") or "Every kind", kind)
        self.apply = QPushButton("Show")
        self.export = QPushButton("Export CSV…")
        for widget in (self.post, self.person, self.kind, self.apply):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export)
        layout.addLayout(filters)
        self.grid = table(["When (UTC)", "Who", "What", "Post", "Details"], self)
        layout.addWidget(self.grid, 1)
        self.message = message_label(self)
        layout.addWidget(self.message)
        self.apply.clicked.connect(self.reload)
        self.export.clicked.connect(self._export)
        workers.database(desk.verify_audit, self._chain_checked,
                         lambda exc: say(self.chain, str(exc)))
        self.reload()

    def _chain_checked(self, problem: str | None) -> None:
        if problem:
            say(self.chain, f"Warning: the audit log was tampered with: {problem}")
        else:
            say(self.chain, "The audit log is intact.", ok=True)

    def reload(self) -> None:
        text = self.post.text().strip()
        if text and not text.isdigit():
            say(self.message, "A post number is digits only.")
            return
        filters = {"post_id": int(text) if text else None, "actor": self.person.text().strip(),
                   "action": self.kind.currentData()}
        self.workers.database(lambda: self.desk.audit_events(**filters), self._show,
                              lambda exc: say(self.message, str(exc)))

    def _show(self, rows: list) -> None:
        self.rows = rows
        fill(self.grid, [[f"{r.at:%Y-%m-%d %H:%M}", r.actor or "—", r.action.replace("_", " "),
                          "" if r.post_id is None else str(r.post_id),
                          plain_detail(r.detail)[:240]]
                         for r in reversed(rows)])
        say(self.message, f"{len(rows)} events.", ok=True)

    def _export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export the audit log", "audit-log.csv",
                                              "CSV (*.csv)")
        if not name:
            return
        rows = self.rows
        self.workers.database(lambda: self.desk.export_audit(rows, Path(name)),
                              lambda count: say(self.message, f"Wrote {count} events to {name}.",
                                                ok=True),
                              lambda exc: say(self.message, str(exc)))
