"""The preview column: each selected network's feed card with its character counter.

A pure renderer: no services, no database. The editor hands it the post's text per network
and the images; it asks ``clinicstudio.platforms.build_preview`` what each feed shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Platform
from clinicstudio.platforms import ImageRef, LinkCard, PreviewModel, build_preview
from clinicstudio.resources import resource_path
from clinicstudio.ui.preview.card import FeedCard
from clinicstudio.ui.preview.network_cards import card_for
from clinicstudio.ui.preview.palette import COUNTER_COLOURS

_COUNTER_WORDS = {"ok": "", "near": "Nearly full", "over": "Too long"}


def network_icon(platform: Platform) -> QIcon:
    return QIcon(str(resource_path("platforms", "icons", f"{platform.value}.svg")))


class NetworkSection(QWidget):
    """A network's name and counter ("287/300"), above its feed card."""

    def __init__(self, platform: Platform, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.platform = platform
        self.dark = dark
        self.setObjectName("networkSection")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        header = QHBoxLayout()
        badge = QLabel()
        badge.setPixmap(network_icon(platform).pixmap(18, 18))
        title = QLabel(f"<b>{platform.label}</b>")
        self.counter_label = QLabel()
        self.counter_label.setObjectName("counter")
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(badge)
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.counter_label)
        layout.addLayout(header)
        self.card: FeedCard = card_for(platform, dark)
        layout.addWidget(self.card)
        self.setMaximumWidth(self.card.card_width)
        # Never stretch: extra height in the column belongs below the last card.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_card_width(self, width: int) -> None:
        self.card.set_card_width(width)
        self.setMaximumWidth(self.card.card_width)

    def show_model(self, model: PreviewModel, avatar: QPixmap | None) -> None:
        self.model = model
        self.card.show_model(model, avatar)
        colour = COUNTER_COLOURS[model.counter_state][1 if self.dark else 0]
        self.counter_colour = colour
        words = _COUNTER_WORDS[model.counter_state]
        label = f"{words} · {model.counter}" if words else model.counter
        weight = "600" if model.counter_state != "ok" else "400"
        self.counter_label.setText(
            f"<span style='color:{colour};font-weight:{weight}'>{label}</span>")
        self.counter_label.setToolTip(
            f"{model.platform.label} counts {model.length:,} of {model.limit:,} characters")


class PreviewPane(QScrollArea):
    """Previews of the selected networks in one scrollable column.

    The cards follow the pane's width (up to each feed's own width), so a narrow dock shows
    narrower cards with wrapped text rather than a sideways scrollbar.
    """

    MARGIN = 16

    def __init__(self, dark: bool | None = None, parent: QWidget | None = None) -> None:
        """``dark=None`` follows the application's palette (a dark window means dark cards)."""
        super().__init__(parent)
        if dark is None:
            dark = QApplication.palette().window().color().lightness() < 128
        self.dark = dark
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._column = QWidget()
        self._column.setObjectName("previewColumn")
        self._paint_page()
        self._layout = QVBoxLayout(self._column)
        self._layout.setContentsMargins(self.MARGIN, self.MARGIN, self.MARGIN, self.MARGIN)
        self._layout.setSpacing(22)
        self._layout.addStretch(1)
        self.setWidget(self._column)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.sections: dict[Platform, NetworkSection] = {}

    def _paint_page(self) -> None:
        page, ink = ("#18191A", "#E4E6EB") if self.dark else ("#F0F2F5", "#1C1E21")
        self._column.setStyleSheet(
            f"#previewColumn, #networkSection {{ background:{page}; }}"
            f" #previewColumn QLabel {{ color:{ink}; }}")

    def set_dark(self, dark: bool) -> None:
        """Follow a theme switch: the cards are dropped and drawn anew by the next show_post."""
        if dark == self.dark:
            return
        self.dark = dark
        self._paint_page()
        for section in self.sections.values():
            section.deleteLater()
        self.sections.clear()

    def card_room(self) -> int:
        """The width a card may take in the pane as it is now."""
        return self.viewport().width() - 2 * self.MARGIN

    def viewportEvent(self, event: QEvent) -> bool:
        # The viewport (not the pane) is what narrows when the vertical scrollbar appears.
        if event.type() == QEvent.Type.Resize:
            self._fit_cards()
        return super().viewportEvent(event)

    def _fit_cards(self) -> None:
        room = self.card_room()
        for section in self.sections.values():
            section.set_card_width(room)

    def show_post(
        self,
        texts: Mapping[Platform, str],
        images: Sequence[ImageRef],
        display_name: str,
        avatar: QPixmap | None,
        *,
        handles: Mapping[Platform, str] | None = None,
        instance_limit: int | None = None,
        link_card: LinkCard | None = None,
    ) -> None:
        """Show one card per network in ``texts`` (in that order); drop the others.

        ``handles`` are the accounts' @names, ``instance_limit`` the connected Mastodon
        server's length limit, ``link_card`` what the user filled in for the post's link."""
        wanted = [Platform(p) for p in texts]
        for platform in list(self.sections):
            if platform not in wanted:
                self.sections.pop(platform).deleteLater()
        for position, platform in enumerate(wanted):
            section = self.sections.get(platform)
            if section is None:
                section = NetworkSection(platform, self.dark)
                section.set_card_width(self.card_room())
                self.sections[platform] = section
            self._layout.insertWidget(position, section, 0, Qt.AlignmentFlag.AlignHCenter)
            model = build_preview(
                platform, texts[platform], images, display_name,
                (handles or {}).get(platform, ""), instance_limit=instance_limit,
                link_card=link_card,
            )
            section.show_model(model, avatar)
