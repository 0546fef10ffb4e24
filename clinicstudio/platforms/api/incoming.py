"""What the inbox readers hand back: comments, mentions, quotes and reviews, in one shape.

A reader is given the clinic's own published posts on its network (:class:`OwnPost`) and
returns a :class:`Collected`: the items it saw, and for each post whose conversation it read in
full, the ids it saw there, so an item that vanished can be marked deleted (never dropped).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from clinicstudio.platforms.api.base import Published, ReplyTarget


@dataclass(frozen=True, slots=True)
class OwnPost:
    """One of the clinic's posts as it went out on a network."""

    post_id: int
    remote_id: str
    sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class IncomingItem:
    """Something a person wrote to or about the clinic, as a network showed it."""

    remote_id: str
    kind: str  # comment, reply, mention, quote or review
    author_name: str
    author_handle: str
    author_id: str
    text: str
    created_at: datetime
    remote_post_id: str = ""  # the clinic's post it belongs to, when one of ours
    parent_id: str = ""
    root_id: str = ""
    url: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Collected:
    """One reader's harvest. ``complete[post]`` = every item id seen under that clinic post."""

    items: list[IncomingItem] = field(default_factory=list)
    complete: dict[str, set[str]] = field(default_factory=dict)

    def add(self, item: IncomingItem) -> None:
        if all(known.remote_id != item.remote_id for known in self.items):
            self.items.append(item)


class InboxReader(Protocol):
    """The inbox calls of one network's client."""

    def collect(self, own_posts: Iterable[OwnPost]) -> Collected: ...

    def reply(self, text: str, key: str, target: ReplyTarget) -> Published: ...


def plain_text(markup: str) -> str:
    """Mastodon sends HTML; the inbox shows and checks plain text."""
    markup = re.sub(r"<br\s*/?>", "\n", markup)
    markup = re.sub(r"</p>\s*<p>", "\n\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


def network_time(value: Any) -> datetime:
    """A network's time (ISO text, Facebook's ``+0000`` form, or epoch milliseconds) in UTC."""
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, UTC)
    text = str(value or "").strip()
    if not text:
        return datetime.now(UTC)
    text = text.replace("Z", "+00:00")
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return datetime.now(UTC)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
