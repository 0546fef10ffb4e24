"""Mastodon's inbox: mentions and quotes from notifications, replies from each post's context.

Replies to the clinic's posts arrive as ``mention`` notifications; ``GET /api/v1/statuses/:id/
context`` gives a post's whole conversation, so replies between other people in the thread are
seen too and a deleted reply can be noticed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from clinicstudio.platforms.api.base import ReplyTarget
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.incoming import (
    Collected,
    IncomingItem,
    OwnPost,
    network_time,
    plain_text,
)

if TYPE_CHECKING:
    from clinicstudio.platforms.api.mastodon import MastodonClient


class MastodonInbox:

    def __init__(self, client: MastodonClient) -> None:
        self.client = client

    def collect(self, own_posts: Iterable[OwnPost]) -> Collected:
        found = Collected()
        ours = {p.remote_id for p in own_posts}
        for status_id in ours:
            response = self.client.api.call("GET", f"api/v1/statuses/{status_id}/context",
                                            headers=self.client._auth(), ok=(200, 404))
            if response.status_code != 200:
                continue
            seen: set[str] = set()
            for status in json_body(response).get("descendants") or []:
                if self._own(status):
                    continue
                seen.add(str(status["id"]))
                found.add(self._item(status, ours, "reply", root=status_id))
            found.complete[status_id] = seen
        response = self.client.api.call(
            "GET", "api/v1/notifications", headers=self.client._auth(),
            params={"types[]": ["mention", "quote"], "limit": 40})
        for note in json_body(response).get("items") or []:
            status = note.get("status")
            if not status or self._own(status):
                continue
            kind = "quote" if note.get("type") == "quote" else "mention"
            found.add(self._item(status, ours, kind))
        return found

    def _own(self, status: dict[str, Any]) -> bool:
        return str((status.get("account") or {}).get("id")) == str(self.client.connection.remote_id)

    def _item(self, status: dict[str, Any], ours: set[str], reason: str,
              root: str = "") -> IncomingItem:
        account = status.get("account") or {}
        parent = str(status.get("in_reply_to_id") or "")
        quoted = str((((status.get("quote") or {}).get("quoted_status")) or {}).get("id", ""))
        kind = reason
        if parent in ours:
            kind, root = "comment", parent
        elif reason == "reply":
            kind = "reply"
        belongs = root if root in ours else (quoted if quoted in ours else "")
        return IncomingItem(
            remote_id=str(status["id"]), kind=kind,
            author_name=str(account.get("display_name") or account.get("acct", "")),
            author_handle=str(account.get("acct", "")), author_id=str(account.get("id", "")),
            text=plain_text(str(status.get("content", ""))),
            created_at=network_time(status.get("created_at")), remote_post_id=belongs,
            parent_id=parent, root_id=root, url=str(status.get("url") or status.get("uri", "")))

    def hide(self, target: ReplyTarget) -> None:
        raise NotImplementedError("Mastodon does not let an account remove others' posts")

    delete = hide
