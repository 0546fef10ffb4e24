"""Feeding the editor's post to the network previews."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clinicstudio.app import PostSnapshot, Studio



def show_in_preview(pane: Any, studio: Studio, post: PostSnapshot | None) -> None:
    if pane is None or post is None:
        return
    texts = {network: tagged(studio, post, network) for network in post.networks}
    images = [studio.networks.ImageRef(str(i.path), i.width, i.height, i.alt_text)
              for i in post.images]
    card = None
    if post.link_card and post.link_card.get("url"):
        card = studio.networks.LinkCard(
            str(post.link_card["url"]), str(post.link_card.get("title") or post.link_card["url"]),
            str(post.link_card.get("description") or ""), post.link_card.get("thumbnail_path"))
    pane.show_post(texts, images, studio.clinic.name, None, handles=studio.handles,
                   link_card=card)


def tagged(studio: Studio, post: PostSnapshot, network: Any) -> str:
    """The text as it goes out: links carry the campaign's tags (UTM), so the preview shows
    the very address a reader will open. A refused tag leaves the link as written here; the
    post itself is stopped with a plain reason when it is published."""
    from clinicstudio.domain import UserError
    from clinicstudio.publishing.tagging import link_tags_for

    text = post.text_for(network)
    if "http" not in text:
        return text
    try:
        with studio.db.session() as session:
            tags = link_tags_for(session, post.id, post.campaign_id, post.untagged_links)
        return tags.apply(text, network.value)
    except UserError:
        return text
