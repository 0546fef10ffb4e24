"""Clinic › Social media policy: read and confirm it, an administrator edits it, and the short
training (is this post fine as written?) with the reason after each answer."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Role
from clinicstudio.governance.office import OfficeDesk
from clinicstudio.governance.policy import TrainingExample, training_examples
from clinicstudio.ui.governance.common import STYLE, intro, message_label, say
from clinicstudio.ui.workers import Workers


class PolicyDialog(QDialog):
    def __init__(self, desk: OfficeDesk, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.workers = desk, workers
        self.setWindowTitle("Social media policy")
        self.setStyleSheet(STYLE)
        self.resize(720, 680)
        layout = QVBoxLayout(self)
        self.heading = intro("", self)
        layout.addWidget(self.heading)
        self.text = QTextBrowser()
        self.editor = QPlainTextEdit()
        self.editor.hide()
        layout.addWidget(self.text, 1)
        layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        self.acknowledge = QPushButton("I have read it")
        self.training = QPushButton("Do the training…")
        self.edit = QPushButton("Edit")
        self.edit.setVisible(desk.person.role is Role.ADMIN)
        self.save = QPushButton("Save as a new version")
        self.save.hide()
        for button in (self.acknowledge, self.training):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.edit)
        row.addWidget(self.save)
        layout.addLayout(row)
        self.message = message_label(self)
        layout.addWidget(self.message)
        self.acknowledge.clicked.connect(self._acknowledge)
        self.training.clicked.connect(self._train)
        self.edit.clicked.connect(self._edit)
        self.save.clicked.connect(self._save)
        self.reload()

    def reload(self) -> None:
        self.workers.database(self.desk.policy, self._show,
                              lambda exc: say(self.message, str(exc)))

    def _show(self, loaded: tuple) -> None:
        policy, done = loaded
        self.text.setMarkdown(policy.text)
        self.editor.setPlainText(policy.text)
        state = "You confirmed this version." if done else "Please read it and confirm."
        self.heading.setText(f"Version {policy.version} ({policy.author}). {state}")
        self.acknowledge.setEnabled(not done)

    def _acknowledge(self) -> None:
        self.workers.database(self.desk.acknowledge_policy,
                              lambda v: (say(self.message, f"Thank you: version {v} confirmed.",
                                             ok=True), self.reload()),
                              lambda exc: say(self.message, str(exc)))

    def _edit(self) -> None:
        self.text.hide()
        self.editor.show()
        self.edit.hide()
        self.save.show()

    def _save(self) -> None:
        text = self.editor.toPlainText()
        self.workers.database(lambda: self.desk.save_policy(text), self._saved,
                              lambda exc: say(self.message, str(exc)))

    def _saved(self, version: int) -> None:
        self.editor.hide()
        self.text.show()
        self.save.hide()
        self.edit.show()
        say(self.message, f"Saved version {version}; everyone confirms it again.", ok=True)
        self.reload()

    def _train(self) -> None:
        TrainingDialog(self.desk, self.workers, self).exec()
        self.reload()


class TrainingDialog(QDialog):
    """Ten example posts, one at a time: "Fine as written" or "Not fine", then why."""

    def __init__(self, desk: OfficeDesk, workers: Workers, parent: QWidget | None = None,
                 examples: list[TrainingExample] | None = None) -> None:
        super().__init__(parent)
        self.desk, self.workers = desk, workers
        self.examples = examples or training_examples()
        self.answers: list[bool] = []
        self.setWindowTitle("Training: is this post fine?")
        self.setStyleSheet(STYLE)
        self.resize(560, 340)
        layout = QVBoxLayout(self)
        self.counter = intro("", self)
        self.post = QLabel()
        self.post.setWordWrap(True)
        self.post.setStyleSheet("font-size: 15px; padding: 12px; border: 1px solid #b9c3cc; "
                                "border-radius: 8px;")
        self.why = message_label(self)
        layout.addWidget(self.counter)
        layout.addWidget(self.post)
        layout.addWidget(self.why)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.fine = QPushButton("Fine as written")
        self.not_fine = QPushButton("Not fine")
        self.next = QPushButton("Next")
        self.next.hide()
        for button in (self.fine, self.not_fine):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.next)
        layout.addLayout(row)
        self.fine.clicked.connect(lambda: self.answer(True))
        self.not_fine.clicked.connect(lambda: self.answer(False))
        self.next.clicked.connect(self._next)
        self._show()

    def _show(self) -> None:
        number = len(self.answers)
        self.counter.setText(f"Example {number + 1} of {len(self.examples)}")
        self.post.setText(f"“{self.examples[number].text}”")
        self.why.clear()
        for button in (self.fine, self.not_fine):
            button.setEnabled(True)
        self.next.hide()

    def answer(self, fine: bool) -> None:
        example = self.examples[len(self.answers)]
        self.answers.append(fine)
        right = fine == example.fine
        verdict = "it is fine as written." if example.fine else "it is not fine as written."
        say(self.why, ("Right: " if right else "Not quite: ") + verdict + " " + example.why,
            ok=right)
        for button in (self.fine, self.not_fine):
            button.setEnabled(False)
        done = len(self.answers) == len(self.examples)
        self.next.setText("Finish" if done else "Next")
        self.next.show()

    def _next(self) -> None:
        if len(self.answers) < len(self.examples):
            self._show()
            return
        answers = self.answers
        self.workers.database(lambda: self.desk.record_training(answers), self._recorded,
                              lambda exc: say(self.why, str(exc)))

    def _recorded(self, result: tuple) -> None:
        score, out_of = result
        say(self.why, f"Training complete: {score} of {out_of} right. It is recorded.", ok=True)
        self.next.setText("Close")
        self.next.clicked.disconnect()
        self.next.clicked.connect(self.accept)
