"""What a network's feed shows for a post: a pure function from post to picture, no Qt.

The widgets in ``clinicstudio.ui.preview`` only paint this model. Text is cut at the network's
"see more" fold with "... more" (not when the post is over the limit: then the whole text
shows, with the part the network would refuse marked). Links, mentions and hashtags are marked
as spans; images are laid out as the feed lays them out (one large crop, side by side, one big
and two small, a 2x2 grid with "+N", or an Instagram carousel with dots).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from clinicstudio.domain import Platform
from clinicstudio.platforms.counting.graphemes import utf8_length
from clinicstudio.platforms.entities import Entity, find_entities
from clinicstudio.platforms.links import LinkCard
from clinicstudio.platforms.networks import fits_until, profile
from clinicstudio.platforms.profile import ImageRef


class SpanKind(StrEnum):
    PLAIN = "plain"
    LINK = "link"
    MENTION = "mention"
    HASHTAG = "hashtag"


@dataclass(frozen=True, slots=True)
class TextSpan:
    text: str
    kind: SpanKind
    over_limit: bool = False


@dataclass(frozen=True, slots=True)
class ImageTile:
    """Where image ``index`` sits in the media frame; x, y, width, height are 0..1 fractions."""

    index: int
    x: float
    y: float
    width: float
    height: float
    more: int = 0  # "+N" drawn over the last tile when there are more images than tiles


@dataclass(frozen=True, slots=True)
class PreviewModel:
    platform: Platform
    display_name: str
    handle: str
    spans: tuple[TextSpan, ...]
    folded: bool
    more_label: str  # "... more" / "... See more"; empty when not folded
    length: int
    limit: int
    over_limit: bool
    tiles: tuple[ImageTile, ...]
    frame_ratio: float  # width / height of the media frame; 0 when there are no images
    carousel_count: int  # Instagram shows dots under a carousel
    images: tuple[ImageRef, ...]
    missing_image: str = ""  # what the feed needs instead, e.g. Instagram's required image
    link_card: LinkCard | None = None  # shown under the text when the post has no images

    @property
    def counter(self) -> str:
        return f"{self.length:,}/{self.limit:,}"

    @property
    def counter_state(self) -> str:
        """``over`` past the limit, ``near`` from 90 %, else ``ok``."""
        if self.over_limit:
            return "over"
        return "near" if self.length >= 0.9 * self.limit else "ok"

    @property
    def visible_text(self) -> str:
        return "".join(span.text for span in self.spans)


# Ratio range each feed shows a single image in, before it crops.
_SINGLE_RATIO = {
    Platform.FACEBOOK: (0.8, 1.91), Platform.INSTAGRAM: (0.8, 1.91), Platform.X: (0.75, 1.78),
    Platform.LINKEDIN: (0.8, 1.91), Platform.MASTODON: (16 / 9, 16 / 9),
    Platform.BLUESKY: (0.75, 2.0),
}


def _fold_point(text: str, fold: int) -> int:
    """Cut at the last space before the fold, as the feeds do, so no word is split."""
    space = text.rfind(" ", 0, fold + 1)
    newline = text.rfind("\n", 0, fold + 1)
    cut = max(space, newline)
    return cut if cut > fold * 0.6 else fold


def _spans(text: str, entities: list[Entity], cut: int) -> list[TextSpan]:
    """Split ``text`` into marked spans, and again at ``cut`` where the over-limit part starts."""
    bounds: list[tuple[int, int, SpanKind]] = []
    position = 0
    for entity in entities:
        if entity.start > position:
            bounds.append((position, entity.start, SpanKind.PLAIN))
        bounds.append((entity.start, entity.end, SpanKind(entity.kind.value)))
        position = entity.end
    if position < len(text):
        bounds.append((position, len(text), SpanKind.PLAIN))
    spans: list[TextSpan] = []
    for start, end, kind in bounds:
        if start < cut < end:
            spans.append(TextSpan(text[start:cut], kind))
            spans.append(TextSpan(text[cut:end], kind, over_limit=True))
        else:
            spans.append(TextSpan(text[start:end], kind, over_limit=start >= cut))
    return spans


def _tiles(platform: Platform, images: Sequence[ImageRef]) -> tuple[tuple[ImageTile, ...], float]:
    count = len(images)
    if count == 0:
        return (), 0.0
    if count == 1 or platform is Platform.INSTAGRAM:
        low, high = _SINGLE_RATIO[platform]
        ratio = images[0].aspect_ratio or 1.0
        return (ImageTile(0, 0, 0, 1, 1),), min(max(ratio, low), high)
    gap = 0.01
    half = 0.5 - gap / 2
    if count == 2:
        return (ImageTile(0, 0, 0, half, 1), ImageTile(1, 0.5 + gap / 2, 0, half, 1)), 16 / 9
    if count == 3:
        return (
            ImageTile(0, 0, 0, half, 1),
            ImageTile(1, 0.5 + gap / 2, 0, half, half),
            ImageTile(2, 0.5 + gap / 2, 0.5 + gap / 2, half, half),
        ), 16 / 9
    more = count - 4
    return tuple(
        ImageTile(i, (i % 2) * (0.5 + gap / 2), (i // 2) * (0.5 + gap / 2), half, half,
                  more if i == 3 else 0)
        for i in range(4)
    ), 16 / 9


def build_preview(
    network: str | Platform,
    text: str,
    images: Sequence[ImageRef] = (),
    display_name: str = "",
    handle: str = "",
    *,
    instance_limit: int | None = None,
    link_card: LinkCard | None = None,
) -> PreviewModel:
    """What ``network``'s feed shows. ``link_card`` is the card the user filled in for the
    post's link; feeds show it only when the post has no images (and Instagram never)."""
    rules = profile(network, instance_limit)
    length = rules.count(text)
    over = length > rules.text_limit or bool(
        rules.byte_limit and utf8_length(text) > rules.byte_limit
    )
    cut = fits_until(rules, text) if over else len(text)
    folded = bool(not over and rules.fold_length and len(text) > rules.fold_length)
    shown = text
    if folded and rules.fold_length:
        shown = text[: _fold_point(text, rules.fold_length)].rstrip()
    # A link or tag cut by the fold shows as plain text up to the cut.
    entities = [e for e in find_entities(rules.platform, text) if e.end <= len(shown)]
    tiles, frame_ratio = _tiles(rules.platform, images)
    return PreviewModel(
        platform=rules.platform,
        display_name=display_name or "Your clinic",
        handle=handle,
        spans=tuple(_spans(shown, entities, cut)),
        folded=folded,
        more_label=f"... {rules.fold_label}" if folded else "",
        length=length,
        limit=rules.text_limit,
        over_limit=over,
        tiles=tiles,
        frame_ratio=frame_ratio,
        carousel_count=len(images) if rules.platform is Platform.INSTAGRAM and len(images) > 1
        else 0,
        images=tuple(images),
        missing_image=(
            f"{rules.label} posts need an image" if len(images) < rules.images_min else ""
        ),
        link_card=link_card if link_card and not images and rules.links_clickable else None,
    )
