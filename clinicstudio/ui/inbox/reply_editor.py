"""The reply editor: the comment beside the answer, with the checks running as you type.

Sending stays disabled while a check blocks the answer; a finding's fix can be applied with
one click, and a safe template can be started from (and saved in the clinic's own words).
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.inbox.items import network_label
from clinicstudio.ui.workers import Workers


class ReplyEditor(QDialog):
    """Signals:
    checked(bool): the latest check finished; True when something blocks the answer.
    sent(object): the :class:`clinicstudio.inbox.ReplyOutcome` of a send that was not blocked.
    """

    checked = Signal(bool)
    sent = Signal(object)

    def __init__(self, service: Any, workers: Workers, view: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.workers = workers
        self.view = view
        self.item_id = int(view.item["id"])
        self.blocked = True
        self.findings: list[Any] = []
        self._serial = 0
        item = view.item
        self.setWindowTitle(f"Reply to {item['author']} on {network_label(item['network'])}")
        self.comment = QTextBrowser(accessibleName="The comment you are answering")
        self.comment.setHtml(self._comment_html())
        self.templates = QComboBox(accessibleName="Safe reply templates")
        self.templates.addItem("Start from a safe template…", None)
        self.text = QPlainTextEdit(accessibleName="Your reply")
        self.text.setPlaceholderText("Write a short, kind answer. Never confirm that the person "
                                     "is a patient or mention their care.")
        self.text.setPlainText(view.reply_text)
        self.findings_list = QListWidget(accessibleName="What the checks found")
        self.findings_list.setWordWrap(True)
        self.findings_list.setSpacing(2)
        self.findings_list.setStyleSheet(
            "QListWidget::item { padding: 4px 6px; border-bottom: 1px solid #e6e0e0; }"
            "QListWidget::item:selected { background: #fbe9e7; color: #5c1410; "
            "border-left: 3px solid #b3261e; }")
        self.findings_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.fix_button = QPushButton("Apply the fix")
        self.save_template = QPushButton("Keep as our wording for this template")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.send_button = QPushButton("Send reply")
        self.send_button.setDefault(True)
        self.send_button.setEnabled(False)  # until the first check says nothing blocks
        self.cancel_button = QPushButton("Cancel")
        self._build()
        self.timer = QTimer(self, singleShot=True, interval=250)
        self.timer.timeout.connect(self.check_now)
        self.text.textChanged.connect(self.timer.start)
        self.templates.activated.connect(self._use_template)
        self.findings_list.currentRowChanged.connect(self._update_fix)
        self.fix_button.clicked.connect(self.apply_fix)
        self.save_template.clicked.connect(self._save_template)
        self.send_button.clicked.connect(self.send)
        self.cancel_button.clicked.connect(self.reject)
        self.workers.database(self.service.templates, self._fill_templates)
        self.check_now()

    def _build(self) -> None:
        left = QVBoxLayout()
        left.addWidget(QLabel("<b>The comment</b>"))
        left.addWidget(self.comment, 1)
        right = QVBoxLayout()
        right.addWidget(self.templates)
        right.addWidget(self.text, 1)
        right.addWidget(QLabel("<b>Checks</b>"))
        right.addWidget(self.findings_list, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.fix_button)
        tools.addWidget(self.save_template)
        tools.addStretch(1)
        right.addLayout(tools)
        right.addWidget(self.verdict)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.send_button)
        right.addLayout(buttons)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        self.resize(980, 560)
        self.save_template.setEnabled(False)

    def _comment_html(self) -> str:
        item = self.view.item
        html = [f"<p><b>{escape(item['author'])}</b> wrote:</p>",
                f"<blockquote style='font-size:11pt'>{escape(item['text'])}</blockquote>"]
        if self.view.own_post:
            html.append(f"<p style='color:#556'>On your post: {escape(self.view.own_post)}</p>")
        if self.view.advice:
            html.append(f"<p style='background:#fff4e0;padding:6px'>{escape(self.view.advice)}"
                        "</p>")
        html.append("<p style='color:#556'>Safe answers thank the person, invite them to call "
                    "the office, and never say they are a patient.</p>")
        return "".join(html)

    def _fill_templates(self, templates: list[tuple[Any, str]]) -> None:
        for template, filled in templates:
            self.templates.addItem(template.title, (template.key, filled))

    def _use_template(self, index: int) -> None:
        data = self.templates.itemData(index)
        if data:
            self.text.setPlainText(data[1])
            self.save_template.setEnabled(True)

    def _save_template(self) -> None:
        data = self.templates.currentData()
        if not data:
            return
        clinic = self.service.clinic()
        wording = self.text.toPlainText()
        if clinic.phones:
            wording = wording.replace(clinic.phones[0], "{phone}")
        if clinic.name:
            wording = wording.replace(clinic.name, "{clinic}")
        key = data[0]
        self.workers.database(lambda: self.service.save_template(key, wording),
                              lambda _r: self.verdict.setText("Saved as the clinic's wording."))

    # -- the checks ------------------------------------------------------------------------
    def check_now(self) -> None:
        self._serial += 1
        serial, text = self._serial, self.text.toPlainText()
        self.workers.database(lambda: (serial, text, self.service.check(self.item_id, text)),
                              self._show_result)

    def _show_result(self, answer: tuple[int, str, Any]) -> None:
        serial, text, result = answer
        if serial != self._serial:
            return  # the text changed since; a newer check is on its way
        self.findings = [f for f in result.findings if str(f.severity) in ("block", "warn")]
        self.findings_list.clear()
        for finding in self.findings:
            quoted = text[finding.start:finding.end]
            mark = "Blocks" if finding.blocks else "Check"
            line = f"{mark}: {finding.message}" + (f" (“{quoted}”)" if quoted else "")
            if finding.suggestion:
                line += f"\nFix: {finding.suggestion}"
            entry = QListWidgetItem(line)
            entry.setForeground(Qt.GlobalColor.darkRed if finding.blocks else
                                Qt.GlobalColor.darkYellow)
            self.findings_list.addItem(entry)
        self.blocked = result.blocked
        empty = not text.strip()
        self.send_button.setEnabled(not self.blocked and not empty)
        if empty:
            self.verdict.setText("Write an answer, or start from a safe template.")
        elif self.blocked:
            self.verdict.setText("<b>Not safe to send yet.</b> Fix what blocks it, or start "
                                 "from a safe template.")
        else:
            self.verdict.setText("Nothing blocks this answer.")
        if self.findings and self.findings_list.currentRow() < 0:
            self.findings_list.setCurrentRow(0)
        self._update_fix()
        self.checked.emit(self.blocked)

    def _update_fix(self, *_: object) -> None:
        row = self.findings_list.currentRow()
        self.fix_button.setEnabled(0 <= row < len(self.findings)
                                   and bool(self.findings[row].fixes or self.findings[row].blocks))

    def apply_fix(self) -> None:
        """Apply the chosen finding's fix; without one, cut the words it is about."""
        row = self.findings_list.currentRow()
        if not 0 <= row < len(self.findings):
            return
        finding = self.findings[row]
        text = self.text.toPlainText()
        if finding.fixes:
            text = finding.fixes[0].apply(text)
        elif finding.end > finding.start:
            text = (text[:finding.start].rstrip(" ,") + " " + text[finding.end:].lstrip(" ,")
                    ).strip()
        self.text.setPlainText(text)
        self.check_now()

    # -- sending ---------------------------------------------------------------------------
    def send(self) -> None:
        if self.blocked:
            return
        text = self.text.toPlainText()
        self.send_button.setEnabled(False)
        self.verdict.setText("Sending…")
        self.workers.network(lambda: self.service.reply(self.item_id, text), self._sent,
                             lambda exc: self._failed(str(exc)))

    def _sent(self, outcome: Any) -> None:
        if outcome.blocked or not (outcome.sent or outcome.waiting_approval):
            self._failed(outcome.message)
            return
        self.sent.emit(outcome)
        self.accept()

    def _failed(self, message: str) -> None:
        self.verdict.setText(message)
        self.send_button.setEnabled(not self.blocked)
