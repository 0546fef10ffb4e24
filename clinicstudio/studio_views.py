"""What the window reads from the studio: plain, frozen shapes with no database or Qt behind them.

A post list row, the editor's copy of a post and its images, one finding and where it was
found, and how publishing went on one network. :mod:`clinicstudio.app` re-exports them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import object_session

from clinicstudio.domain import Finding, Platform, PostStatus
from clinicstudio.store import media as media_store
from clinicstudio.store import posts as post_store
from clinicstudio.store.models import MediaAsset, Post


@dataclass(frozen=True, slots=True)
class PostSummary:
    """One row of the post list."""

    id: int
    title: str
    status: PostStatus
    networks: tuple[Platform, ...]
    when: datetime | None
    campaign: str = ""
    #: A late post the scheduler holds for a person to decide (publish now, new time, draft).
    held: bool = False

    @property
    def status_label(self) -> str:
        return "Held (late)" if self.held else self.status.label


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """An attached image as the editor shows it."""

    id: int
    path: Path
    name: str
    width: int
    height: int
    alt_text: str = ""
    consent_ref: str = ""


@dataclass(frozen=True, slots=True)
class PostSnapshot:
    """A post as the editor edits it. ``overrides`` holds only networks with their own text."""

    id: int
    revision: int
    status: PostStatus
    body: str
    networks: tuple[Platform, ...]
    overrides: Mapping[Platform, str] = field(default_factory=dict)
    images: tuple[ImageInfo, ...] = ()
    scheduled_at: datetime | None = None
    kind: str = "post"
    reply_context: str = ""
    campaign_id: int | None = None
    segment_id: int | None = None
    #: The link card a person filled in: url, title, description, thumbnail_media_id.
    link_card: Mapping[str, Any] | None = None
    #: Links the author chose to send as written, without the campaign's tags.
    untagged_links: tuple[str, ...] = ()

    def text_for(self, network: Platform) -> str:
        return self.overrides.get(network, self.body)

    @property
    def editable(self) -> bool:
        return self.status not in post_store.LOCKED

    @property
    def partly_out(self) -> bool:
        """Some networks have it, others failed: publishing again sends only the rest."""
        return self.status in (PostStatus.PARTLY_PUBLISHED, PostStatus.FAILED)


@dataclass(frozen=True, slots=True)
class NetworkOutcome:
    """How publishing went on one network: a live link, or a plain reason and what to do."""

    network: Platform
    ok: bool
    url: str = ""
    reason: str = ""
    fix: str = ""


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A finding and where it was found: the main text (``None``) or one network's version."""

    network: Platform | None
    finding: Finding
    #: True when the network uses the main text, so the span is in the main text.
    inherited: bool = False

    def span_text(self, post: PostSnapshot) -> str:
        text = post.body if self.network is None else post.text_for(self.network)
        return text[self.finding.start:self.finding.end]


#: Called from the publishing thread with (network, plain progress text).
Progress = Callable[[Platform, str], None]


class Publisher(Protocol):
    def publish(self, post_id: int, progress: Progress) -> list[NetworkOutcome]: ...


def image_info(media_dir: Path, asset: MediaAsset) -> ImageInfo:
    return ImageInfo(asset.id, media_store.stored_path(media_dir, asset), asset.original_name,
                     asset.width, asset.height, asset.alt_text, asset.consent_ref)


def snapshot_of(media_dir: Path, post: Post) -> PostSnapshot:
    """The editor's copy of a stored post (read inside the session that loaded it)."""
    overrides = {Platform(v.network): v.text_override for v in post.variants
                 if v.text_override is not None}
    return PostSnapshot(
        id=post.id, revision=post.revision, status=PostStatus(post.status), body=post.body,
        networks=tuple(Platform(n) for n in post.networks), overrides=overrides,
        images=tuple(image_info(media_dir, link.media) for link in post.media_links),
        scheduled_at=post.scheduled_at, kind=post.kind, reply_context=post.reply_context,
        campaign_id=post.campaign_id, segment_id=post.segment_id,
        link_card=_card_of(media_dir, post), untagged_links=tuple(post.untagged_links or ()))


def _card_of(media_dir: Path, post: Post) -> dict[str, Any] | None:
    """The post's link card, with its picture's file for the previews (``thumbnail_path``)."""
    if not post.link_card:
        return None
    card = dict(post.link_card)
    session = object_session(post)
    asset = session.get(MediaAsset, card.get("thumbnail_media_id") or -1) if session else None
    if asset is not None:
        card["thumbnail_path"] = str(image_info(media_dir, asset).path)
    return card
