"""The centre of the window: *Write* (the editor) and *Calendar* (the month grid) as tabs.

Writing and planning are the two big jobs, so both get the middle of the window. A month grid
needs room, so while the calendar is in front the panes about the open post (findings, preview,
audience) step aside, and they come back, as the user had arranged them, with the editor.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QTabWidget, QWidget

from clinicstudio.ui import theme

WRITE, CALENDAR = 0, 1


class Workspace(QTabWidget):
    def __init__(self, window: QMainWindow, write: QWidget, calendar: QWidget | None) -> None:
        super().__init__()
        self.setObjectName("workspace")
        self.setDocumentMode(True)
        self._window = window
        self._post_docks: list[QDockWidget] = []
        self._writing_layout: QByteArray | None = None
        self.addTab(write, theme.icon("new-post"), "Write")
        if calendar is not None:
            self.addTab(scrolling(calendar), theme.icon("schedule"), "Calendar")
        for index in range(self.count()):
            QShortcut(QKeySequence(f"Ctrl+{index + 1}"), window,
                      activated=partial(self.setCurrentIndex, index))
            self.setTabToolTip(index, f"Ctrl+{index + 1}")
        self.currentChanged.connect(self._switched)

    def set_post_docks(self, docks: list[QDockWidget]) -> None:
        """The docks that are about the open post and make way for the calendar."""
        self._post_docks = docks

    def show_writing(self, *_: object) -> None:
        self.setCurrentIndex(WRITE)

    def show_calendar(self) -> None:
        if self.count() > CALENDAR:
            self.setCurrentIndex(CALENDAR)

    def writing_layout(self) -> QByteArray:
        """The dock layout to remember: the writing one, even while the calendar is in front."""
        return self._writing_layout or self._window.saveState()

    def _switched(self, index: int) -> None:
        # Any tab but Write (the calendar, the inbox) needs room more than the post's panes.
        if index != WRITE:
            if self._writing_layout is None:
                self._writing_layout = self._window.saveState()
            for dock in self._post_docks:
                dock.hide()
        elif self._writing_layout is not None:
            self._window.restoreState(self._writing_layout)
            self._writing_layout = None


def scrolling(pane: QWidget) -> QScrollArea:
    """``pane`` in a scroll area: a wide pane scrolls instead of forcing the window wider."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(pane)
    return scroll
