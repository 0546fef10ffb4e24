"""Links, mentions and hashtags in a post, as each network's feed marks them.

This is the one finder: counting, previews, checks and the senders (Bluesky's facets, LinkedIn's
escaping, the link a card is for) all ask it, so what the preview shows in colour is what goes
out as a link, a tag or a mention. Links come from :mod:`clinicstudio.platforms.counting.urls`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import regex

from clinicstudio.domain import Platform
from clinicstudio.platforms.counting.urls import extract_urls

HASHTAG = regex.compile(r"(?<![\w#&/])[#＃](?=[\p{L}\p{M}\p{N}_]*[\p{L}\p{M}])[\p{L}\p{M}\p{N}_]+")
MENTION = regex.compile(r"(?<![\w@/])@[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*(?:@[\w-]+(?:\.[\w-]+)+)?")
# A Bluesky handle is a domain name: labels of letters, digits and hyphens, at least one dot.
BLUESKY_HANDLE = regex.compile(
    r"(?<![\w@/])@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]"
    r"(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?![\w-])")


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
        mention = BLUESKY_HANDLE if platform is Platform.BLUESKY else MENTION
        found += [Entity(EntityKind.MENTION, *m.span(), m.group(0)) for m in mention.finditer(text)]
    if "#" in text or "＃" in text:
        found += [Entity(EntityKind.HASHTAG, *m.span(), m.group(0)) for m in HASHTAG.finditer(text)]
    found.sort(key=lambda entity: (entity.start, -entity.end))
    kept: list[Entity] = []
    for entity in found:
        if not kept or entity.start >= kept[-1].end:
            kept.append(entity)
    return kept
