"""Mastodon (any instance).

500 characters by default, but every instance sets its own limit (read from
``/api/v2/instance`` when the account is connected; pass it as ``instance_limit``). Mastodon
counts grapheme clusters, every http(s) link as 23 and ``@user@example.social`` as ``@user``.
Up to 4 images of at most 16 MiB and 33,177,600 pixels, alt text up to 1,500 characters.
No fold. The server builds a link card itself, only when the post has no media.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from clinicstudio.domain import Platform
from clinicstudio.platforms.counting.graphemes import grapheme_count, index_after
from clinicstudio.platforms.counting.urls import extract_urls
from clinicstudio.platforms.profile import NetworkProfile

URL_LENGTH = 23
MENTION = regex.compile(
    r"(?<![=/\w])@(([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@[\w.-]+\w+)?)", regex.IGNORECASE
)


@lru_cache(maxsize=32)
def _pieces(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, counted length) of each link or mention, overlaps removed like Mastodon."""
    entities: list[tuple[int, int, int]] = [
        (url.start, url.end, URL_LENGTH) for url in extract_urls(text, without_protocol=False)
    ]
    if "@" in text:
        for match in MENTION.finditer(text):
            entities.append((match.start(), match.end(), 1 + len(match.group(2))))
    entities.sort()
    kept: list[tuple[int, int, int]] = []
    for entity in entities:
        if not kept or entity[0] >= kept[-1][1]:
            kept.append(entity)
    return tuple(kept)


def mastodon_length(text: str) -> int:
    total = grapheme_count(text)
    for start, end, counted in _pieces(text):
        total += counted - grapheme_count(text[start:end])
    return total


def mastodon_fits_until(text: str, limit: int) -> int:
    """The index where the part that fits in ``limit`` ends: plain stretches by clusters,
    each link or mention as one piece that fits whole or not at all."""
    budget = limit
    position = 0
    for start, end, counted in (*_pieces(text), (len(text), len(text), 0)):
        plain = grapheme_count(text[position:start])
        if plain > budget:
            return index_after(text, budget, position, start)
        budget -= plain
        if counted > budget:
            return start
        budget -= counted
        position = end
    return len(text)


PROFILE = NetworkProfile(
    platform=Platform.MASTODON,
    text_limit=500,
    counting="Characters as people see them; every link counts 23; @name@server counts as @name.",
    count=mastodon_length,
    images_max=4,
    image_formats=frozenset({"JPEG", "PNG", "GIF", "WEBP", "AVIF", "HEIF"}),
    max_image_bytes=16 * 1024 * 1024,
    max_image_pixels=33_177_600,
    alt_text_limit=1_500,
)
