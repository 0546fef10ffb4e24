"""A pane built the first time it is shown, so the window is usable before every pane is made.

The calendar and the audience segments sit behind a tab when the studio opens; building them
(their modules, their first queries) took most of the pause after the window appeared. A
:class:`DeferredPane` holds their place in the tab or dock and builds the real pane when it
first becomes visible, or when code asks for it (:meth:`build`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
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
            shown.show()  # at once: the layout would only show it on the next turn of the loop
            self.built.emit(pane)
        return self._pane

    def showEvent(self, event: QShowEvent) -> None:
        # Restoring the window's layout shows every docked pane for a moment, even the ones
        # behind another tab; only a pane still visible once that settles is built.
        if self._pane is None:
            QTimer.singleShot(0, self, self._build_if_visible)  # dropped if self is deleted
        super().showEvent(event)

    def _build_if_visible(self) -> None:
        # A pane behind another dock tab counts as visible but has nothing on screen.
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self.build()
