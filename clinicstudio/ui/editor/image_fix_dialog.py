"""Fix an image for each network: pick the point a crop must keep, see what each network gets.

The dialog shows, per ticked network, the steps (crop to an allowed shape around the focus
point, shrink, recompress under the size limit, convert the format) and the result itself,
made by the same preparation the upload runs. Accepting keeps the focus point for the post.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.ui.editor.media_strip import thumbnail

if TYPE_CHECKING:
    from clinicstudio.app import ImageInfo
    from clinicstudio.platforms.image_fixes import NetworkFix

PICKER = 360
RESULT = 120


class FocusPicker(QWidget):
    """The photo with a movable focus point (click or drag; arrow keys nudge it)."""

    focusChanged = Signal(float, float)

    def __init__(self, image: ImageInfo, focus: tuple[float, float],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Focus point: the part of the photo a crop keeps")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.pixmap = thumbnail(image, PICKER // 2).scaled(
            PICKER, PICKER, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        self.setFixedSize(QSize(PICKER, PICKER))
        self.focus = focus

    def picture_rect(self) -> QRectF:
        size = self.pixmap.size()
        return QRectF((PICKER - size.width()) / 2, (PICKER - size.height()) / 2,
                      size.width(), size.height())

    def set_focus_point(self, x: float, y: float) -> None:
        self.focus = (min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0))
        self.update()
        self.focusChanged.emit(*self.focus)

    def _from_mouse(self, event: QMouseEvent) -> None:
        area = self.picture_rect()
        point = event.position()
        self.set_focus_point((point.x() - area.x()) / area.width(),
                             (point.y() - area.y()) / area.height())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._from_mouse(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._from_mouse(event)

    def keyPressEvent(self, event: object) -> None:
        step = {Qt.Key.Key_Left: (-0.05, 0), Qt.Key.Key_Right: (0.05, 0),
                Qt.Key.Key_Up: (0, -0.05), Qt.Key.Key_Down: (0, 0.05)}.get(
            event.key())  # type: ignore[attr-defined]
        if step is None:
            super().keyPressEvent(event)  # type: ignore[arg-type]
            return
        self.set_focus_point(self.focus[0] + step[0], self.focus[1] + step[1])

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.picture_rect()
        painter.drawPixmap(area.topLeft(), self.pixmap)
        centre = QPointF(area.x() + self.focus[0] * area.width(),
                         area.y() + self.focus[1] * area.height())
        for colour, width in ((QColor(0, 0, 0, 150), 5), (QColor("white"), 2)):
            painter.setPen(QPen(colour, width))
            painter.drawEllipse(centre, 16, 16)
            painter.drawLine(centre - QPointF(24, 0), centre - QPointF(8, 0))
            painter.drawLine(centre + QPointF(8, 0), centre + QPointF(24, 0))
            painter.drawLine(centre - QPointF(0, 24), centre - QPointF(0, 8))
            painter.drawLine(centre + QPointF(0, 8), centre + QPointF(0, 24))
        painter.end()


class ImageFixDialog(QDialog):
    """``compute(focus)`` starts the preparation off the GUI thread; the caller hands the result
    to :meth:`show_fixes`. ``focus`` is what a person chose when the dialog is accepted."""

    def __init__(self, image: ImageInfo, focus: tuple[float, float],
                 compute: Callable[[tuple[float, float]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Fix {image.name} for each network")
        self._compute = compute
        intro = QLabel("Each network gets its own copy, made to fit its rules. Click the part "
                       "of the photo that must stay in view when a network needs it cropped.")
        intro.setWordWrap(True)
        self.picker = FocusPicker(image, focus)
        self.results = QGridLayout()
        self.results.setHorizontalSpacing(12)
        self.results.setVerticalSpacing(10)
        self.waiting = QLabel("Preparing each network's copy…")
        self.waiting.setObjectName("hint")
        right = QVBoxLayout()
        right.addWidget(self.waiting)
        right.addLayout(self.results)
        right.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.picker, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(right, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.use = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.use.setText("Use these fixes")
        self.use.setObjectName("primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(860)
        # A drag sends many points; prepare once the pointer rests.
        self._again = QTimer(self, singleShot=True, interval=250)
        self._again.timeout.connect(lambda: self._compute(self.picker.focus))
        self.picker.focusChanged.connect(lambda _x, _y: self._changed())
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []
        QTimer.singleShot(0, lambda: self._compute(self.picker.focus))

    @property
    def focus(self) -> tuple[float, float]:
        return self.picker.focus

    def _changed(self) -> None:
        self.waiting.setText("Preparing each network's copy…")
        self._again.start()

    def show_fixes(self, fixes: Sequence[NetworkFix]) -> None:
        while self.results.count():
            item = self.results.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows = []
        for index, fix in enumerate(fixes):
            picture = QLabel()
            image = QImage.fromData(fix.data)
            picture.setPixmap(QPixmap.fromImage(image).scaled(
                RESULT, RESULT, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
            picture.setFixedSize(RESULT, RESULT)
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            picture.setFrameShape(QFrame.Shape.StyledPanel)
            picture.setAccessibleName(f"What {fix.network.label} receives")
            name = QLabel(f"<b>{fix.network.label}</b>")
            words = QLabel(fix.summary)
            words.setWordWrap(True)
            self.results.addWidget(picture, index, 0)
            self.results.addWidget(name, index, 1, Qt.AlignmentFlag.AlignTop)
            self.results.addWidget(words, index, 2, Qt.AlignmentFlag.AlignTop)
            self.rows.append((picture, name, words))
        self.results.setColumnStretch(2, 1)
        self.waiting.setText("")
        self.waiting.setVisible(False)

    def show_error(self, message: str) -> None:
        self.waiting.setText(message)
        self.waiting.setVisible(True)
