"""The late-posts banner: scheduled posts whose time passed while ClinicStudio was closed.

Under the office's "hold late posts" setting these wait for a person. The banner sits above the
editor (it never blocks the window), lists each post with its planned time and offers
"Publish now", "Pick a new time" and "Keep as draft". It asks once: after "Decide later" it
comes back only when another post is held.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.planning.clock import time_text
from clinicstudio.timetable import LatePost
from clinicstudio.ui.calendar.chips import network_label

#: Taller than this, the list of late posts scrolls.
MAX_LIST_HEIGHT = 200
MIN_LIST_HEIGHT = 64
STYLE = """
QFrame#latePosts { background: palette(alternate-base); border: 1px solid #c98a1b;
                   border-radius: 8px; }
QFrame#latePosts QLabel#lateTitle { font-weight: 600; }
QFrame#latePosts QLabel#lateWhen { color: palette(placeholder-text); }
"""


def planned_text(post: LatePost, zone: ZoneInfo) -> str:
    local = post.planned.astimezone(zone)
    return f"Planned for {local:%a, %b} {local.day} at {time_text(local)}"


class LatePostsBanner(QFrame):
    """Signals (each with the post's number):
        publishNowRequested(int), newTimeRequested(int), keepAsDraftRequested(int).
    """

    publishNowRequested = Signal(int)
    newTimeRequested = Signal(int)
    keepAsDraftRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("latePosts")
        self.setAccessibleName("Late posts waiting for you")
        self.setStyleSheet(STYLE)
        self._dismissed: set[int] = set()
        self._rows: dict[int, list[QWidget]] = {}
        self.heading = QLabel()
        self.heading.setObjectName("lateTitle")
        self.heading.setWordWrap(True)
        self.explain = QLabel("Their time came while ClinicStudio was closed, so they have not "
                              "gone out. Nothing is sent until you choose.")
        self.explain.setWordWrap(True)
        self.later = QPushButton("Decide later")
        self.later.setToolTip("Hide this until another post is late")
        self.later.clicked.connect(self.decide_later)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.later, 0, Qt.AlignmentFlag.AlignTop)
        # The list scrolls past two or three posts, so a long absence never pushes the editor
        # (or the window) off the screen.
        content = QWidget()
        self.list = QVBoxLayout(content)
        self.list.setContentsMargins(0, 0, 0, 0)
        self.list.setSpacing(4)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumHeight(MIN_LIST_HEIGHT)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.explain)
        layout.addWidget(self.scroll)
        layout.addWidget(self.status)
        self.hide()

    # -- what is late --------------------------------------------------------------------------
    def show_posts(self, posts: list[LatePost] | tuple[LatePost, ...], zone: ZoneInfo) -> None:
        """Show ``posts`` (all held posts now). Stays hidden when they were all seen already."""
        wanted = {p.id for p in posts}
        for post_id in list(self._rows):
            if post_id not in wanted:
                self._drop_row(post_id)
        for post in posts:
            if post.id not in self._rows:
                self._add_row(post, zone)
        self._update_heading()
        if not self._rows:
            self.hide()
        elif wanted - self._dismissed and self.isHidden():
            self.status.clear()
            self.show()

    def post_ids(self) -> list[int]:
        """The posts listed now, top to bottom."""
        return list(self._rows)

    def _add_row(self, post: LatePost, zone: ZoneInfo) -> None:
        block = QWidget()
        block.setObjectName("latePost")
        column = QVBoxLayout(block)
        column.setContentsMargins(0, 6, 0, 2)
        column.setSpacing(2)
        title = QLabel(post.title)
        # A title is the office's own words, shown as typed: "<b>" in it is not markup.
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setObjectName("lateTitle")
        title.setWordWrap(True)
        networks = ", ".join(network_label(n) for n in post.networks) or "no network chosen"
        when = QLabel(f"{planned_text(post, zone)}  ·  {networks}")
        when.setObjectName("lateWhen")
        when.setWordWrap(True)
        column.addWidget(title)
        column.addWidget(when)
        row = QHBoxLayout()
        row.setContentsMargins(0, 4, 0, 0)
        buttons = []
        for label, signal, tip in (
                ("Publish now", self.publishNowRequested, "Send it to its networks now"),
                ("Pick a new time…", self.newTimeRequested, "Choose when it goes out instead"),
                ("Keep as draft", self.keepAsDraftRequested,
                 "Take it off the schedule; it stays in your posts as a draft")):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.setAccessibleName(f"{label.rstrip('…')}: {post.title}")
            button.clicked.connect(lambda _=False, s=signal, i=post.id: self._chosen(s, i))
            row.addWidget(button)
            buttons.append(button)
        row.addStretch(1)
        column.addLayout(row)
        self.list.addWidget(block)
        self._rows[post.id] = [block, *buttons]

    def button(self, post_id: int, label: str) -> QPushButton:
        """The button ``label`` ("Publish now", ...) of a listed post."""
        for widget in self._rows[post_id][1:]:
            assert isinstance(widget, QPushButton)
            if widget.text().rstrip("…") == label.rstrip("…"):
                return widget
        raise KeyError(label)

    def _chosen(self, signal: Signal, post_id: int) -> None:  # type: ignore[valid-type]
        for widget in self._rows.get(post_id, [])[1:]:
            widget.setEnabled(False)  # one choice per post; the answer removes the row
        signal.emit(post_id)  # type: ignore[attr-defined]

    # -- answers ---------------------------------------------------------------------------------
    def handled(self, post_id: int, text: str) -> None:
        """A choice for ``post_id`` was carried out: take it off the list and say so."""
        self._drop_row(post_id)
        self.status.setText(text)
        self._update_heading()
        if not self._rows:
            self.hide()

    def refused(self, post_id: int, text: str) -> None:
        """A choice could not be carried out: say why and let the person choose again."""
        for widget in self._rows.get(post_id, [])[1:]:
            widget.setEnabled(True)
        self.status.setText(text)

    def decide_later(self) -> None:
        self._dismissed |= set(self._rows)
        self.hide()

    def _drop_row(self, post_id: int) -> None:
        widgets = self._rows.pop(post_id, [])
        if widgets:
            widgets[0].hide()  # the post's block; its buttons go with it
            widgets[0].deleteLater()

    def _update_heading(self) -> None:
        count = len(self._rows)
        content = self.scroll.widget()
        content.adjustSize()
        # Prefer showing every post (up to a limit), but give way down to one post's height.
        self.scroll.setMaximumHeight(min(content.sizeHint().height(), MAX_LIST_HEIGHT))
        self.heading.setText(f"{count} scheduled post{' is' if count == 1 else 's are'} "
                             "waiting for you to decide")
