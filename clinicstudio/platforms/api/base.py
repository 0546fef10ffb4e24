"""What every network client takes and gives: a post on its way out, a connection, a result."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from clinicstudio.domain import Platform

URL_PATTERN = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]")


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
class OutgoingPost:
    """One post for one network. ``idempotency_key`` is the same on every attempt."""

    text: str
    idempotency_key: str
    images: tuple[OutgoingImage, ...] = ()

    @property
    def link(self) -> str:
        """The first web address in the text, for networks that show a link card."""
        found = URL_PATTERN.search(self.text)
        return found.group(0) if found else ""


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
    secrets: dict[str, Any]
    remote_id: str = ""
    handle: str = ""
    name: str = ""
    expires_at: datetime | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    save_secrets: Callable[[dict[str, Any]], None] = lambda secrets: None

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
    text = URL_PATTERN.sub("", text)
    text = text.replace("\\", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def same_text(ours: str, theirs: str) -> bool:
    return bool(comparable(ours)) and comparable(ours) == comparable(theirs)
