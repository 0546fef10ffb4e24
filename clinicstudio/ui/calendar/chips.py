"""How a post looks on the calendar: a chip with its time, title, networks and state colour.

Shared by the month and week views. Colours for states are mid-tones that read on light and
dark backgrounds; the chip's fill is a pale tint of its state colour over the view's base.
Network marks use the icons in ``resources/platforms`` when present, else a letter badge.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import cache
from html import escape
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPixmapCache,
)

from clinicstudio.domain import Platform, PostStatus
from clinicstudio.planning.clock import short_time_text, time_text
from clinicstudio.planning.moves import WHY_FIXED
from clinicstudio.planning.queries import CalendarPost
from clinicstudio.resources import resource_path

#: The drag payload: the post's number as ASCII.
POST_MIME = "application/x-clinicstudio-post"

STATUS_COLOURS: dict[PostStatus, str] = {
    PostStatus.DRAFT: "#8a94a0",
    PostStatus.IN_REVIEW: "#c98a1b",
    PostStatus.APPROVED: "#7a63c4",
    PostStatus.SCHEDULED: "#2f74c0",
    PostStatus.PUBLISHING: "#1f9aa8",
    PostStatus.PUBLISHED: "#3a8a57",
    PostStatus.PARTLY_PUBLISHED: "#d9822b",
    PostStatus.FAILED: "#c44545",
}
NETWORK_BADGES: dict[str, tuple[str, str]] = {
    "facebook": ("f", "#1877f2"),
    "instagram": ("ig", "#c13584"),
    "x": ("X", "#14171a"),
    "linkedin": ("in", "#0a66c2"),
    "mastodon": ("M", "#6364ff"),
    "bluesky": ("b", "#1185fe"),
}
OBSERVANCE_COLOUR = "#a0527a"
BADGE = 13.0


def status_colour(status: PostStatus) -> QColor:
    return QColor(STATUS_COLOURS.get(status, "#8a94a0"))


def post_mime(post_id: int) -> QMimeData:
    data = QMimeData()
    data.setData(POST_MIME, str(post_id).encode("ascii"))
    return data


def post_id_from_mime(data: QMimeData) -> int | None:
    if not data.hasFormat(POST_MIME):
        return None
    try:
        return int(bytes(data.data(POST_MIME).data()).decode("ascii"))
    except ValueError:
        return None


@cache
def network_icon_path(network: str) -> Path | None:
    """The network's icon shipped in resources/platforms (svg or png), if there is one."""
    for parts in (("icons", f"{network}.svg"), ("icons", f"{network}.png"), (f"{network}.svg",)):
        path = resource_path("platforms", *parts)
        if path.is_file():
            return path
    return None


def network_pixmap(network: str, size: int) -> QPixmap | None:
    """The icon as a pixmap, kept in Qt's own pixmap cache (which lives and dies with Qt)."""
    path = network_icon_path(network)
    if path is None:
        return None
    key = f"clinicstudio-network-{network}-{size}"
    pixmap = QPixmap()
    if not QPixmapCache.find(key, pixmap):
        pixmap = QIcon(str(path)).pixmap(size, size)
        QPixmapCache.insert(key, pixmap)
    return pixmap


def network_label(network: str) -> str:
    try:
        return Platform(network).label
    except ValueError:
        return network


def chip_tooltip(post: CalendarPost) -> str:
    networks = ", ".join(network_label(n) for n in post.networks) or "No network chosen yet"
    lines = [f"<b>{escape(post.title)}</b>",
             f"{post.local:%A, %B} {post.local.day} at {time_text(post.local)}",
             f"Networks: {escape(networks)}",
             f"State: {post.status.label}"]
    if post.series_id is not None:
        lines.append("Part of a recurring series")
    lines.append(WHY_FIXED if not post.movable else "Drag to another day or time to move it.")
    return "<br>".join(lines)


def paint_badges(painter: QPainter, right: float, middle: float, networks: tuple[str, ...],
                 muted: QColor | None = None) -> float:
    """Network marks right-aligned ending at ``right``; returns the x where they start.

    At most two marks are drawn; more networks show as "+2" beside them, which stays readable
    where a row of six tiny logos would not.
    """
    painter.save()
    x = right
    small = QFont(painter.font())
    small.setPixelSize(9)
    small.setBold(True)
    shown = networks[:2]
    for network in reversed(shown):
        x -= BADGE
        box = QRectF(x, middle - BADGE / 2, BADGE, BADGE)
        pixmap = network_pixmap(network, int(BADGE) * 2)
        painter.setPen(Qt.PenStyle.NoPen)
        if pixmap is not None:
            painter.drawPixmap(box, pixmap, QRectF(pixmap.rect()))
        else:
            letter, colour = NETWORK_BADGES.get(network, (network[:1].upper(), "#666666"))
            painter.setBrush(QColor(colour))
            painter.drawEllipse(box)
            painter.setPen(QColor("#ffffff"))
            painter.setFont(small)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, letter)
        x -= 2
    if len(networks) > len(shown):
        painter.setFont(small)
        painter.setPen(muted or QColor("#5b6775"))
        label = f"+{len(networks) - len(shown)}"
        width = QFontMetrics(small).horizontalAdvance(label) + 2
        x -= width
        painter.drawText(QRectF(x, middle - BADGE / 2, width, BADGE),
                         Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()
    return x


#: Below this width a chip drops its network marks and uses a smaller font, so a month still
#: reads in a narrow pane (the tooltip keeps the networks).
COMPACT_WIDTH = 110.0


def paint_chip(painter: QPainter, rect: QRectF, post: CalendarPost, palette: QPalette, *,
               show_time: bool = True, highlighted: bool = False) -> None:
    """Draw one chip filling ``rect``."""
    compact = rect.width() < COMPACT_WIDTH
    colour = status_colour(post.status)
    base = palette.color(QPalette.ColorRole.Base)
    # The tint is mixed into one opaque colour: one fill per chip instead of a base and a
    # translucent layer (a month holds hundreds of chips).
    fill = mixed(colour, base, (70 if highlighted else 40) / 255)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, 4, 4)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 4, rect.height()), 2, 2)
    text_left = rect.left() + 8
    if compact:
        text_left = rect.left() + 6
        badges_left = rect.right() - 2
    else:
        badges_left = paint_badges(painter, rect.right() - 4,
                                   rect.top() + min(rect.height(), 20) / 2, post.networks,
                                   palette.color(QPalette.ColorRole.PlaceholderText))
    font = QFont(painter.font())
    if compact:
        font.setPixelSize(max(min(font.pixelSize() if font.pixelSize() > 0 else 12, 11), 9))
    painter.setFont(font)
    metrics = QFontMetrics(font)
    line = QRectF(text_left, rect.top(), max(badges_left - text_left - 2, 0),
                  min(rect.height(), 20))
    x = line.left()
    if show_time:
        stamp = short_time_text(post.local)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        # The state colour, deepened on a light background and brightened on a dark one.
        dark = base.lightness() < 128
        painter.setPen(QPen(colour.lighter(145) if dark else colour.darker(150)))
        painter.drawText(line, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, stamp)
        x += QFontMetrics(bold).horizontalAdvance(stamp) + (3 if compact else 5)
        painter.setFont(font)
    painter.setPen(palette.color(QPalette.ColorRole.Text))
    title_rect = QRectF(x, line.top(), max(line.right() - x, 0), line.height())
    title = metrics.elidedText(post.title, Qt.TextElideMode.ElideRight, int(title_rect.width()))
    painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
    painter.restore()


def mixed(colour: QColor, base: QColor, share: float) -> QColor:
    """``colour`` laid over ``base`` at ``share`` opacity, as one opaque colour."""
    return QColor.fromRgbF(*(c * share + b * (1 - share) for c, b in zip(
        (colour.redF(), colour.greenF(), colour.blueF()),
        (base.redF(), base.greenF(), base.blueF()), strict=True)))


ChipLook = tuple[object, ...]


class ChipImages:
    """Chips drawn once and kept as pictures, so a month paints by copying them.

    Drawing a chip (its fill, state bar, network marks, time and elided title) costs a few
    hundred microseconds of Python and Qt calls, and a month shows eighty or more; copying a
    kept picture costs a few microseconds. Pictures are kept by what they show (title, state,
    time, networks, size, colours, font and screen scale), not by post, so an edited post gets a
    new picture and identical chips share one. The newest ``limit`` are kept.

    :meth:`prepare` draws the chips of a month that is likely to be shown next (read ahead by
    the calendar) a few at a time while the window is idle, so switching to it only copies.
    """

    #: Chips drawn per idle moment while preparing: a few milliseconds, never a visible pause.
    SLICE = 12

    def __init__(self, limit: int = 500) -> None:
        self._limit = limit
        self._images: OrderedDict[ChipLook, QPixmap] = OrderedDict()
        self._waiting: list[tuple[CalendarPost, int, int, QPalette, QFont, float]] = []
        self._timer = QTimer(singleShot=True, interval=0)
        self._timer.timeout.connect(self._prepare_some)

    def __len__(self) -> int:
        return len(self._images)

    def paint(self, painter: QPainter, rect: QRectF, post: CalendarPost, palette: QPalette,
              font: QFont, *, highlighted: bool = False) -> None:
        """Paint ``post``'s chip at ``rect`` (placed on whole pixels, as the picture is)."""
        width, height = round(rect.width()), round(rect.height())
        scale = painter.device().devicePixelRatioF()
        image = self._image(post, width, height, palette, font, scale, highlighted)
        painter.drawPixmap(QPoint(round(rect.left()), round(rect.top())), image)

    def prepare(self, chips: list[tuple[CalendarPost, QRectF]], palette: QPalette, font: QFont,
                scale: float) -> None:
        """Draw these chips while the window is idle, after those already waiting (never more
        than the kept pictures can hold: the newest are wanted most)."""
        self._waiting += [(post, round(rect.width()), round(rect.height()), palette, font, scale)
                          for post, rect in chips]
        del self._waiting[:-self._limit]
        if self._waiting:
            self._timer.start()

    def waiting(self) -> int:
        return len(self._waiting)

    def _prepare_some(self) -> None:
        batch, self._waiting = self._waiting[:self.SLICE], self._waiting[self.SLICE:]
        for post, width, height, palette, font, scale in batch:
            self._image(post, width, height, palette, font, scale, False)
        if self._waiting:
            self._timer.start()

    def _image(self, post: CalendarPost, width: int, height: int, palette: QPalette,
               font: QFont, scale: float, highlighted: bool) -> QPixmap:
        look: ChipLook = (post.title, post.status, short_time_text(post.local), post.networks,
                          width, height, highlighted, palette.cacheKey(), font.key(), scale)
        image = self._images.get(look)
        if image is not None:
            self._images.move_to_end(look)
            return image
        image = QPixmap(max(round(width * scale), 1), max(round(height * scale), 1))
        image.setDevicePixelRatio(scale)
        image.fill(Qt.GlobalColor.transparent)  # the day's own background shows at the corners
        painter = QPainter(image)
        painter.setFont(font)
        paint_chip(painter, QRectF(0, 0, width, height), post, palette, highlighted=highlighted)
        painter.end()
        self._images[look] = image
        if len(self._images) > self._limit:
            self._images.popitem(last=False)
        return image
