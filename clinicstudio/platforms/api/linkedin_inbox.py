"""LinkedIn page comments through ``socialActions``: read, answer as the page, delete.

``GET /rest/socialActions/{post-urn}/comments`` lists a post's comments (replies carry
``parentComment``); the page answers with ``POST`` to the same address, naming the comment in
``parentComment``; ``DELETE .../comments/{id}?actor=`` removes a comment on the page's post.
LinkedIn keeps replies one level deep, so an answer to a reply goes under its comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from clinicstudio.platforms.api.base import OutgoingPost, Published, ReplyTarget, same_text
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.incoming import Collected, IncomingItem, OwnPost, network_time

if TYPE_CHECKING:
    from clinicstudio.platforms.api.linkedin import LinkedInClient


def comments_path(post_urn: str) -> str:
    return f"rest/socialActions/{quote(post_urn, safe='')}/comments"


def comment_number(urn: str) -> str:
    """``urn:li:comment:(urn:li:activity:1,42)`` -> ``42``."""
    return urn.rstrip(")").rsplit(",", 1)[-1]


class LinkedInInbox:

    def __init__(self, client: LinkedInClient) -> None:
        self.client = client

    def _list(self, post_urn: str) -> dict[str, Any]:
        return json_body(self.client.api.call("GET", comments_path(post_urn),
                                              headers=self.client._headers(),
                                              params={"count": 100}))

    def collect(self, own_posts: Iterable[OwnPost]) -> Collected:
        found = Collected()
        for post in own_posts:
            body = self._list(post.remote_id)
            seen: set[str] = set()
            for comment in body.get("elements") or []:
                if comment.get("actor") == self.client.author:
                    continue
                urn = str(comment.get("commentUrn") or comment.get("id"))
                parent = str(comment.get("parentComment") or "")
                seen.add(urn)
                found.add(IncomingItem(
                    remote_id=urn, kind="reply" if parent else "comment",
                    author_name=str(comment.get("actorName") or "A LinkedIn member"),
                    author_handle="", author_id=str(comment.get("actor", "")),
                    text=str((comment.get("message") or {}).get("text", "")),
                    created_at=network_time((comment.get("created") or {}).get("time")),
                    remote_post_id=post.remote_id, parent_id=parent or post.remote_id,
                    root_id=post.remote_id,
                    url=f"https://www.linkedin.com/feed/update/{post.remote_id}",
                    details={"reply_under": parent} if parent else {}))
            paging = body.get("paging") or {}
            if int(paging.get("total") or 0) <= len(body.get("elements") or []):
                found.complete[post.remote_id] = seen
        return found

    def reply(self, post: OutgoingPost) -> Published:
        target = post.reply_to
        assert target is not None
        response = self.client.api.call(
            "POST", comments_path(target.post_id), headers=self.client._headers(),
            sends_post=True, json={
                "actor": self.client.author, "object": target.post_id,
                "message": {"text": post.text},
                "parentComment": str(target.details.get("reply_under") or target.remote_id)})
        urn = response.headers.get("x-restli-id") or str(json_body(response).get("commentUrn")
                                                          or json_body(response).get("id", ""))
        return Published(urn, f"https://www.linkedin.com/feed/update/{target.post_id}")

    def find_reply(self, post: OutgoingPost, since: datetime) -> Published | None:
        target = post.reply_to
        assert target is not None
        for comment in self._list(target.post_id).get("elements") or []:
            if comment.get("actor") == self.client.author and same_text(
                    post.text, str((comment.get("message") or {}).get("text", ""))):
                return Published(str(comment.get("commentUrn") or comment.get("id")),
                                 f"https://www.linkedin.com/feed/update/{target.post_id}")
        return None

    def hide(self, target: ReplyTarget) -> None:
        raise NotImplementedError("LinkedIn has no hiding of comments through its API")

    def delete(self, target: ReplyTarget) -> None:
        self.client.api.call(
            "DELETE", f"{comments_path(target.post_id)}/{comment_number(target.remote_id)}",
            headers=self.client._headers(), params={"actor": self.client.author}, ok=(200, 204))
