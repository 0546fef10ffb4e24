"""What one network receives for a post: its text, images, link card and targeting.

The targeting comes from :func:`clinicstudio.audience.mapping.network_targeting`, the same call
that writes the Audience pane's sentence, so what the pane said is what is sent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from clinicstudio.audience.mapping import network_targeting
from clinicstudio.audience.operations import spec_from_row
from clinicstudio.platforms.api.base import OutgoingLinkCard, OutgoingPost
from clinicstudio.publishing.images import outgoing_images, prepared_image
from clinicstudio.publishing.replies import reply_target_for
from clinicstudio.publishing.tagging import link_tags, tag_links
from clinicstudio.store.models import MediaAsset, Post


def targeting_for(post: Post, network: str) -> dict[str, Any] | None:
    """The network's targeting for the post's segment (None: not aimed, or cannot be aimed)."""
    if post.segment is None:
        return None
    return network_targeting(spec_from_row(post.segment), network).payload


def link_card_for(session: Session, media_dir: Path, post: Post,
                  network: str) -> OutgoingLinkCard | None:
    """The card a person filled in for the post, its thumbnail prepared for ``network``."""
    card = post.link_card or {}
    if not card.get("url"):
        return None
    thumbnail = None
    asset = session.get(MediaAsset, card.get("thumbnail_media_id") or -1)
    if asset is not None:
        thumbnail = prepared_image(media_dir, asset, network)
    return OutgoingLinkCard(str(card["url"]), str(card.get("title") or card["url"]),
                            str(card.get("description") or ""), thumbnail)


def outgoing_post(session: Session, media_dir: Path, post: Post, network: str, key: str,
                  max_images: int) -> OutgoingPost:
    """Everything ``network`` receives for ``post``: an answer to a comment goes into its
    thread with words only; a post carries its images, card and targeting."""
    reply_to = reply_target_for(session, post, network)
    # Links carry the campaign's tags; a tag revealing health is refused here.
    targets = link_tags(post).targets(post.text_for(network), network)
    text = tag_links(post.text_for(network), targets)
    shown = {tagged: written for written, tagged in targets.items() if tagged != written}
    if reply_to is not None:
        return OutgoingPost(text, key, (), reply_to=reply_to, shown_links=shown)
    return OutgoingPost(text, key, outgoing_images(media_dir, post, network, max_images),
                        shown_links=shown, targeting=targeting_for(post, network),
                        link_card=link_card_for(session, media_dir, post, network))
