"""Links, mentions and hashtags in a post, as each network's feed marks them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import regex

from clinicstudio.domain import Platform
from clinicstudio.platforms.counting.urls import extract_urls

HASHTAG = regex.compile(r"(?<![\w#&/])[#＃](?=[\p{L}\p{M}\p{N}_]*[\p{L}\p{M}])[\p{L}\p{M}\p{N}_]+")
MENTION = regex.compile(r"(?<![\w@/])@[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*(?:@[\w-]+(?:\.[\w-]+)+)?")


class EntityKind(StrEnum):
    LINK = "link"
    MENTION = "mention"
    HASHTAG = "hashtag"


@dataclass(frozen=True, slots=True)
class Entity:
    kind: EntityKind
    start: int
    end: int
    text: str


def hashtags(text: str) -> list[str]:
    if "#" not in text and "＃" not in text:
        return []
    return [match.group(0) for match in HASHTAG.finditer(text)]


def mentions(text: str) -> list[str]:
    return [match.group(0) for match in MENTION.finditer(text)] if "@" in text else []


def find_entities(platform: Platform, text: str) -> list[Entity]:
    """Entities the network's feed shows in colour, in order, never overlapping."""
    found: list[Entity] = []
    if platform is not Platform.INSTAGRAM:  # Instagram captions show links as plain text
        strict = platform is Platform.MASTODON
        found += [
            Entity(EntityKind.LINK, url.start, url.end, url.url)
            for url in extract_urls(text, without_protocol=not strict)
        ]
    if "@" in text:
        found += [Entity(EntityKind.MENTION, *m.span(), m.group(0)) for m in MENTION.finditer(text)]
    if "#" in text or "＃" in text:
        found += [Entity(EntityKind.HASHTAG, *m.span(), m.group(0)) for m in HASHTAG.finditer(text)]
    found.sort(key=lambda entity: (entity.start, -entity.end))
    kept: list[Entity] = []
    for entity in found:
        if not kept or entity.start >= kept[-1].end:
            kept.append(entity)
    return kept
