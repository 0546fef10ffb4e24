"""Bluesky's inbox: replies, mentions and quotes from notifications, and each post's thread.

Notifications come from ``app.bsky.notification.listNotifications`` (read through the PDS,
which forwards ``app.bsky.*`` calls to the AppView). Bluesky lets an account switch to
"priority" notifications (only people it follows); the clinic must hear from everyone, so the
reader asks with ``priority=false`` and also reads each recent post's whole thread with
``app.bsky.feed.getPostThread``, which no preference filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from clinicstudio.platforms.api.base import ReplyTarget
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.incoming import Collected, IncomingItem, OwnPost, network_time

if TYPE_CHECKING:
    from clinicstudio.platforms.api.bluesky import BlueskyClient

REASONS = {"reply": "reply", "mention": "mention", "quote": "quote"}
THREAD_DEPTH = 10


def reply_refs(target: ReplyTarget) -> dict[str, Any]:
    """The ``reply`` field of a post record: the thread's root and the post answered."""
    parent = {"uri": target.remote_id, "cid": str(target.details.get("cid", ""))}
    root_uri = target.root_id or target.remote_id
    root_cid = str(target.details.get("root_cid") or parent["cid"])
    return {"root": {"uri": root_uri, "cid": root_cid}, "parent": parent}


def web_url(handle: str, uri: str) -> str:
    return f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}"


class BlueskyInbox:

    def __init__(self, client: BlueskyClient) -> None:
        self.client = client

    def collect(self, own_posts: Iterable[OwnPost]) -> Collected:
        found = Collected()
        ours = {p.remote_id for p in own_posts}
        for uri in ours:
            self._read_thread(uri, ours, found)
        self._read_notifications(ours, found)
        return found

    def _read_notifications(self, ours: set[str], found: Collected) -> None:
        response = self.client._call("GET", "xrpc/app.bsky.notification.listNotifications",
                                     params={"limit": 50, "priority": "false"})
        for note in json_body(response).get("notifications") or []:
            reason = REASONS.get(str(note.get("reason", "")))
            if reason is None or (note.get("author") or {}).get("did") == self.client.did:
                continue
            item = self._item(note, ours, reason)
            found.add(item)

    def _read_thread(self, uri: str, ours: set[str], found: Collected) -> None:
        response = self.client._call("GET", "xrpc/app.bsky.feed.getPostThread",
                                     params={"uri": uri, "depth": THREAD_DEPTH,
                                             "parentHeight": 0}, ok=(200, 400))
        thread = json_body(response).get("thread") or {}
        if response.status_code != 200 or "post" not in thread:
            return  # the clinic's post itself is gone or not indexed yet
        seen: set[str] = set()
        stack = list(thread.get("replies") or [])
        while stack:
            node = stack.pop()
            post = node.get("post") if isinstance(node, dict) else None
            if not post:
                continue  # a reply that was deleted or blocked shows as a placeholder
            stack.extend(node.get("replies") or [])
            if (post.get("author") or {}).get("did") == self.client.did:
                continue
            seen.add(str(post["uri"]))
            found.add(self._item(post, ours, "reply"))
        found.complete[uri] = seen

    def _item(self, view: dict[str, Any], ours: set[str], reason: str) -> IncomingItem:
        record = view.get("record") or {}
        author = view.get("author") or {}
        refs = record.get("reply") or {}
        root = refs.get("root") or {}
        parent = refs.get("parent") or {}
        kind = reason
        if reason == "reply":
            kind = "comment" if parent.get("uri") in ours else "reply"
        belongs = str(root.get("uri", "")) if root.get("uri") in ours else ""
        if reason == "quote":
            quoted = ((record.get("embed") or {}).get("record") or {}).get("uri", "")
            belongs = quoted if quoted in ours else belongs
        handle = str(author.get("handle", ""))
        return IncomingItem(
            remote_id=str(view["uri"]), kind=kind,
            author_name=str(author.get("displayName") or handle), author_handle=handle,
            author_id=str(author.get("did", "")), text=str(record.get("text", "")),
            created_at=network_time(record.get("createdAt") or view.get("indexedAt")),
            remote_post_id=belongs, parent_id=str(parent.get("uri", "")),
            root_id=str(root.get("uri", "")), url=web_url(handle, str(view["uri"])),
            details={"cid": str(view.get("cid", "")), "root_cid": str(root.get("cid", ""))})

    def hide(self, target: ReplyTarget) -> None:
        raise NotImplementedError("Bluesky does not let an account remove others' replies")

    delete = hide
