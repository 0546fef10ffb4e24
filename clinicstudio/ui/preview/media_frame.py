"""The image area of a feed card: the crop, the grid with "+N", and Instagram's carousel dots."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from clinicstudio.platforms import PreviewModel


class MediaFrame(QWidget):
    """Paints a :class:`PreviewModel`'s image tiles at the feed's proportions."""

    def __init__(self, radius: float = 0.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._radius = radius
        self._model: PreviewModel | None = None
        self._pixmaps: dict[str, QPixmap] = {}
        self._placeholder = QColor("#E4E6EB")
        self._placeholder_text = QColor("#65676B")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_model(self, model: PreviewModel, placeholder: str, placeholder_text: str) -> None:
        self._model = model
        self._placeholder = QColor(placeholder)
        self._placeholder_text = QColor(placeholder_text)
        wanted = {image.path for image in model.images}
        self._pixmaps = {path: pm for path, pm in self._pixmaps.items() if path in wanted}
        for path in wanted - self._pixmaps.keys():
            self._pixmaps[path] = QPixmap(path)
        self.setVisible(bool(model.tiles or model.missing_image))
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: object) -> None:
        if not self._model:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._model.tiles:
            self._paint_missing(painter, self._model.missing_image)
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        width, height = self.width(), self.height()
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(0, 0, width, height), self._radius, self._radius)
        painter.setClipPath(clip)
        for tile in self._model.tiles:
            target = QRectF(tile.x * width, tile.y * height, tile.width * width,
                            tile.height * height)
            image = self._model.images[tile.index]
            pixmap = self._pixmaps.get(image.path)
            if pixmap is None or pixmap.isNull():
                painter.fillRect(target, self._placeholder)
                painter.setPen(self._placeholder_text)
                painter.drawText(target.adjusted(12, 12, -12, -12),
                                 Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                                 image.alt_text or "Image")
            else:
                painter.drawPixmap(target, pixmap, _fill_source(pixmap, target))
            if tile.more:
                painter.fillRect(target, QColor(0, 0, 0, 110))
                font = QFont(self.font())
                font.setPointSizeF(font.pointSizeF() * 2.2)
                font.setBold(True)
                painter.setFont(font)
                painter.setPen(QColor("white"))
                painter.drawText(target, Qt.AlignmentFlag.AlignCenter, f"+{tile.more}")
        painter.end()


    def _paint_missing(self, painter: QPainter, words: str) -> None:
        """Where the required picture will go: a calm dashed frame, not an alarm."""
        area = QRectF(self.rect()).adjusted(10, 6, -10, -6)
        painter.fillRect(area, self._placeholder)
        pen = QPen(self._placeholder_text, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(area, 6, 6)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter,
                         f"{words}.\nAdd a photo to see how it will look.")


def _fill_source(pixmap: QPixmap, target: QRectF) -> QRectF:
    """The centred part of the picture that fills ``target`` without distortion (a crop)."""
    source_w, source_h = float(pixmap.width()), float(pixmap.height())
    wanted = target.width() / target.height() if target.height() else 1.0
    if source_w / source_h > wanted:
        cut_w = source_h * wanted
        return QRectF((source_w - cut_w) / 2, 0, cut_w, source_h)
    cut_h = source_w / wanted
    return QRectF(0, (source_h - cut_h) / 2, source_w, cut_h)
