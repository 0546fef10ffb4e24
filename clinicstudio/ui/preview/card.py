"""One feed card, painted from a :class:`PreviewModel`; each network's widget sets its style.

The card holds no rules: it shows what ``clinicstudio.platforms.build_preview`` decided (fold,
marked spans, the over-limit part, image tiles) in the network's layout and colours.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clinicstudio.domain import Platform
from clinicstudio.platforms import PreviewModel
from clinicstudio.ui.preview.card_paint import avatar_pixmap, spans_html
from clinicstudio.ui.preview.icons import icon_pixmap
from clinicstudio.ui.preview.link_card import LinkCardBox
from clinicstudio.ui.preview.media_frame import MediaFrame
from clinicstudio.ui.preview.palette import feed_colours


@dataclass(frozen=True, slots=True)
class CardStyle:
    """How one network lays out a post. ``layout``: "side" puts the text beside the avatar
    (X, Bluesky, Mastodon), "top" under the header (Facebook, LinkedIn), "instagram" puts the
    picture first and the caption under it."""

    platform: Platform
    layout: str
    avatar_shape: str  # "circle", "rounded" or "square"
    avatar_size: int
    subtitle: Callable[[PreviewModel], str]
    actions: tuple[tuple[str, str], ...]  # (icon name, label or "")
    width: int = 468  # the widest the card gets (the feed's own column); it shrinks to MIN_WIDTH
    card_radius: float = 8.0
    media_radius: float = 0.0
    font_pt: float = 10.5
    bold_more: bool = False


class FeedCard(QFrame):
    """A post as the network's feed shows it. Call :meth:`show_model` to (re)paint.

    The card is as wide as the network's feed column (``STYLE.width``) when there is room and
    narrows to :attr:`MIN_WIDTH` in a slim preview dock (:meth:`set_card_width`): the text
    wraps, pictures scale, and the action bar drops its words before it would be clipped.
    """

    STYLE: CardStyle
    MIN_WIDTH = 280

    def __init__(self, dark: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dark = dark
        self.colours = feed_colours(self.STYLE.platform, dark)
        self.setObjectName("feedCard")
        self.card_width = self.STYLE.width
        self.setFixedWidth(self.card_width)
        self.shown_text = ""
        self._avatar: QPixmap | None = None
        self.avatar_label = QLabel()
        self.name_label = QLabel()
        self.name_label.setWordWrap(True)  # a long clinic name wraps instead of widening the card
        self.subtitle_label = QLabel()
        self.subtitle_label.setWordWrap(True)
        self.body_label = QLabel()
        self.body_label.setTextFormat(Qt.TextFormat.RichText)
        self.body_label.setWordWrap(True)
        self.media = MediaFrame(self.STYLE.media_radius)
        self.link_box = LinkCardBox(
            feed_colours(self.STYLE.platform, dark), self.STYLE.layout == "side", dark)
        self.dots_label = QLabel()
        self.action_bar = QWidget()
        self.action_labels: list[QLabel] = []
        self._build()
        self._apply_colours()
        self._fit_actions()

    # -- building ------------------------------------------------------------------------------
    def _header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(self.avatar_label, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.name_label)
        names.addWidget(self.subtitle_label)
        header.addLayout(names, 1)
        more = QLabel()
        more.setPixmap(icon_pixmap("dots", self.colours.secondary, 18))
        header.addWidget(more, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _actions(self, spread: bool) -> None:
        """The row of reactions under the post; "|" pushes what follows to the right."""
        row = QHBoxLayout(self.action_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        for icon, label in self.STYLE.actions:
            if icon == "|":
                row.addStretch(1)
                continue
            holder = QWidget()
            inner = QHBoxLayout(holder)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(5)
            glyph = QLabel()
            glyph.setPixmap(icon_pixmap(icon, self.colours.secondary, 19))
            inner.addWidget(glyph)
            if label:
                text = QLabel(label)
                text.setObjectName("actionText")
                inner.addWidget(text)
                self.action_labels.append(text)
            alignment = Qt.AlignmentFlag.AlignCenter if spread else Qt.AlignmentFlag.AlignLeft
            row.addWidget(holder, 1 if spread else 0, alignment)

    def _build(self) -> None:
        style = self.STYLE
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        self.avatar_label.setFixedSize(style.avatar_size, style.avatar_size)
        if style.layout == "side":
            outer.setContentsMargins(14, 12, 14, 10)
            row = QHBoxLayout()
            row.setSpacing(10)
            row.addWidget(self.avatar_label, 0, Qt.AlignmentFlag.AlignTop)
            column = QVBoxLayout()
            column.setSpacing(6)
            self.subtitle_label.hide()  # name, handle and time share one line
            column.addWidget(self.name_label)
            column.addWidget(self.body_label)
            column.addWidget(self.link_box)
            column.addWidget(self.media)
            self._actions(spread=True)
            column.addWidget(self.action_bar)
            row.addLayout(column, 1)
            outer.addLayout(row)
            return
        if style.layout == "instagram":
            outer.setContentsMargins(0, 10, 0, 12)
            header = self._header()
            header.setContentsMargins(12, 0, 12, 0)
            outer.addLayout(header)
            outer.addWidget(self.media)
            self._actions(spread=False)
            self.action_bar.setContentsMargins(12, 0, 12, 0)
            outer.addWidget(self.action_bar)
            outer.addWidget(self.dots_label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.body_label.setContentsMargins(12, 0, 12, 0)
            outer.addWidget(self.body_label)
            return
        outer.setContentsMargins(0, 12, 0, 4)
        header = self._header()
        header.setContentsMargins(14, 0, 14, 0)
        outer.addLayout(header)
        self.body_label.setContentsMargins(14, 0, 14, 0)
        outer.addWidget(self.body_label)
        outer.addWidget(self.link_box)
        outer.addWidget(self.media)
        line = QFrame()
        line.setObjectName("separator")
        line.setFixedHeight(1)
        separator = QHBoxLayout()
        separator.setContentsMargins(14, 0, 14, 0)
        separator.addWidget(line)
        outer.addLayout(separator)
        self._actions(spread=True)
        self.action_bar.setContentsMargins(14, 0, 14, 4)
        outer.addWidget(self.action_bar)

    def _apply_colours(self) -> None:
        c = self.colours
        border = "none" if self.STYLE.card_radius == 0 else f"1px solid {c.border}"
        self.setStyleSheet(
            f"#feedCard {{ background:{c.card}; border:{border};"
            f" border-radius:{self.STYLE.card_radius}px; }}"
            f" QLabel {{ color:{c.text}; background:transparent; }}"
            f" QLabel#actionText {{ color:{c.secondary}; font-weight:600; }}"
            f" #separator {{ background:{c.border}; }}"
        )
        font = QFont(self.font())
        font.setPointSizeF(self.STYLE.font_pt)
        self.setFont(font)

    def text_width(self) -> int:
        """The body label's width (including its own side margins) in this layout."""
        if self.STYLE.layout == "side":
            return self.media_width()
        return self.card_width - (0 if self.STYLE.card_radius == 0 else 2)

    def media_width(self) -> int:
        style = self.STYLE
        if style.layout == "side":
            return self.card_width - 14 - 14 - style.avatar_size - 10
        return self.card_width - (0 if style.card_radius == 0 else 2)

    def set_card_width(self, width: int) -> None:
        """Fit the card to ``width`` (kept between MIN_WIDTH and the feed's own width)."""
        width = max(self.MIN_WIDTH, min(self.STYLE.width, width))
        if width == self.card_width:
            return
        self.card_width = width
        self.setFixedWidth(width)
        self._fit_actions()
        if getattr(self, "model", None) is not None:
            self.show_model(self.model, self._avatar)  # heights follow the new width

    def _fix_name_heights(self) -> None:
        """Wrapped name lines get their height at the card's width now, like the body text,
        so the card's height is known at once and nothing under them is cut off."""
        style = self.STYLE
        if style.layout == "side":
            room = self.media_width()
        else:  # beside the avatar and the "..." menu, inside the header's margins
            room = self.card_width - 14 - 14 - style.avatar_size - 8 - 18 - 8
        for label in (self.name_label, self.subtitle_label):
            label.setFixedHeight(label.heightForWidth(room) if label.text() else 0)

    def _fit_actions(self) -> None:
        """Words beside the action icons only when they fit ("Like", "Comment", ...)."""
        if not self.action_labels:
            return
        for label in self.action_labels:
            label.setVisible(True)
        margins = self.action_bar.contentsMargins()
        room = self.media_width() if self.STYLE.layout == "side" else (
            self.card_width - margins.left() - margins.right())
        fits = self.action_bar.layout().sizeHint().width() <= room
        for label in self.action_labels:
            label.setVisible(fits)

    # -- showing -------------------------------------------------------------------------------
    def show_model(self, model: PreviewModel, avatar: QPixmap | None = None) -> None:
        style, c = self.STYLE, self.colours
        self.model = model
        self._avatar = avatar
        self.avatar_label.setPixmap(
            avatar_pixmap(avatar, model.display_name, style.avatar_size, style.avatar_shape))
        name = html.escape(model.display_name)
        subtitle = html.escape(style.subtitle(model))
        if style.layout == "side":
            self.name_label.setText(
                f"<b>{name}</b> <span style='color:{c.secondary}'>{subtitle}</span>")
        elif style.layout == "instagram":
            self.name_label.setText(f"<b>{html.escape(model.handle or model.display_name)}</b>")
            self.subtitle_label.setVisible(bool(subtitle))
            self.subtitle_label.setText(f"<span style='color:{c.secondary}'>{subtitle}</span>")
        else:
            self.name_label.setText(f"<b>{name}</b>")
            self.subtitle_label.setText(f"<span style='color:{c.secondary}'>{subtitle}</span>")
        self._fix_name_heights()
        body = spans_html(model, c, style.bold_more)
        if style.layout == "instagram":
            handle = html.escape(model.handle or model.display_name)
            body = f"<b>{handle}</b> {body}" if model.spans else ""
        self.body_label.setText(f"<div style='white-space:pre-wrap'>{body}</div>")
        self.body_label.setVisible(bool(model.spans))
        # The text's height at the card's known width, so no line is lost to a stale guess.
        self.body_label.setFixedHeight(self.body_label.heightForWidth(self.text_width()))
        self.shown_text = model.visible_text + (f"{model.more_label}" if model.folded else "")
        self.media.set_model(model, c.placeholder, c.secondary)
        self.link_box.show_card(model.link_card, self.media_width())
        if model.tiles:
            # Fixed height from the feed's proportions, so the card's size is known at once.
            self.media.setFixedHeight(round(self.media_width() / model.frame_ratio))
        elif model.missing_image:
            self.media.setFixedHeight(round(self.media_width() * 0.6))
        self.dots_label.setVisible(model.carousel_count > 1)
        if model.carousel_count > 1:
            dots = " ".join(
                f"<span style='color:{c.link if i == 0 else c.border}'>●</span>"
                for i in range(model.carousel_count))
            self.dots_label.setText(f"<span style='font-size:6pt'>{dots}</span>")
        self.adjustSize()
