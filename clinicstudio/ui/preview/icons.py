"""Small line icons for the feed action bars, drawn with QPainter so they look the same on every
machine (no emoji or icon font needed) and take the feed's secondary colour."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

Drawing = Callable[[QPainter, float], None]


def _heart(p: QPainter, s: float) -> None:
    path = QPainterPath(QPointF(s * 0.5, s * 0.85))
    path.cubicTo(s * 0.05, s * 0.55, s * 0.05, s * 0.15, s * 0.3, s * 0.15)
    path.cubicTo(s * 0.42, s * 0.15, s * 0.5, s * 0.25, s * 0.5, s * 0.3)
    path.cubicTo(s * 0.5, s * 0.25, s * 0.58, s * 0.15, s * 0.7, s * 0.15)
    path.cubicTo(s * 0.95, s * 0.15, s * 0.95, s * 0.55, s * 0.5, s * 0.85)
    p.drawPath(path)


def _bubble(p: QPainter, s: float) -> None:
    path = QPainterPath()
    path.addEllipse(QRectF(s * 0.12, s * 0.14, s * 0.76, s * 0.64))
    p.drawPath(path)
    p.drawLine(QPointF(s * 0.28, s * 0.7), QPointF(s * 0.16, s * 0.9))
    p.drawLine(QPointF(s * 0.16, s * 0.9), QPointF(s * 0.42, s * 0.77))


def _square_bubble(p: QPainter, s: float) -> None:
    p.drawRoundedRect(QRectF(s * 0.12, s * 0.16, s * 0.76, s * 0.56), s * 0.12, s * 0.12)
    p.drawLine(QPointF(s * 0.3, s * 0.72), QPointF(s * 0.3, s * 0.88))
    p.drawLine(QPointF(s * 0.3, s * 0.88), QPointF(s * 0.46, s * 0.72))


def _repost(p: QPainter, s: float) -> None:
    p.drawPolyline([QPointF(s * 0.22, s * 0.55), QPointF(s * 0.22, s * 0.3),
                    QPointF(s * 0.75, s * 0.3)])
    p.drawPolyline([QPointF(s * 0.64, s * 0.19), QPointF(s * 0.75, s * 0.3),
                    QPointF(s * 0.64, s * 0.41)])
    p.drawPolyline([QPointF(s * 0.78, s * 0.45), QPointF(s * 0.78, s * 0.7),
                    QPointF(s * 0.25, s * 0.7)])
    p.drawPolyline([QPointF(s * 0.36, s * 0.59), QPointF(s * 0.25, s * 0.7),
                    QPointF(s * 0.36, s * 0.81)])


def _send(p: QPainter, s: float) -> None:
    p.drawPolygon([QPointF(s * 0.1, s * 0.45), QPointF(s * 0.88, s * 0.14),
                   QPointF(s * 0.6, s * 0.88), QPointF(s * 0.45, s * 0.57)])
    p.drawLine(QPointF(s * 0.45, s * 0.57), QPointF(s * 0.88, s * 0.14))


def _share(p: QPainter, s: float) -> None:
    p.drawLine(QPointF(s * 0.5, s * 0.12), QPointF(s * 0.5, s * 0.62))
    p.drawPolyline([QPointF(s * 0.3, s * 0.3), QPointF(s * 0.5, s * 0.12),
                    QPointF(s * 0.7, s * 0.3)])
    p.drawPolyline([QPointF(s * 0.18, s * 0.5), QPointF(s * 0.18, s * 0.86),
                    QPointF(s * 0.82, s * 0.86), QPointF(s * 0.82, s * 0.5)])


def _bookmark(p: QPainter, s: float) -> None:
    p.drawPolygon([QPointF(s * 0.25, s * 0.12), QPointF(s * 0.75, s * 0.12),
                   QPointF(s * 0.75, s * 0.88), QPointF(s * 0.5, s * 0.66),
                   QPointF(s * 0.25, s * 0.88)])


def _thumb(p: QPainter, s: float) -> None:
    p.drawRoundedRect(QRectF(s * 0.1, s * 0.45, s * 0.16, s * 0.42), s * 0.04, s * 0.04)
    path = QPainterPath(QPointF(s * 0.34, s * 0.45))
    path.lineTo(s * 0.5, s * 0.12)
    path.cubicTo(s * 0.62, s * 0.12, s * 0.62, s * 0.3, s * 0.58, s * 0.4)
    path.lineTo(s * 0.84, s * 0.4)
    path.cubicTo(s * 0.94, s * 0.42, s * 0.92, s * 0.55, s * 0.86, s * 0.58)
    path.lineTo(s * 0.8, s * 0.84)
    path.lineTo(s * 0.34, s * 0.86)
    path.closeSubpath()
    p.drawPath(path)


def _bars(p: QPainter, s: float) -> None:
    for i, height in enumerate((0.3, 0.6, 0.45)):
        x = s * (0.25 + i * 0.22)
        p.drawLine(QPointF(x, s * 0.85), QPointF(x, s * (0.85 - height)))


def _dots(p: QPainter, s: float) -> None:
    for i in range(3):
        p.drawEllipse(QPointF(s * (0.25 + i * 0.25), s * 0.5), s * 0.05, s * 0.05)


def _globe(p: QPainter, s: float) -> None:
    p.drawEllipse(QRectF(s * 0.12, s * 0.12, s * 0.76, s * 0.76))
    p.drawEllipse(QRectF(s * 0.34, s * 0.12, s * 0.32, s * 0.76))
    p.drawLine(QPointF(s * 0.12, s * 0.5), QPointF(s * 0.88, s * 0.5))


def _star(p: QPainter, s: float) -> None:
    import math

    points = []
    for i in range(10):
        radius = 0.4 if i % 2 == 0 else 0.17
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(s * (0.5 + radius * math.cos(angle)),
                              s * (0.53 + radius * math.sin(angle))))
    p.drawPolygon(points)


ICONS: dict[str, Drawing] = {
    "heart": _heart, "bubble": _bubble, "square_bubble": _square_bubble, "repost": _repost,
    "send": _send, "share": _share, "bookmark": _bookmark, "thumb": _thumb, "bars": _bars,
    "dots": _dots, "globe": _globe, "star": _star,
}


def icon_pixmap(name: str, colour: str, size: int = 18, device_ratio: float = 2.0) -> QPixmap:
    pixmap = QPixmap(int(size * device_ratio), int(size * device_ratio))
    pixmap.setDevicePixelRatio(device_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), max(1.3, size / 12))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if name == "dots":
        painter.setBrush(QColor(colour))
    ICONS[name](painter, float(size))
    painter.end()
    return pixmap
