"""The right-hand side of the pane: what each network receives, the posts aimed at the segment,
and how they did."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.analytics.metrics import MetricTotals, percent
from clinicstudio.audience.mapping import NetworkTargeting
from clinicstudio.audience.performance import AimedPost, SegmentPerformance
from clinicstudio.domain import Platform, PostStatus


class TargetingPreview(QWidget):
    """One line per network: its name, whether the segment is sent, and the plain sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addWidget(QLabel("What each network receives", objectName="sectionTitle"))
        self.not_yet = QLabel("This segment cannot be saved yet. Once it is fixed, the networks "
                              "will receive the following.", wordWrap=True, objectName="hint",
                              visible=False)
        self._layout.addWidget(self.not_yet)
        self.rows: dict[str, QLabel] = {}
        for platform in Platform:
            label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
            label.setAccessibleName(f"What {platform.label} receives")
            self._layout.addWidget(label)
            self.rows[platform.value] = label

    def show_targeting(self, targets: list[NetworkTargeting], *, blocked: bool = False) -> None:
        """Show ``targets``; ``blocked`` adds that the segment cannot be saved as it is."""
        self.not_yet.setVisible(blocked)
        for target in targets:
            label = Platform(target.network).label
            tag = "aimed" if target.targeted else "everyone"
            self.rows[target.network].setText(
                f"<b>{escape(label)}</b> <span style='color:palette(placeholder-text)'>· "
                f"{tag}</span><br>{escape(target.sentence)}")


def _status_label(status: str) -> str:
    try:
        return PostStatus(status).label
    except ValueError:
        return status


def _when(post: AimedPost) -> str:
    if post.when is None:
        return "No date yet"
    local = post.when.astimezone()
    return f"{local:%a %d %b, %H:%M}"


class AimedPosts(QWidget):
    """Signals: openPostRequested(int): a post was double-clicked or Enter pressed on it."""

    openPostRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Upcoming posts aimed at it", objectName="sectionTitle"))
        self.list = QListWidget(accessibleName="Upcoming posts aimed at this segment")
        self.list.setMaximumHeight(140)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemActivated.connect(self._open)
        self.empty = QLabel("No upcoming posts are aimed at this segment yet. Pick it when you "
                            "write a post.", wordWrap=True, objectName="hint")
        layout.addWidget(self.list)
        layout.addWidget(self.empty)

    def show_posts(self, posts: list[AimedPost]) -> None:
        self.list.clear()
        for post in posts:
            status = _status_label(post.status)
            item = QListWidgetItem(f"{_when(post)} · {post.title} · {status}")
            item.setData(Qt.ItemDataRole.UserRole, post.id)
            item.setToolTip("Double-click to open the post")
            self.list.addItem(item)
        self.list.setVisible(bool(posts))
        self.empty.setVisible(not posts)

    def _open(self, item: QListWidgetItem) -> None:
        self.openPostRequested.emit(int(item.data(Qt.ItemDataRole.UserRole)))


def performance_line(name: str, totals: MetricTotals) -> str:
    """"Facebook: 3 posts · 1,840 people reached · 5.4 % engaged · 23 link clicks"."""
    posts = f"{totals.posts} post{'' if totals.posts == 1 else 's'}"
    reached = f"{totals.reach:,} people reached" if totals.reach else "reach not reported"
    rate = totals.engagement_rate
    engaged = f"{percent(rate)} engaged" if rate is not None else "engagement not measured"
    return f"{name}: {posts} · {reached} · {engaged} · {totals.link_clicks:,} link clicks"


class PerformancePanel(QWidget):
    """Reach, engagement rate and link clicks of the segment's posts, once figures exist."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(QLabel("How its posts did", objectName="sectionTitle"))
        self.none_yet = QLabel("Results appear here once posts aimed at this segment have gone "
                               "out and the networks have reported figures.", wordWrap=True,
                               objectName="hint")
        self._layout.addWidget(self.none_yet)
        #: One line per network, "All networks" first; keyed by the name shown.
        self.lines: dict[str, QLabel] = {}

    def show_performance(self, result: SegmentPerformance) -> None:
        for label in self.lines.values():
            label.setParent(None)
            label.deleteLater()
        self.lines = {}
        self.none_yet.setVisible(not result.measured)
        if not result.measured:
            return
        rows = [("All networks", result.overall)] + [
            (Platform(name).label, totals) for name, totals in result.by_network.items()]
        for name, totals in rows:
            label = QLabel(performance_line(name, totals), wordWrap=True)
            if name == "All networks":
                label.setStyleSheet("font-weight: 600;")
            self._layout.addWidget(label)
            self.lines[name] = label
