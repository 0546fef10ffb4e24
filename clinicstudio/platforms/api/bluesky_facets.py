"""Bluesky's rich text: where the links, hashtags and mentions are, in UTF-8 byte offsets.

Bluesky shows a link, a tag or a mention as live only when the record says where it is
(``app.bsky.richtext.facet``). The positions come from the one entity finder, so the preview
and the post agree. A mention needs the account's DID; a handle that does not resolve stays
plain text rather than pointing at nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clinicstudio.domain import Platform
from clinicstudio.platforms.api.base import full_url
from clinicstudio.platforms.entities import EntityKind, find_entities

FACET = "app.bsky.richtext.facet"


def byte_span(text: str, start: int, end: int) -> dict[str, int]:
    """Python string positions as UTF-8 byte offsets (an emoji before them counts 4 bytes)."""
    byte_start = len(text[:start].encode("utf-8"))
    return {"byteStart": byte_start,
            "byteEnd": byte_start + len(text[start:end].encode("utf-8"))}


def facets(text: str, resolve_handle: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """The facets of ``text``; ``resolve_handle`` turns "alice.bsky.social" into its DID."""
    found: list[dict[str, Any]] = []
    for entity in find_entities(Platform.BLUESKY, text):
        if entity.kind is EntityKind.LINK:
            feature: dict[str, Any] = {"$type": f"{FACET}#link", "uri": full_url(entity.text)}
        elif entity.kind is EntityKind.HASHTAG:
            feature = {"$type": f"{FACET}#tag", "tag": entity.text[1:]}
        else:
            did = resolve_handle(entity.text[1:].lower())
            if not did:
                continue
            feature = {"$type": f"{FACET}#mention", "did": did}
        found.append({"index": byte_span(text, entity.start, entity.end), "features": [feature]})
    return found
