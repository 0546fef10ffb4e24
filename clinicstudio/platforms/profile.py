"""What one social network accepts and how its feed shows a post: the facts every check reads.

Numbers come from the networks' documentation where it exists (see the README section on
networks); where a network documents nothing (Facebook's length, the "see more" folds) the
profile holds the widely observed value and the comment on that network's module says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from clinicstudio.domain import Platform


@dataclass(frozen=True, slots=True)
class ImageRef:
    """An image attached to a post. ``size_bytes`` and ``format`` (Pillow's name: "JPEG",
    "PNG", "GIF", "WEBP" ...) are read from the file when not given."""

    path: str
    width: int
    height: int
    alt_text: str = ""
    size_bytes: int | None = None
    format: str | None = None

    @property
    def aspect_ratio(self) -> float:
        return self.width / self.height if self.height else 0.0


@dataclass(frozen=True, slots=True)
class NetworkProfile:
    """One network's rules. ``None`` means "no limit the network enforces or documents"."""

    platform: Platform
    text_limit: int
    counting: str  # one plain sentence: how this network counts, shown in the README and tooltips
    count: Callable[[str], int]
    images_max: int
    images_min: int = 0
    image_formats: frozenset[str] = frozenset({"JPEG", "PNG", "GIF", "WEBP"})
    preferred_format: str = "JPEG"
    max_image_bytes: int | None = None
    max_image_pixels: int | None = None
    min_image_width: int | None = None
    max_image_width: int | None = None
    aspect_min: float | None = None  # width / height
    aspect_max: float | None = None
    alt_text_limit: int | None = None
    hashtag_limit: int | None = None
    mention_limit: int | None = None
    byte_limit: int | None = None  # UTF-8 bytes of the text, besides the character limit
    link_card_with_images: bool = False  # can a post show a link card and images together?
    link_card_from_client: bool = False  # must the app supply the card (title, image) itself?
    fold_length: int | None = None  # characters shown before "... more" in the feed
    fold_label: str = "more"
    links_clickable: bool = True

    @property
    def label(self) -> str:
        return self.platform.label

    def with_text_limit(self, limit: int) -> NetworkProfile:
        """The same rules with another length limit (a Mastodon instance that allows more)."""
        return replace(self, text_limit=limit)
