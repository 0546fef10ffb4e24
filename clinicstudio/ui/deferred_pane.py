"""A pane built the first time it is shown, so the window is usable before every pane is made.

The calendar and the audience segments sit behind a tab when the studio opens; building them
(their modules, their first queries) took most of the pause after the window appeared. A
:class:`DeferredPane` holds their place in the tab or dock and builds the real pane when it
first becomes visible, or when code asks for it (:meth:`build`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clinicstudio.ui.workspace import scrolling

#: Panes wider than this scroll sideways instead of forcing the window wider.
SCROLL_ABOVE = 460


class DeferredPane(QWidget):
    """Signals:
    built(QWidget): the real pane now exists (connect its signals here).
    """

    built = Signal(QWidget)

    def __init__(self, factory: Callable[[], QWidget], *, scroll_wide: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._scroll_wide = scroll_wide
        self._pane: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def pane(self) -> QWidget | None:
        """The real pane, or None while it has not been needed yet."""
        return self._pane

    def build(self) -> QWidget:
        """The real pane, built now if it was not yet."""
        if self._pane is None:
            pane = self._factory()
            self._pane = pane
            wide = self._scroll_wide and pane.minimumSizeHint().width() > SCROLL_ABOVE
            shown = scrolling(pane) if wide else pane
            self.layout().addWidget(shown)
            self.built.emit(pane)
        return self._pane

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)
