"""A drop-down for choosing a post's segment, for the post editor."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QWidget

from clinicstudio.audience.segment import SegmentRecord
from clinicstudio.domain import Changes

EVERYONE = "Everyone (no targeting)"


class SegmentLister(Protocol):
    def list_segments(self) -> list[SegmentRecord]: ...


class SegmentPicker(QComboBox):
    """"Everyone (no targeting)" followed by the clinic's segments.

    Signals:
        segmentChanged(object): the chosen segment id (int), or None for everyone.
    """

    segmentChanged = Signal(object)

    def __init__(self, service: SegmentLister, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setAccessibleName("Audience segment")
        self.setToolTip("Who this post is aimed at. Only Facebook and LinkedIn can aim a post; "
                        "the other networks show it to everyone.")
        self.currentIndexChanged.connect(lambda _i: self.segmentChanged.emit(self.segment_id()))
        self.reload()

    def segment_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def set_segment_id(self, segment_id: int | None) -> None:
        """Select a segment; an id that no longer exists selects everyone."""
        index = self.findData(segment_id) if segment_id is not None else 0
        self.setCurrentIndex(max(index, 0))

    def reload(self) -> None:
        """Read the segments again, keeping the choice when the segment still exists."""
        chosen = self.segment_id() if self.count() else None
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(EVERYONE, None)
            for record in self._service.list_segments():
                self.addItem(record.name, record.id)
                self.setItemData(self.count() - 1, record.spec.summary,
                                 Qt.ItemDataRole.ToolTipRole)
            self.set_segment_id(chosen)
        finally:
            self.blockSignals(False)
        if self.segment_id() != chosen:
            self.segmentChanged.emit(self.segment_id())

    @Slot(object)
    def refresh(self, changes: Changes) -> None:
        if changes.segments:
            self.reload()
