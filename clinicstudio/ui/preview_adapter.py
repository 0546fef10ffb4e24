"""Feeding the editor's post to the network previews."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clinicstudio.app import PostSnapshot, Studio



def show_in_preview(pane: Any, studio: Studio, post: PostSnapshot | None) -> None:
    if pane is None or post is None:
        return
    texts = {network: post.text_for(network) for network in post.networks}
    images = [studio.networks.ImageRef(str(i.path), i.width, i.height, i.alt_text)
              for i in post.images]
    card = None
    if post.link_card and post.link_card.get("url"):
        card = studio.networks.LinkCard(
            str(post.link_card["url"]), str(post.link_card.get("title") or post.link_card["url"]),
            str(post.link_card.get("description") or ""), post.link_card.get("thumbnail_path"))
    pane.show_post(texts, images, studio.clinic.name, None, handles=studio.handles,
                   link_card=card)
