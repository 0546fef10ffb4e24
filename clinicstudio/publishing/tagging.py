"""Campaign tags (UTM) on every link of a post, as it goes out and as the preview shows it.

Each link gets ``utm_source`` = the network, ``utm_medium`` = social, ``utm_campaign`` = the
campaign's link name and ``utm_content`` = the post, so a clinic's web analytics and booking
system can say which post and network brought a visitor. Links the author chose to leave
untagged (``posts.untagged_links``) go out as written. A tag that would carry a condition or a
patient detail is refused before anything is sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from clinicstudio.domain import UserError
from clinicstudio.platforms.counting.urls import extract_urls
from clinicstudio.platforms.links import SensitiveParameterError, tag_link
from clinicstudio.store.models import Campaign, Post


@dataclass(frozen=True, slots=True)
class LinkTags:
    """What a post's links are tagged with; ``untagged`` links are left as written."""

    post_id: int | None
    defaults: Mapping[str, str] = field(default_factory=dict)
    untagged: tuple[str, ...] = ()

    def targets(self, text: str, network: str) -> dict[str, str]:
        """Each link in ``text`` -> the address it goes out as on ``network``."""
        tags = {"utm_medium": "social", **self.defaults}
        if self.post_id is not None:
            tags["utm_content"] = f"post-{self.post_id}"
        found: dict[str, str] = {}
        for url in full_links(text):
            if url in found:
                continue
            if url in self.untagged:
                found[url] = url
                continue
            try:
                found[url] = tag_link(url, network, tags)
            except SensitiveParameterError as exc:
                raise UserError(str(exc)) from None
        return found

    def apply(self, text: str, network: str) -> str:
        """``text`` with every link tagged for ``network``."""
        return tag_links(text, self.targets(text, network))


def full_links(text: str) -> list[str]:
    """The links written with http:// or https:// (found by the same finder the counting,
    previews and senders use). A bare domain is left as written: tagging it would turn the
    words a reader sees into a long address."""
    return [found.url for found in extract_urls(text, without_protocol=False)]


def tag_links(text: str, targets: Mapping[str, str]) -> str:
    """``text`` with each link replaced by its target (see :meth:`LinkTags.targets`)."""
    pieces, last = [], 0
    for found in extract_urls(text, without_protocol=False):
        pieces += [text[last:found.start], targets.get(found.url, found.url)]
        last = found.end
    return "".join(pieces) + text[last:]


def campaign_tags(campaign: Campaign | None) -> dict[str, str]:
    """The campaign's UTM defaults with ``utm_campaign`` its link name."""
    if campaign is None:
        return {}
    from clinicstudio.analytics.campaigns import slug_of

    defaults = {str(k): str(v) for k, v in (campaign.utm_defaults or {}).items()
                if str(k).startswith("utm_") and v}
    defaults["utm_campaign"] = slug_of(campaign)
    return defaults


def link_tags(post: Post) -> LinkTags:
    """The tags for ``post`` (read inside the session that loaded it)."""
    return LinkTags(post.id, campaign_tags(post.campaign), tuple(post.untagged_links or ()))


def link_tags_for(session: Session, post_id: int | None, campaign_id: int | None,
                  untagged: Iterable[str] = ()) -> LinkTags:
    """Tags for a post being edited: its campaign and untagged links as the editor holds them,
    which may differ from what is saved."""
    campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
    return LinkTags(post_id, campaign_tags(campaign), tuple(untagged))


def set_untagged(session: Session, post_id: int, url: str, untagged: bool) -> list[str]:
    """Turn tagging off (or back on) for one link of a post; returns the untagged links."""
    post = session.get(Post, post_id)
    if post is None:
        raise UserError(f"There is no post number {post_id}.")
    links: list[str] = list(post.untagged_links or [])
    if untagged and url not in links:
        links.append(url)
    elif not untagged and url in links:
        links.remove(url)
    post.untagged_links = links
    return links


def links_in(texts: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for text in texts:
        for url in full_links(text):
            if url not in seen:
                seen.append(url)
    return seen
