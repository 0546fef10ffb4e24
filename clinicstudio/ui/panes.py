"""Building the window's panes that come with other parts of the studio: the network
previews, the calendar and the audience segments, each given the service it works with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from clinicstudio.ui.workers import Workers

if TYPE_CHECKING:
    from clinicstudio.app import Studio


def preview_pane(studio: Studio) -> QWidget:
    from clinicstudio.ui.preview import PreviewPane

    return PreviewPane()


def calendar_pane(studio: Studio, workers: Workers) -> QWidget:
    from clinicstudio.ui.calendar import CalendarPane

    return CalendarPane(studio.pane_service("calendar"), workers=workers)


def audience_pane(studio: Studio, workers: Workers) -> QWidget:
    from clinicstudio.ui.segments import SegmentsPane

    return SegmentsPane(studio.pane_service("audience"))


def audience_picker(studio: Studio) -> QWidget:
    from clinicstudio.ui.segments import SegmentPicker

    return SegmentPicker(studio.pane_service("audience"))
