"""The Inbox pane: comments, mentions and reviews, unanswered first, with their thread.

The pane only shows what :class:`clinicstudio.inbox.InboxService` returns; every database or
network call runs on the window's workers and comes back by signal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Platform
from clinicstudio.inbox.items import network_label
from clinicstudio.ui.inbox.thread_view import item_line, thread_html
from clinicstudio.ui.workers import Workers

STATES = ("new", "assigned", "answered", "done", "hidden")
# The window collects new items this often while it is open.
REFRESH_MINUTES = 10
FIRST_LOOK_SECONDS = 30
NARROW = 820
# Room between items, so a morning's comments read as separate notes, not one block of text.
LIST_STYLE = ("QListWidget::item { padding: 6px 8px; border-bottom: 1px solid #dfe3e8; }"
              "QListWidget::item:selected { background: #dbe8f7; color: black; "
              "border-left: 3px solid #2f6fb3; }")


class InboxPane(QWidget):
    """Signals:
    loaded(): the list was filled from the database.
    replyRequested(int): a person wants to answer item ``id`` (the window opens the editor).
    unanswered(int): how many items wait for an answer, after each load.
    """

    loaded = Signal()
    replyRequested = Signal(int)
    unanswered = Signal(int)

    def __init__(self, service: Any, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.workers = workers
        self.current: int | None = None
        self.view: Any = None
        self.network = QComboBox(accessibleName="Network filter")
        self.network.addItem("All networks", "")
        for platform in Platform:
            self.network.addItem(platform.label, platform.value)
        self.network.addItem("Google reviews", "google")
        self.state = QComboBox(accessibleName="State filter")
        self.state.addItem("Open", "open")
        self.state.setItemData(0, "New and assigned: waiting for an answer",
                               Qt.ItemDataRole.ToolTipRole)
        self.state.addItem("Everything", "")
        for state in STATES:
            self.state.addItem(state.capitalize(), state)
        self.post = QComboBox(accessibleName="Post filter")
        self.post.addItem("All posts", None)
        self.refresh_button = QPushButton("Check for new")
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.items = QListWidget(accessibleName="Inbox items")
        self.items.setWordWrap(True)
        self.items.setSpacing(2)
        # Long comments wrap inside the pane instead of running off to the right.
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.setResizeMode(QListView.ResizeMode.Adjust)
        self.items.setStyleSheet(LIST_STYLE)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.advice = QLabel()
        self.advice.setObjectName("calmAdvice")
        self.advice.setWordWrap(True)
        self.advice.setStyleSheet("QLabel#calmAdvice { background: #fff4e0; color: #5a3b00; "
                                  "border: 1px solid #f0c36d; border-radius: 6px; padding: 8px; }")
        self.thread = QTextBrowser(accessibleName="Conversation")
        self.thread.setOpenExternalLinks(True)
        self.assignee = QLineEdit(placeholderText="Colleague's name")
        self.assign_button = QPushButton("Assign")
        self.note = QLineEdit(placeholderText="Internal note (never sent)")
        self.note_button = QPushButton("Add note")
        self.reply_button = QPushButton("Reply…")
        self.reply_button.setDefault(True)
        self.done_button = QPushButton("Done")
        self.done_button.setToolTip("No answer needed: mark it done")
        self.hide_button = QPushButton("Hide…")
        self.delete_button = QPushButton("Delete…")
        self._build()
        # The first look comes soon after the window opens, then every REFRESH_MINUTES.
        self.timer = QTimer(self, interval=FIRST_LOOK_SECONDS * 1000)
        self.timer.timeout.connect(self._scheduled_collect)
        self._connect()
        self._show_item(None)

    def _build(self) -> None:
        filters = QHBoxLayout()
        for widget in (self.network, self.post, self.state):
            widget.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(4)
            filters.addWidget(widget, 1)
        looking = QHBoxLayout()
        looking.addWidget(self.status, 1)
        looking.addWidget(self.refresh_button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(filters)
        left_box.addWidget(self.items, 1)
        left_box.addLayout(looking)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(8, 0, 0, 0)
        box.addWidget(self.header)
        box.addWidget(self.advice)
        box.addWidget(self.thread, 1)
        for row in ((self.assignee, self.assign_button), (self.note, self.note_button),
                    (self.reply_button, self.done_button, self.hide_button,
                     self.delete_button)):
            line = QHBoxLayout()
            for widget in row:
                line.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
            if isinstance(row[0], QPushButton):
                line.addStretch(1)
            box.addLayout(line)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([500, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.split)

    def resizeEvent(self, event: Any) -> None:
        # Narrow (a small laptop): the list above the conversation instead of beside it.
        wide = event.size().width() >= NARROW
        self.split.setOrientation(Qt.Orientation.Horizontal if wide
                                  else Qt.Orientation.Vertical)
        super().resizeEvent(event)

    def _connect(self) -> None:
        for combo in (self.network, self.post, self.state):
            combo.currentIndexChanged.connect(self.reload)
        self.refresh_button.clicked.connect(self.collect)
        self.items.currentItemChanged.connect(self._selected)
        self.assign_button.clicked.connect(self._assign)
        self.note_button.clicked.connect(self._add_note)
        self.note.returnPressed.connect(self._add_note)
        self.done_button.clicked.connect(lambda: self._act("done"))
        self.hide_button.clicked.connect(lambda: self._moderate("hide"))
        self.delete_button.clicked.connect(lambda: self._moderate("delete"))
        self.reply_button.clicked.connect(
            lambda: self.current is not None and self.replyRequested.emit(self.current))

    # -- loading ---------------------------------------------------------------------------
    def start(self) -> None:
        """Fill the pane and start collecting in the background while the window is open."""
        self.reload()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def stop_with(self, window: QWidget) -> None:
        """Stop collecting when ``window`` closes (before it waits for its workers)."""
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched is not self:
            self.stop()
        return False

    def reload(self) -> None:
        state = self.state.currentData()
        network = self.network.currentData() or None
        post = self.post.currentData()

        def load() -> tuple[list[dict[str, Any]], list[tuple[int, str]]]:
            rows = self.service.list(state=state if state != "open" else None,
                                     network=network, post_id=post)
            if state == "open":
                rows = [r for r in rows if r["state"] in ("new", "assigned")]
            return rows, self.service.posts_with_items()

        self.workers.database(load, self._fill)

    def _fill(self, result: tuple[list[dict[str, Any]], list[tuple[int, str]]]) -> None:
        rows, posts = result
        self._fill_posts(posts)
        keep = self.current
        self.items.blockSignals(True)
        self.items.clear()
        for row in rows:
            entry = QListWidgetItem(item_line(row))
            entry.setData(Qt.ItemDataRole.UserRole, row["id"])
            entry.setToolTip(row["text"])
            self.items.addItem(entry)
            if row["id"] == keep:
                self.items.setCurrentItem(entry)
        self.items.blockSignals(False)
        open_count = sum(1 for r in rows if r["state"] in ("new", "assigned"))
        self.unanswered.emit(open_count)
        self.status.setText(f"{open_count} waiting for an answer." if rows else
                            "Nothing here. New comments and mentions arrive every "
                            f"{REFRESH_MINUTES} minutes while ClinicStudio is open.")
        if self.items.currentItem() is None and self.items.count():
            self.items.setCurrentRow(0)
        elif self.items.currentItem() is not None:
            self._selected(self.items.currentItem())
        else:
            self._show_item(None)
        self.loaded.emit()

    def _fill_posts(self, posts: list[tuple[int, str]]) -> None:
        chosen = self.post.currentData()
        self.post.blockSignals(True)
        self.post.clear()
        self.post.addItem("All posts", None)
        for post_id, title in posts:
            self.post.addItem(f"Post {post_id}: {title}", post_id)
        index = self.post.findData(chosen)
        self.post.setCurrentIndex(max(0, index))
        self.post.blockSignals(False)

    def _scheduled_collect(self) -> None:
        self.timer.setInterval(REFRESH_MINUTES * 60_000)
        if self.refresh_button.isEnabled():  # a look already under way is not doubled
            self.collect()

    def collect(self) -> None:
        """Ask every connected network for new items (in the background)."""
        self.refresh_button.setEnabled(False)
        self.status.setText("Checking the networks for new comments…")

        def done(report: Any) -> None:
            self.refresh_button.setEnabled(True)
            self.reload()
            self.status.setText(report.summary())

        def failed(exc: Exception) -> None:
            self.refresh_button.setEnabled(True)
            self.status.setText(str(exc))

        self.workers.network(self.service.refresh, done, failed)

    # -- one item --------------------------------------------------------------------------
    def _selected(self, entry: QListWidgetItem | None, *_: object) -> None:
        if entry is None:
            self._show_item(None)
            return
        item_id = int(entry.data(Qt.ItemDataRole.UserRole))
        self.current = item_id
        self.workers.database(lambda: self.service.show(item_id), self._show_item)

    def _show_item(self, view: Any) -> None:
        self.view = view
        has = view is not None
        for widget in (self.assignee, self.assign_button, self.note, self.note_button,
                       self.reply_button, self.done_button):
            widget.setEnabled(has)
        if not has:
            self.header.setText("<i>Pick a comment on the left to read it.</i>")
            self.advice.hide()
            self.thread.clear()
            self.hide_button.setEnabled(False)
            self.delete_button.setEnabled(False)
            return
        item = view.item
        open_item = item["state"] not in ("hidden",) and not item["deleted"]
        self.reply_button.setEnabled(open_item and item["state"] != "answered")
        self.hide_button.setEnabled(open_item and "hide" in view.allowed)
        self.delete_button.setEnabled(open_item and "delete" in view.allowed)
        for button, verb in ((self.hide_button, "hide"), (self.delete_button, "delete")):
            button.setToolTip(f"{verb.capitalize()} this comment on the network (spam, or "
                              "someone's own medical details); recorded in the audit log"
                              if verb in view.allowed else
                              f"{network_label(item['network'])} does not let a page {verb} "
                              "other people's posts.")
        assigned = f" · assigned to {item['assigned_to']}" if item["assigned_to"] else ""
        self.header.setText(
            f"<b>{_esc(item['author'])}</b> · {network_label(item['network'])} · "
            f"{item['kind']} · <b>{item['state']}</b>{_esc(assigned)}")
        self.advice.setVisible(bool(view.advice))
        self.advice.setText(view.advice)
        self.thread.setHtml(thread_html(view))
        self.assignee.setText(item["assigned_to"])

    def _run(self, work: Any, message: str = "") -> None:
        def done(result: Any) -> None:
            self.status.setText(result if isinstance(result, str) else message)
            self.reload()

        self.workers.network(work, done, lambda exc: self.status.setText(str(exc)))

    def _assign(self) -> None:
        if self.current is not None and self.assignee.text().strip():
            item_id, name = self.current, self.assignee.text().strip()
            self._run(lambda: self.service.assign(item_id, name), f"Assigned to {name}.")

    def _add_note(self) -> None:
        if self.current is not None and self.note.text().strip():
            item_id, text = self.current, self.note.text().strip()
            self.note.clear()
            self._run(lambda: self.service.add_note(item_id, text), "Note added.")

    def _act(self, action: str) -> None:
        if self.current is not None:
            item_id = self.current
            self._run(lambda: getattr(self.service, action)(item_id), "Marked done.")

    def _moderate(self, action: str) -> None:
        if self.current is None or self.view is None:
            return
        network = network_label(self.view.item["network"])
        answer = QMessageBox.question(
            self, f"{action.capitalize()} this comment?",
            f"{action.capitalize()} this comment on {network}? Use this for spam or when "
            "someone posts their own medical details. It is recorded in the audit log.")
        if answer == QMessageBox.StandardButton.Yes:
            item_id = self.current
            self._run(lambda: self.service.moderate(item_id, action))


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
