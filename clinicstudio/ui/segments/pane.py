"""The Segments pane: the clinic's segments, one being edited, and what it means per network."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.audience.findings import SegmentFinding
from clinicstudio.audience.mapping import NetworkTargeting
from clinicstudio.audience.operations import SegmentBlocked
from clinicstudio.audience.performance import AimedPost, SegmentPerformance
from clinicstudio.audience.segment import SegmentRecord, SegmentSpec
from clinicstudio.domain import Changes, UserError
from clinicstudio.ui.segments.details import AimedPosts, PerformancePanel, TargetingPreview
from clinicstudio.ui.segments.form import SegmentForm


class SegmentSource(Protocol):
    """What the pane needs from :class:`clinicstudio.audience.SegmentService`."""

    def list_segments(self) -> list[SegmentRecord]: ...
    def get(self, segment_id: int) -> SegmentRecord: ...
    def validator(self, *, segment_id: int | None = None,
                  content: str = "") -> Callable[[SegmentSpec], list[SegmentFinding]]: ...
    def targeting(self, spec: SegmentSpec) -> list[NetworkTargeting]: ...
    def posts_aimed_at(self, segment_id: int, *, upcoming_only: bool = False,
                       now: datetime | None = None) -> list[AimedPost]: ...
    def performance(self, segment_id: int) -> SegmentPerformance: ...
    def create(self, spec: SegmentSpec) -> tuple[SegmentRecord, Changes]: ...
    def update(self, segment_id: int, spec: SegmentSpec) -> tuple[SegmentRecord, Changes]: ...
    def delete(self, segment_id: int) -> Changes: ...


#: Below this width (pixels) the pane's three parts stack instead of standing side by side.
NARROW_WIDTH = 720


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    # Text wraps to the width available instead of running off to the side.
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class SegmentsPane(QWidget):
    """Lists, edits and explains audience segments.

    Signals:
        segmentsChanged(): a segment was added, edited or removed here.
        changesMade(object): the :class:`Changes` of that operation, for the window to broadcast.
        openPostRequested(int): the user asked to open the post with this id.
    """

    segmentsChanged = Signal()
    changesMade = Signal(object)
    openPostRequested = Signal(int)

    def __init__(self, service: SegmentSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._current: int | None = None
        self._check: Callable[[SegmentSpec], list[SegmentFinding]] = service.validator()
        self._own_changes: Changes | None = None

        self.list = QListWidget(accessibleName="Segments", objectName="segmentList")
        self.list.setWordWrap(True)
        # Long summaries wrap to the pane's width instead of hiding behind a sideways scroll.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.currentItemChanged.connect(self._selected)
        self.new_button = QPushButton("New segment")
        self.delete_button = QPushButton("Remove", enabled=False)
        self.new_button.clicked.connect(self.new_segment)
        self.delete_button.clicked.connect(self._delete)
        left = QWidget()
        left.setMinimumWidth(240)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("Segments", objectName="sectionTitle"))
        left_layout.addWidget(QLabel("Who a post is aimed at: by place, age and language, "
                                     "never by health.", wordWrap=True, objectName="hint"))
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)

        self.form = SegmentForm(self._validate)
        self.form.specEdited.connect(self._preview)
        self.form.saveRequested.connect(self._save)
        self.form.revert_button.clicked.connect(self._revert)

        self.preview = TargetingPreview()
        self.posts = AimedPosts()
        self.posts.openPostRequested.connect(self.openPostRequested)
        self.performance = PerformancePanel()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.preview)
        right_layout.addWidget(self.posts)
        right_layout.addWidget(self.performance)
        right_layout.addStretch(1)

        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(_scrolled(self.form))
        splitter.addWidget(_scrolled(right))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._reload_list()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_segment()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Docked beside the editor the pane is narrow: three columns side by side were cut off,
        # so below this width the list, the form and the preview stack top to bottom.
        narrow = event.size().width() < NARROW_WIDTH
        wanted = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            # Stacked, the list keeps room for a few segments and the form gets the most.
            length = event.size().height() if narrow else event.size().width()
            self.splitter.setSizes([length * 25 // 100, length * 45 // 100,
                                    length * 30 // 100])
        super().resizeEvent(event)

    # Showing ----------------------------------------------------------------------------------
    def _reload_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for record in self._service.list_segments():
            posts = f"{record.post_count} post{'' if record.post_count == 1 else 's'}"
            item = QListWidgetItem(f"{record.name}\n{record.spec.summary} · {posts}")
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.list.addItem(item)
            if record.id == self._current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _selected(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        self.show_segment(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_segment(self, segment_id: int) -> None:
        record = self._service.get(segment_id)
        self._current = segment_id
        self._check = self._service.validator(segment_id=segment_id)
        self.delete_button.setEnabled(True)
        self.form.set_spec(record.spec, title=record.name)
        self.posts.show_posts(self._service.posts_aimed_at(segment_id, upcoming_only=True))
        self.performance.show_performance(self._service.performance(segment_id))

    @Slot()
    def new_segment(self) -> None:
        self._current = None
        self._check = self._service.validator()
        self.list.clearSelection()
        self.delete_button.setEnabled(False)
        self.form.set_spec(SegmentSpec(), title="New segment")
        self.posts.show_posts([])
        self.performance.show_performance(SegmentPerformance())

    def _validate(self, spec: SegmentSpec) -> list[SegmentFinding]:
        return self._check(spec)

    def _preview(self, spec: SegmentSpec) -> None:
        try:
            blocked = any(f.blocks for f in self.form.findings)
            self.preview.show_targeting(self._service.targeting(spec.normalised()),
                                        blocked=blocked)
        except UserError as exc:
            self.form.show_error(str(exc))

    # Changing ---------------------------------------------------------------------------------
    def _save(self, spec: SegmentSpec) -> None:
        try:
            if self._current is None:
                record, changes = self._service.create(spec)
            else:
                record, changes = self._service.update(self._current, spec)
        except SegmentBlocked as blocked:
            self.form.findings_view.show_findings(blocked.findings)
            self.form.save_button.setEnabled(False)
            return
        except UserError as exc:
            self.form.show_error(str(exc))
            return
        self._current = record.id
        self._announce(changes)
        self._reload_list()
        self.show_segment(record.id)

    def _revert(self) -> None:
        if self._current is None:
            self.new_segment()
        else:
            self.show_segment(self._current)

    def _delete(self) -> None:
        if self._current is None:
            return
        record = self._service.get(self._current)
        answer = QMessageBox.question(
            self, "Remove segment",
            f"Remove “{record.name}”? Its {record.post_count} post(s) will go to everyone.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.delete_current()

    def delete_current(self) -> None:
        """Remove the segment on screen without asking (the button asks first)."""
        if self._current is None:
            return
        changes = self._service.delete(self._current)
        self._current = None
        self._announce(changes)
        self._reload_list()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_segment()

    def _announce(self, changes: Changes) -> None:
        self._own_changes = changes
        self.segmentsChanged.emit()
        self.changesMade.emit(changes)

    @Slot(object)
    def refresh(self, changes: Changes) -> None:
        """Show what another part of the window changed; our own broadcast is ignored."""
        if changes is self._own_changes or not (changes.segments or changes.posts):
            return
        self._reload_list()
        if self._current is not None and not self.form.dirty:
            try:
                self.show_segment(self._current)
            except UserError:
                self.new_segment()
        elif self._current is not None:
            self.posts.show_posts(self._service.posts_aimed_at(self._current, upcoming_only=True))

    def stop(self) -> None:
        """Stop the pending check (before closing the window)."""
        self.form.stop()
