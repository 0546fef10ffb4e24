"""Driving the calendar views in tests: delivering a drag-and-drop as Qt would."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from clinicstudio.ui.calendar.chips import post_mime


def drop(widget: QWidget, post_id: int, point: QPointF) -> None:
    """Deliver a drag of ``post_id`` entering ``widget`` and dropping at ``point``.

    Qt only delivers a drop to the widget that accepted the drag's entry, so both are sent.
    """
    data = post_mime(post_id)  # the events do not own it: keep it alive while delivered
    move, left = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), move, data, left, none)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(point, move, data, left, none))
