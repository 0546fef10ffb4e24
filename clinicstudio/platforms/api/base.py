"""What every network client takes and gives: a post on its way out, a connection, a result."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from clinicstudio.domain import Platform
from clinicstudio.platforms.counting.urls import extract_urls


def full_url(found: str) -> str:
    """A link as the networks open it: a bare domain ("maplefamily.com") gets https://."""
    return found if "://" in found else f"https://{found}"


@dataclass(frozen=True, slots=True)
class OutgoingImage:
    """An image ready to upload: bytes already cleaned of location and camera data."""

    data: bytes
    mime_type: str
    width: int
    height: int
    alt_text: str = ""
    name: str = "image.jpg"


@dataclass(frozen=True, slots=True)
class OutgoingLinkCard:
    """The card a person filled in for a link: nothing here was fetched from the page."""

    url: str
    title: str
    description: str = ""
    thumbnail: OutgoingImage | None = None


@dataclass(frozen=True, slots=True)
class OutgoingPost:
    """One post for one network. ``idempotency_key`` is the same on every attempt.

    ``targeting`` is the network's part of the request for the post's segment, exactly as
    :mod:`clinicstudio.audience.mapping` built it (and described it to the person); None when
    the post is not aimed, or the network cannot aim an ordinary post.
    """

    text: str
    idempotency_key: str
    images: tuple[OutgoingImage, ...] = ()
    # Set for an answer to a comment, mention or review: it goes into that thread, never into
    # the feed as a new post.
    reply_to: ReplyTarget | None = None
    # Tagged link -> the link as written, for a network that shows a link's words apart from
    # where it leads (Bluesky): the reader sees the short link, the click carries the tags.
    shown_links: Mapping[str, str] = field(default_factory=dict)
    targeting: Mapping[str, Any] | None = None
    link_card: OutgoingLinkCard | None = None

    @property
    def link(self) -> str:
        """The link a card is for: the person's card, else the first web address in the text."""
        if self.link_card is not None:
            return self.link_card.url
        found = extract_urls(self.text)
        return full_url(found[0].url) if found else ""


@dataclass(frozen=True, slots=True)
class ReplyTarget:
    """What a reply answers: the item's id on the network and its place in the thread.

    ``root_id`` is the thread's first post (the clinic's post for a comment); ``post_id`` is the
    clinic's post the item belongs to; ``details`` holds what one network needs besides (Bluesky
    content ids, the comment a Facebook reply must sit under).
    """

    remote_id: str
    root_id: str = ""
    post_id: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Published:
    """Where a post now lives on a network."""

    remote_id: str
    url: str


@dataclass
class Connection:
    """A connected account as a client needs it: where to call, as whom, with which secrets.

    ``secrets`` come from the OS keyring. A client that renews its tokens (X, Bluesky) updates
    ``secrets`` and calls ``save_secrets`` at once, because a used refresh token is dead.
    """

    network: Platform
    base_url: str
    # Kept out of repr: a connection in a log line or a traceback must not show a token.
    secrets: dict[str, Any] = field(repr=False)
    remote_id: str = ""
    handle: str = ""
    name: str = ""
    expires_at: datetime | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    save_secrets: Callable[[dict[str, Any]], None] = lambda secrets: None
    # The keyring's current secrets: another process (the window and ``publish-due`` at once)
    # may have renewed and rotated the tokens since these were read.
    load_secrets: Callable[[], dict[str, Any] | None] = lambda: None

    def adopt_newer(self, field_name: str) -> bool:
        """Take the keyring's secrets if ``field_name`` (a refresh token) changed there."""
        try:
            stored = self.load_secrets()
        except Exception:  # an unreadable keyring: the caller reports the original problem
            return False
        if not stored or stored.get(field_name) in (None, "", self.secrets.get(field_name)):
            return False
        self.secrets.update(stored)
        return True

    def secret_values(self) -> list[str]:
        return [str(v) for v in self.secrets.values() if isinstance(v, str)]


class NetworkClient(Protocol):
    """One network's publishing calls."""

    network: Platform
    max_images: int

    def publish(self, post: OutgoingPost) -> Published:
        """Send the post; raise :class:`PublishError` when it does not go out."""
        ...

    def find_existing(self, post: OutgoingPost, since: datetime) -> Published | None:
        """The post if it is already on the network (an earlier attempt's answer was lost)."""
        ...

    def close(self) -> None: ...


def comparable(text: str) -> str:
    """Text reduced to what survives a network's rewriting (links shortened, HTML, spacing)."""
    text = html.unescape(re.sub(r"<br\s*/?>|</p><p>", "\n", text))
    text = re.sub(r"<[^>]+>", "", text)
    for url in reversed(extract_urls(text)):
        text = text[:url.start] + text[url.end:]
    text = text.replace("\\", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def same_text(ours: str, theirs: str) -> bool:
    return bool(comparable(ours)) and comparable(ours) == comparable(theirs)


def made_since(created: Any, since: datetime) -> bool:
    """Whether a network's creation time (ISO text or epoch milliseconds) is at or after ``since``.

    Clinics repeat posts word for word ("Closed Monday for the holiday"), so an identical post
    from before this attempt began is an earlier post, not this one: taking it for this one
    would mark the post sent while it never went out. A missing time cannot rule a post out.
    """
    if created in (None, ""):
        return True
    try:
        if isinstance(created, int | float) or str(created).isdigit():
            moment = datetime.fromtimestamp(float(created) / 1000, UTC)
        else:
            moment = datetime.fromisoformat(str(created).replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return True
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment >= since
