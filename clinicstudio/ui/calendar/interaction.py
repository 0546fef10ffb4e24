"""Mouse behaviour the month and week views share: hover, tooltips, dragging and dropping.

A chip of a post that has gone out does not start a drag: the view says why instead (through
its ``moveRefused`` signal), and the chip's tooltip says so before anyone tries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QDrag, QDropEvent, QHelpEvent, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QToolTip

from clinicstudio.planning.clock import time_text
from clinicstudio.planning.moves import WHY_FIXED
from clinicstudio.planning.observances import ObservanceDay
from clinicstudio.planning.queries import CalendarPeriod, CalendarPost
from clinicstudio.ui.calendar.chips import chip_tooltip, paint_chip, post_id_from_mime, post_mime


@dataclass(frozen=True, slots=True)
class Hit:
    """What lies under a point in a view: a chip, the "+N more" link, an observance line, or
    a day (and, in the week view, the time ``slot``)."""

    kind: str
    rect: QRectF
    day: date
    post: CalendarPost | None = None
    slot: time | None = None
    observance: ObservanceDay | None = None


class ChipInteraction:
    """Mixed into a view that has ``hit_at(point)`` and a ``moveRefused`` signal.

    For dropping, the view names where a point lands with ``drop_target(point)`` (a day, or a
    day and time) and says what a drop there means with ``emit_drop(post_id, target)``; the
    target under a drag in progress is ``drop_highlight``, for painting.
    """

    hovered_post: int | None = None
    drop_highlight: Any = None
    _period: CalendarPeriod | None = None
    _press: tuple[QPointF, CalendarPost] | None = None

    def set_period(self, period: CalendarPeriod) -> None:
        """Show ``period``: its days and posts are laid out again and drawn."""
        self._period = period
        self._relayout()
        self.update()  # type: ignore[attr-defined]

    def resizeEvent(self, event: object) -> None:
        self._relayout()

    def _relayout(self) -> None:
        raise NotImplementedError

    def drop_target(self, point: QPointF) -> Any:
        raise NotImplementedError

    def emit_drop(self, post_id: int, target: Any) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDropEvent) -> None:
        if post_id_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDropEvent) -> None:
        self.drop_highlight = self.drop_target(event.position())
        self.update()  # type: ignore[attr-defined]
        if self.drop_highlight is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: object) -> None:
        self.drop_highlight = None
        self.update()  # type: ignore[attr-defined]

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_highlight = None
        self.update()  # type: ignore[attr-defined]
        post_id = post_id_from_mime(event.mimeData())
        target = self.drop_target(event.position())
        if post_id is None or target is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.emit_drop(post_id, target)

    def _hit(self, point: Any) -> Any:
        return self.hit_at(point)  # type: ignore[attr-defined]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position())
        post = hit.post if hit is not None else None
        left = event.button() == Qt.MouseButton.LeftButton
        self._press = (event.position(), post) if post is not None and left else None

    def end_press(self) -> None:
        self._press = None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position())
        post = hit.post if hit is not None else None
        hovered = post.id if post is not None else None
        if hovered != self.hovered_post:
            self.hovered_post = hovered
            self.update()  # type: ignore[attr-defined]
        shape = Qt.CursorShape.ArrowCursor
        if post is not None:
            fixed = Qt.CursorShape.ForbiddenCursor
            shape = Qt.CursorShape.OpenHandCursor if post.movable else fixed
        self.setCursor(shape)  # type: ignore[attr-defined]
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        start, pressed = self._press
        if (event.position() - start).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        if not pressed.movable:
            self.moveRefused.emit(WHY_FIXED)  # type: ignore[attr-defined]
            return
        drag = QDrag(self)  # type: ignore[arg-type]
        drag.setMimeData(post_mime(pressed.id))
        drag.setPixmap(self._chip_pixmap(pressed))
        drag.exec(Qt.DropAction.MoveAction)

    def _chip_pixmap(self, post: CalendarPost) -> QPixmap:
        pixmap = QPixmap(180, 20)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_chip(painter, QRectF(0, 0, 180, 20), post, self.palette())  # type: ignore[attr-defined]
        painter.end()
        return pixmap

    def leaveEvent(self, event: QEvent) -> None:
        if self.hovered_post is not None:
            self.hovered_post = None
            self.update()  # type: ignore[attr-defined]

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self._hit(event.pos())
            text = ""
            if hit is not None and hit.post is not None:
                text = chip_tooltip(hit.post)
            elif hit is not None and getattr(hit, "observance", None) is not None:
                found = hit.observance.observance
                text = (f"<b>{found.name}</b><br>Health observance"
                        f"{' by ' + found.organizer if found.organizer else ''}."
                        f"{'<br>' + found.note if found.note else ''}"
                        "<br>Right-click the day to draft a post for it.")
            elif hit is not None and getattr(hit, "slot", None) is not None:
                text = f"Double-click to start a post at {time_text(hit.slot)}."
            if text:
                QToolTip.showText(event.globalPos(), text, self)  # type: ignore[arg-type]
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[misc]
