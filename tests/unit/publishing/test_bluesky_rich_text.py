"""Bluesky posts carry live links, tags and mentions at the right UTF-8 byte offsets, and a
link card a person filled in; the preview marks exactly what is sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clinicstudio.domain import Platform, PostStatus
from clinicstudio.platforms.entities import EntityKind, find_entities
from clinicstudio.publishing import Publisher
from clinicstudio.store.database import Database
from clinicstudio.store.media import import_image
from clinicstudio.store.posts import PostDraft, create_post
from tests.helpers.publishing_setup import add_post, square_photo

TEXT = ("🌷🌷 Spring hours at maplefamilyclinic.com and https://example.org/flu?x=1 — "
        "#FluShots with @dr-lee.bsky.social, thanks! @nobody.example.com")


def sent_slices(text: str, facets: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    data = text.encode("utf-8")
    return [(data[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode("utf-8"),
             f["features"][0]) for f in facets]


def test_links_tags_and_mentions_are_live_at_byte_offsets(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    post_id = add_post(db, TEXT, [Platform.BLUESKY])
    assert publisher.publish_now(post_id).status is PostStatus.PUBLISHED

    record = fakes[Platform.BLUESKY].published[0]["record"]
    slices = sent_slices(record["text"], record["facets"])
    assert slices == [
        ("maplefamilyclinic.com", {"$type": "app.bsky.richtext.facet#link",
                                   "uri": "https://maplefamilyclinic.com"}),
        # The reader sees the link as written; the click carries the campaign's tags.
        ("https://example.org/flu?x=1", {
            "$type": "app.bsky.richtext.facet#link",
            "uri": f"https://example.org/flu?x=1&utm_source=bluesky&utm_medium=social"
                   f"&utm_content=post-{post_id}"}),
        ("#FluShots", {"$type": "app.bsky.richtext.facet#tag", "tag": "FluShots"}),
        ("@dr-lee.bsky.social", {"$type": "app.bsky.richtext.facet#mention",
                                 "did": "did:plc:drleepediatrics00000"}),
    ]  # a handle nobody has stays plain text
    first = record["facets"][0]["index"]["byteStart"]
    assert first == len("🌷🌷 Spring hours at ".encode()) != len("🌷🌷 Spring hours at ")
    # The preview marks the same pieces (plus the unresolved handle, which it cannot know).
    shown = [e.text for e in find_entities(Platform.BLUESKY, TEXT)]
    assert shown[:4] == [text for text, _ in slices]
    assert find_entities(Platform.BLUESKY, TEXT)[-1].kind is EntityKind.MENTION


def test_a_link_card_goes_out_as_the_person_filled_it_in(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher, tmp_path: Path) -> None:
    thumb = square_photo(tmp_path / "thumb.jpg", (600, 315))
    with db.transaction() as session:
        asset, _ = import_image(session, db.media_dir, thumb)
        post, _ = create_post(session, PostDraft(
            body="Flu shots are in: https://maplefamilyclinic.com/flu",
            networks=["bluesky", "linkedin"], link_card={
                "url": "https://maplefamilyclinic.com/flu", "title": "Flu shots 2026",
                "description": "Walk in Monday to Friday.", "thumbnail_media_id": asset.id}))
        post_id = post.id

    assert publisher.publish_now(post_id).status is PostStatus.PUBLISHED

    bluesky = fakes[Platform.BLUESKY]
    embed = bluesky.published[0]["record"]["embed"]
    assert embed["$type"] == "app.bsky.embed.external"
    external = embed["external"]
    assert (external["uri"], external["title"], external["description"]) == (
        "https://maplefamilyclinic.com/flu", "Flu shots 2026", "Walk in Monday to Friday.")
    assert external["thumb"]["ref"]["$link"] in bluesky.blobs
    article = fakes[Platform.LINKEDIN].published[0]["article"]
    assert article["source"] == "https://maplefamilyclinic.com/flu"
    assert article["title"] == "Flu shots 2026"
    assert article["description"] == "Walk in Monday to Friday."
    assert article["thumbnail"].startswith("urn:li:image:")
