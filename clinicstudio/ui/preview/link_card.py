"""The link preview under a post: site, title and description, as the feed draws it."""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from clinicstudio.platforms import LinkCard
from clinicstudio.ui.preview.palette import FeedColours


class LinkCardBox(QFrame):
    """``boxed``: a rounded outline (X, Mastodon, Bluesky); otherwise a flat grey band across
    the card (Facebook, LinkedIn)."""

    def __init__(self, colours: FeedColours, boxed: bool, dark: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkCard")
        self.thumbnail = QLabel()
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.domain_label = QLabel()
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.description_label = QLabel()
        self.description_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.thumbnail)
        words = QVBoxLayout()
        words.setContentsMargins(12, 8, 12, 10)
        words.setSpacing(2)
        for label in (self.domain_label, self.title_label, self.description_label):
            words.addWidget(label)
        layout.addLayout(words)
        band = ("#3A3B3C" if dark else "#F0F2F5") if not boxed else "transparent"
        border = f"1px solid {colours.border}" if boxed else "none"
        radius = 12 if boxed else 0
        self.setStyleSheet(
            f"#linkCard {{ background:{band}; border:{border}; border-radius:{radius}px; }}"
        )
        self._colours = colours
        self._boxed = boxed

    def show_card(self, card: LinkCard | None, width: int) -> None:
        self.setVisible(card is not None)
        if card is None:
            return
        c = self._colours
        domain = card.domain.upper() if not self._boxed else card.domain
        self.domain_label.setText(f"<span style='color:{c.secondary}'>{html.escape(domain)}</span>")
        self.title_label.setText(f"<b>{html.escape(card.title)}</b>")
        self.description_label.setText(
            f"<span style='color:{c.secondary}'>{html.escape(card.description)}</span>")
        self.description_label.setVisible(bool(card.description))
        picture = QPixmap(card.thumbnail_path) if card.thumbnail_path else QPixmap()
        self.thumbnail.setVisible(not picture.isNull())
        if not picture.isNull():
            width -= 2 if self._boxed else 0  # inside the outline
            height = round(width / 1.91)
            scaled = picture.scaled(width, height, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                    Qt.TransformationMode.SmoothTransformation)
            cropped = scaled.copy((scaled.width() - width) // 2,
                                  (scaled.height() - height) // 2, width, height)
            self.thumbnail.setPixmap(_round_top(cropped, 11) if self._boxed else cropped)
        for label in (self.title_label, self.description_label):
            label.setFixedHeight(label.heightForWidth(width - 24))


def _round_top(picture: QPixmap, radius: float) -> QPixmap:
    """The picture with rounded top corners, to sit inside a rounded card outline."""
    rounded = QPixmap(picture.size())
    rounded.fill(Qt.GlobalColor.transparent)
    painter = QPainter(rounded)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    w, h = float(picture.width()), float(picture.height())
    path.addRoundedRect(QRectF(0, 0, w, h + radius * 2), radius, radius)
    painter.setClipPath(path)
    painter.drawPixmap(0, 0, picture)
    painter.end()
    return rounded
