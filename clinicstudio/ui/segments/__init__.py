"""The Segments pane and the segment picker the post editor uses."""

from clinicstudio.ui.segments.pane import SegmentsPane
from clinicstudio.ui.segments.picker import EVERYONE, SegmentPicker

__all__ = ["EVERYONE", "SegmentPicker", "SegmentsPane"]
