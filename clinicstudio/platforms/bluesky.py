"""Bluesky (AT Protocol).

A post holds at most 300 grapheme clusters AND 3,000 UTF-8 bytes. Up to 4 images (JPEG, PNG,
WEBP); each blob is kept at 1,000,000 bytes or less so every server accepts it (newer ones allow
2 MB). Alt text is a required field (it may be empty). A post has one embed: images or a link
card, never both, and the app builds the card itself. There is no feed fold.
"""

from __future__ import annotations

from clinicstudio.domain import Platform
from clinicstudio.platforms.counting.graphemes import grapheme_count
from clinicstudio.platforms.profile import NetworkProfile

PROFILE = NetworkProfile(
    platform=Platform.BLUESKY,
    text_limit=300,
    counting="Characters as people see them (an emoji is 1), and at most 3,000 bytes.",
    count=grapheme_count,
    images_max=4,
    image_formats=frozenset({"JPEG", "PNG", "WEBP"}),
    max_image_bytes=1_000_000,
    byte_limit=3_000,
    link_card_from_client=True,
)
