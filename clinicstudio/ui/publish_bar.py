"""Publish now / Schedule…, why publishing is blocked, and how each network is getting on.

Signals:
    publishRequested(): publish the open post now.
    scheduleRequested(): pick a time for the open post.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Platform, PostStatus, Severity
from clinicstudio.ui import theme
from clinicstudio.ui.formatting import networks_text, when_text

if TYPE_CHECKING:
    from clinicstudio.app import NetworkOutcome, PostSnapshot, Reviewed


class PublishBar(QFrame):
    publishRequested = Signal()
    scheduleRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishBar")
        #: The clinic's time zone, for saying when a scheduled post goes out.
        self.zone = "UTC"
        self.publish = QPushButton(theme.icon("publish"), "Publish now")
        self.publish.setObjectName("primary")
        self.publish.setAccessibleName("Publish now")
        self.schedule = QPushButton(theme.icon("schedule"), "Schedule…")
        self.schedule.setAccessibleName("Schedule")
        self.reason = QLabel()
        self.reason.setObjectName("blockReason")
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName("Why publishing is blocked")
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self._progress = QGridLayout()
        self._progress.setColumnStretch(2, 1)
        self._progress.setHorizontalSpacing(10)
        top = QHBoxLayout()
        top.setSpacing(10)
        text = QVBoxLayout()
        text.addWidget(self.reason)
        text.addWidget(self.status)
        top.addLayout(text, 1)
        top.addWidget(self.schedule)
        top.addWidget(self.publish)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(self._progress)
        # Relayed through a function: a bool-to-no-argument signal link miscounts references.
        self.publish.clicked.connect(lambda: self.publishRequested.emit())
        self.schedule.clicked.connect(lambda: self.scheduleRequested.emit())
        self._busy = False
        self._rows: dict[Platform, tuple[QLabel, QProgressBar, QLabel]] = {}
        self.set_state(None, [])

    @property
    def busy(self) -> bool:
        return self._busy

    def set_state(self, post: PostSnapshot | None, blocking: Sequence[Reviewed]) -> None:
        """Enable the buttons only when the open post may go out."""
        if post is None:
            reason, status = "", "Open a post to publish or schedule it."
        elif not post.editable:
            reason, status = "", f"This post is {post.status.label.lower()}."
        elif not post.networks:
            reason, status = "Tick at least one network to post to.", ""
        elif not post.body.strip() and not post.overrides:
            reason, status = "Write something first.", ""
        elif blocking:
            first = blocking[0]
            where = "" if first.network is None else f" ({first.network.label})"
            message = first.finding.message.split(". ")[0].rstrip(".")
            what = (f"Publishing is blocked: {message}{where}." if len(blocking) == 1 else
                    f"Publishing is blocked by {len(blocking)} findings, first: "
                    f"{message[0].lower()}{message[1:]}{where}.")
            reason = f"{what} Fix the text, or an approver can override with a written reason."
            status = ""
        elif post.partly_out:
            reason = ""
            status = ("Some networks did not get this post. Fix what they said, then retry: "
                      "networks that have it already are not sent again.")
        elif post.status is PostStatus.SCHEDULED and post.scheduled_at is not None:
            # Opening a scheduled post must say so, or it reads like an unsent draft.
            reason = ""
            status = (f"Scheduled for {when_text(post.scheduled_at, self.zone)} on "
                      f"{networks_text(post.networks)}. Publish now sends it at once.")
        else:
            reason = ""
            status = "Ready to publish to " + ", ".join(n.label for n in post.networks) + "."
        can_go = post is not None and not reason and post.editable and not self._busy
        partly = post is not None and post.status is PostStatus.PARTLY_PUBLISHED
        self.publish.setText("Retry the rest" if partly else "Publish now")
        self.publish.setEnabled(can_go)
        # A post already out on some networks keeps its date; it can only be retried.
        self.schedule.setEnabled(can_go and not partly)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.publish.setToolTip(reason or "Publish to every ticked network now (Ctrl+Enter)")
        if not self._busy:
            self.status.setText(status)

    def started(self, networks: Sequence[Platform]) -> None:
        self._busy = True
        self.publish.setEnabled(False)
        self.schedule.setEnabled(False)
        self._clear_rows()
        self.status.setText("Publishing… you can keep working meanwhile.")
        for row, network in enumerate(networks):
            name = QLabel(network.label)
            bar = QProgressBar()
            bar.setRange(0, 0)
            bar.setAccessibleName(f"Publishing to {network.label}")
            bar.setMaximumWidth(160)
            text = QLabel("Waiting…")
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            text.setOpenExternalLinks(True)
            text.setWordWrap(True)
            self._progress.addWidget(name, row, 0)
            self._progress.addWidget(bar, row, 1)
            self._progress.addWidget(text, row, 2)
            self._rows[network] = (name, bar, text)

    def progress(self, network: Platform, text: str) -> None:
        if network in self._rows:
            self._rows[network][2].setText(html.escape(text))

    def finished(self, outcomes: Sequence[NetworkOutcome]) -> None:
        self._busy = False
        for outcome in outcomes:
            if outcome.network not in self._rows:
                continue
            _name, bar, text = self._rows[outcome.network]
            bar.setRange(0, 1)
            bar.setValue(1)
            bar.hide()
            if outcome.ok:
                link = html.escape(outcome.url)
                text.setText(f"✓ Published. <a href=\"{link}\">View on {outcome.network.label}</a>"
                             if outcome.url else "✓ Published.")
            else:
                fix = f" <b>What to do:</b> {html.escape(outcome.fix)}" if outcome.fix else ""
                text.setText(f"<span style='color:{theme.severity_color(Severity.BLOCK).name()}'>"
                             f"✗ Not published: {html.escape(outcome.reason)}</span>{fix}")
        sent = sum(o.ok for o in outcomes)
        self.status.setText(f"Published to {sent} of {len(outcomes)} networks." if outcomes
                            else "Nothing was published.")

    def failed(self, message: str) -> None:
        self._busy = False
        self._clear_rows()
        self.status.setText(message)

    def result_texts(self) -> dict[Platform, str]:
        return {network: row[2].text() for network, row in self._rows.items()}

    def _clear_rows(self) -> None:
        for widgets in self._rows.values():
            for widget in widgets:
                self._progress.removeWidget(widget)
                widget.deleteLater()
        self._rows.clear()

