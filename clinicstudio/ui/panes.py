"""Building the window's panes, including those that come with other parts of the studio.

The calendar, audience and preview panes live in their own packages; the window docks them when
they are installed and simply goes without them otherwise.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from clinicstudio.ui.workers import Workers

if TYPE_CHECKING:
    from clinicstudio.app import Studio

log = logging.getLogger(__name__)


def optional_pane(module: str, name: str, studio: Studio, service: str | None) -> QWidget | None:
    """``module.name(service)``, or None when that pane is not part of this build."""
    try:
        pane_class = getattr(importlib.import_module(module), name)
        args = () if service is None else (studio.pane_service(service),)
    except (ImportError, AttributeError) as exc:
        log.info("pane %s.%s not available: %s", module, name, exc)
        return None
    return pane_class(*args)


def preview_pane(studio: Studio) -> QWidget | None:
    return optional_pane("clinicstudio.ui.preview", "PreviewPane", studio, None)


def calendar_pane(studio: Studio, workers: Workers) -> QWidget | None:
    return optional_pane("clinicstudio.ui.calendar", "CalendarPane", studio, "calendar")


def audience_pane(studio: Studio, workers: Workers) -> QWidget | None:
    return optional_pane("clinicstudio.ui.segments", "SegmentsPane", studio, "audience")


def audience_picker(studio: Studio) -> QWidget | None:
    return optional_pane("clinicstudio.ui.segments", "SegmentPicker", studio, "audience")
