"""The post's images: a thumbnail, the alt text (read aloud to blind followers) and what each
network will object to.

Signals:
    altTextEdited(int, str): media id and its new alt text, when the user finishes typing.
    addImageRequested(): the user wants to attach an image.
    removeRequested(int): media id of an image to take off the post.
    fixRequested(int): media id of an image to fix for the ticked networks.
    linkCardRequested(): the user wants to fill in the post's link card.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Severity
from clinicstudio.ui import theme

if TYPE_CHECKING:
    from clinicstudio.app import ImageInfo

THUMB = 72


def thumbnail(info: ImageInfo, size: int = THUMB) -> QPixmap:
    reader = QImageReader(str(info.path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(QSize(size * 2, size * 2),
                                             Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QPixmap.fromImage(image) if not image.isNull() else QPixmap()


class _ImageCard(QFrame):
    def __init__(self, info: ImageInfo, warnings: Sequence[str], strip: MediaStrip) -> None:
        super().__init__()
        self.setObjectName("imageCard")
        self.info = info
        picture = QLabel()
        pixmap = thumbnail(info)
        if not pixmap.isNull():
            picture.setPixmap(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
        picture.setFixedSize(THUMB, THUMB)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setAccessibleName(f"Image {info.name}")
        self.alt = QLineEdit(info.alt_text)
        self.alt.setPlaceholderText("Describe the image for blind followers")
        self.alt.setAccessibleName(f"Alt text for {info.name}")
        self.alt.editingFinished.connect(
            lambda: strip.altTextEdited.emit(info.id, self.alt.text().strip())
            if self.alt.text().strip() != info.alt_text else None)
        name = QLabel(f"{info.name}  ·  {info.width}×{info.height}")
        name.setObjectName("hint")
        self.remove = QToolButton()
        self.remove.setText("Remove")
        self.remove.setToolTip("Take this image off the post (it stays in your image library)")
        self.remove.setAccessibleName(f"Remove {info.name} from the post")
        self.remove.clicked.connect(lambda: strip.removeRequested.emit(info.id))
        self.fix = QToolButton()
        self.fix.setText("Fix for each network…")
        self.fix.setToolTip("Crop, shrink, recompress or convert this image where a network "
                            "needs it, and see what each network receives")
        self.fix.setAccessibleName(f"Fix {info.name} for each network")
        self.fix.clicked.connect(lambda: strip.fixRequested.emit(info.id))
        self.fix.setVisible(bool(warnings))
        heading = QHBoxLayout()
        heading.addWidget(name, 1)
        heading.addWidget(self.fix)
        heading.addWidget(self.remove)
        column = QVBoxLayout()
        column.setSpacing(4)
        column.addLayout(heading)
        column.addWidget(self.alt)
        for warning in warnings:
            line = QLabel(warning)
            line.setWordWrap(True)
            line.setObjectName("blockReason")
            column.addWidget(line)
        # What the picture checks found (picture_checks.py fills it in).
        self.check_line = QLabel()
        self.check_line.setWordWrap(True)
        self.check_line.setVisible(False)
        self._check_row = QHBoxLayout()
        self._check_row.addWidget(self.check_line, 1)
        self.review: QPushButton | None = None
        column.addLayout(self._check_row)
        column.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 6, 6)
        row.setSpacing(8)
        row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)
        self.setMinimumWidth(300)


    def set_check_state(self, text: str, severity: Severity | None,
                        on_review: Callable[[], object] | None = None) -> None:
        """Show what the picture checks say, and a way to review the picture when useful."""
        from clinicstudio.ui.editor.picture_checks import review_button

        self.check_line.setText(text)
        self.check_line.setVisible(bool(text))
        self.check_line.setObjectName({Severity.BLOCK: "blockReason", None: "hint"}.get(
            severity, "warnReason"))
        self.check_line.setStyleSheet(
            "" if severity is None else f"color: {theme.severity_color(severity).name()};")
        if self.review is not None:
            self.review.deleteLater()
        self.review = review_button(on_review)
        if self.review is not None:
            self.review.setAccessibleName(f"Review picture {self.info.name}")
            self._check_row.addWidget(self.review, 0, Qt.AlignmentFlag.AlignTop)


class MediaStrip(QWidget):
    altTextEdited = Signal(int, str)
    addImageRequested = Signal()
    removeRequested = Signal(int)
    fixRequested = Signal(int)
    linkCardRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add = QPushButton(theme.icon("image"), "Add image…")
        self.add.setAccessibleName("Add image")
        self.add.setToolTip("Attach a photo (Ctrl+I)")
        self.add.clicked.connect(lambda: self.addImageRequested.emit())
        self.link_card = QPushButton(theme.icon("link"), "Link card…")
        self.link_card.setAccessibleName("Link card")
        self.link_card.setToolTip("The card Bluesky and LinkedIn show for the post's link: "
                                  "title, description and picture, as you write them")
        self.link_card.clicked.connect(lambda: self.linkCardRequested.emit())
        self._cards = QHBoxLayout()
        self._cards.setSpacing(8)
        holder = QWidget()
        holder.setLayout(self._cards)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll = scroll
        self._empty = QLabel("No images. Posts with a photo get more attention; "
                             "never show a patient without their written consent.")
        self._empty.setObjectName("hint")
        self._empty.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.add)
        buttons.addWidget(self.link_card)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self._empty, 1)
        layout.addWidget(scroll, 1)
        self.cards: list[_ImageCard] = []
        self.show_images((), {})

    def show_link_card(self, card: Mapping[str, object] | None) -> None:
        title = str((card or {}).get("title") or "")
        self.link_card.setText("Link card ✓" if title else "Link card…")
        self.link_card.setToolTip(f"Link card: {title}" if title else
                                  "The card Bluesky and LinkedIn show for the post's link: "
                                  "title, description and picture, as you write them")

    def show_images(self, images: Sequence[ImageInfo],
                    warnings: Mapping[int, Sequence[str]]) -> None:
        while self._cards.count():
            item = self._cards.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.cards = [_ImageCard(i, warnings.get(i.id, ()), self) for i in images]
        # The cards share the width: alt text is a sentence, and a narrow box cut it short.
        for card in self.cards:
            self._cards.addWidget(card, 1)
        self._empty.setVisible(not images)
        self._scroll.setVisible(bool(images))
        # Room for the network warnings and the picture checks' line with its button.
        self._scroll.setFixedHeight(THUMB + 76 + 18 * max(
            (len(warnings.get(i.id, ())) for i in images), default=0))
