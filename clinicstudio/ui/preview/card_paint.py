"""What a feed card paints besides its widgets: the avatar in the network's shape and the
post's text as rich text with links, the fold and the over-limit part marked."""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPixmap

from clinicstudio.platforms import PreviewModel, SpanKind
from clinicstudio.ui.preview.palette import FeedColours


def _initials(name: str) -> str:
    words = [w for w in name.replace("&", " ").split() if w[:1].isalnum()]
    return "".join(w[0].upper() for w in words[:2]) or "?"


def avatar_pixmap(avatar: QPixmap | None, name: str, size: int, shape: str) -> QPixmap:
    """The avatar cut to the network's shape; the clinic's initials when there is none."""
    ratio = 2.0
    result = QPixmap(int(size * ratio), int(size * ratio))
    result.setDevicePixelRatio(ratio)
    result.fill(Qt.GlobalColor.transparent)
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    path = QPainterPath()
    rect = QRectF(0, 0, size, size)
    if shape == "circle":
        path.addEllipse(rect)
    else:
        corner = size * (0.22 if shape == "rounded" else 0.06)
        path.addRoundedRect(rect, corner, corner)
    painter.setClipPath(path)
    if avatar is not None and not avatar.isNull():
        painter.drawPixmap(rect, avatar, QRectF(avatar.rect()))
    else:
        painter.fillRect(rect, QColor("#2E7D6B"))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(8, int(size * 0.38)))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, _initials(name))
    painter.end()
    return result


def spans_html(model: PreviewModel, colours: FeedColours, bold_more: bool = False) -> str:
    parts: list[str] = []
    for span in model.spans:
        escaped = html.escape(span.text).replace("\n", "<br>")
        styles: list[str] = []
        if span.kind is not SpanKind.PLAIN:
            styles.append(f"color:{colours.link}")
        if span.over_limit:
            styles = [f"background-color:{colours.over_background}", f"color:{colours.over_text}"]
        parts.append(f'<span style="{";".join(styles)}">{escaped}</span>' if styles else escaped)
    if model.folded:
        weight = "font-weight:600;" if bold_more else ""
        parts.append(f'<span style="color:{colours.secondary};{weight}">{model.more_label}</span>')
    return "".join(parts)
