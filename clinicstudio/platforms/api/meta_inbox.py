"""Facebook Page and Instagram comments, Page recommendations (reviews), and replies to them.

Facebook: ``GET /{post-id}/comments`` (with ``parent`` for replies), reviews from
``GET /{page-id}/ratings`` (each review's ``open_graph_story`` takes comments, which is how a
Page answers a recommendation), a reply is ``POST /{comment-id}/comments``, hiding is
``POST /{comment-id}?is_hidden=true`` and deleting ``DELETE /{comment-id}``.
Instagram: ``GET /{media-id}/comments`` with their ``replies``, a reply is
``POST /{comment-id}/replies``, hiding ``POST /{comment-id}?hide=true``, deleting
``DELETE /{comment-id}``. Both networks keep replies one level deep, so an answer to a reply is
placed under the comment that started it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clinicstudio.platforms.api.base import OutgoingPost, Published, ReplyTarget, same_text
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.incoming import Collected, IncomingItem, OwnPost, network_time

if TYPE_CHECKING:
    from clinicstudio.platforms.api.facebook import FacebookClient
    from clinicstudio.platforms.api.instagram import InstagramClient

FB_FIELDS = "id,message,from{id,name},created_time,parent{id},permalink_url"
IG_FIELDS = "id,text,username,timestamp,from{id,username}"
RATING_FIELDS = ("reviewer{id,name},created_time,recommendation_type,review_text,"
                 "open_graph_story{id}")


def under(target: ReplyTarget) -> str:
    """The comment a reply is written under (its parent when the item is itself a reply)."""
    return str(target.details.get("reply_under") or target.remote_id)


class FacebookInbox:

    def __init__(self, client: FacebookClient) -> None:
        self.client = client

    def _get(self, path: str, **params: Any) -> dict[str, Any]:
        return json_body(self.client.api.call(
            "GET", path, params={**params, "access_token": self.client.token}))

    def collect(self, own_posts: Iterable[OwnPost]) -> Collected:
        found = Collected()
        page = str(self.client.page_id)
        for post in own_posts:
            body = self._get(f"{post.remote_id}/comments", filter="stream", fields=FB_FIELDS,
                             limit=100)
            seen: set[str] = set()
            for comment in body.get("data") or []:
                author = comment.get("from") or {}
                if str(author.get("id")) == page:
                    continue
                parent = str((comment.get("parent") or {}).get("id", ""))
                seen.add(str(comment["id"]))
                found.add(IncomingItem(
                    remote_id=str(comment["id"]), kind="reply" if parent else "comment",
                    author_name=str(author.get("name") or "A Facebook user"), author_handle="",
                    author_id=str(author.get("id", "")), text=str(comment.get("message", "")),
                    created_at=network_time(comment.get("created_time")),
                    remote_post_id=post.remote_id, parent_id=parent or post.remote_id,
                    root_id=post.remote_id, url=str(comment.get("permalink_url", "")),
                    details={"reply_under": parent} if parent else {}))
            if not (body.get("paging") or {}).get("next"):
                found.complete[post.remote_id] = seen
        for rating in self._get(f"{page}/ratings", fields=RATING_FIELDS,
                                limit=100).get("data") or []:
            story = str((rating.get("open_graph_story") or {}).get("id", ""))
            text = str(rating.get("review_text", ""))
            if not story or not text.strip():
                continue  # a bare recommendation without words has nothing to answer
            reviewer = rating.get("reviewer") or {}
            found.add(IncomingItem(
                remote_id=story, kind="review",
                author_name=str(reviewer.get("name") or "A Facebook user"), author_handle="",
                author_id=str(reviewer.get("id", "")), text=text,
                created_at=network_time(rating.get("created_time")),
                details={"recommendation": str(rating.get("recommendation_type", ""))}))
        return found

    def reply(self, post: OutgoingPost) -> Published:
        assert post.reply_to is not None
        response = self.client.api.call("POST", f"{under(post.reply_to)}/comments", data={
            "message": post.text, "access_token": self.client.token}, sends_post=True)
        comment_id = str(json_body(response)["id"])
        return Published(comment_id, f"https://www.facebook.com/{comment_id}")

    def find_reply(self, post: OutgoingPost, since: datetime) -> Published | None:
        assert post.reply_to is not None
        body = self._get(f"{under(post.reply_to)}/comments", fields=FB_FIELDS, limit=100)
        for comment in body.get("data") or []:
            if str((comment.get("from") or {}).get("id")) == str(self.client.page_id) and \
                    same_text(post.text, str(comment.get("message", ""))):
                return Published(str(comment["id"]),
                                 f"https://www.facebook.com/{comment['id']}")
        return None

    def hide(self, target: ReplyTarget) -> None:
        self.client.api.call("POST", target.remote_id, data={
            "is_hidden": "true", "access_token": self.client.token})

    def delete(self, target: ReplyTarget) -> None:
        self.client.api.call("DELETE", target.remote_id,
                             params={"access_token": self.client.token})


class InstagramInbox:

    def __init__(self, client: InstagramClient) -> None:
        self.client = client

    def _own(self, comment: dict[str, Any]) -> bool:
        author = comment.get("from") or {}
        return str(author.get("id")) == str(self.client.ig_user) or (
            bool(self.client.connection.handle)
            and comment.get("username") == self.client.connection.handle)

    def collect(self, own_posts: Iterable[OwnPost]) -> Collected:
        found = Collected()
        for post in own_posts:
            body = json_body(self.client.api.call("GET", f"{post.remote_id}/comments", params={
                "fields": f"{IG_FIELDS},replies{{{IG_FIELDS}}}", "limit": 50,
                "access_token": self.client.token}))
            seen: set[str] = set()
            for comment in body.get("data") or []:
                nested = (comment.get("replies") or {}).get("data") or []
                for item, parent in [(comment, "")] + [(r, str(comment["id"])) for r in nested]:
                    if self._own(item):
                        continue
                    seen.add(str(item["id"]))
                    found.add(self._item(item, post.remote_id, parent))
            if not (body.get("paging") or {}).get("next"):
                found.complete[post.remote_id] = seen
        return found

    @staticmethod
    def _item(comment: dict[str, Any], media: str, parent: str) -> IncomingItem:
        username = str(comment.get("username") or (comment.get("from") or {}).get("username", ""))
        return IncomingItem(
            remote_id=str(comment["id"]), kind="reply" if parent else "comment",
            author_name=username or "An Instagram user", author_handle=username,
            author_id=str((comment.get("from") or {}).get("id", "")),
            text=str(comment.get("text", "")), created_at=network_time(comment.get("timestamp")),
            remote_post_id=media, parent_id=parent or media, root_id=media,
            details={"reply_under": parent} if parent else {})

    def reply(self, post: OutgoingPost) -> Published:
        assert post.reply_to is not None
        response = self.client.api.call("POST", f"{under(post.reply_to)}/replies", data={
            "message": post.text, "access_token": self.client.token}, sends_post=True)
        reply_id = str(json_body(response)["id"])
        return Published(reply_id, f"https://www.instagram.com/{self.client.connection.handle}/")

    def find_reply(self, post: OutgoingPost, since: datetime) -> Published | None:
        assert post.reply_to is not None
        body = json_body(self.client.api.call("GET", f"{under(post.reply_to)}/replies", params={
            "fields": IG_FIELDS, "access_token": self.client.token}))
        for item in body.get("data") or []:
            if self._own(item) and same_text(post.text, str(item.get("text", ""))):
                return Published(str(item["id"]),
                                 f"https://www.instagram.com/{self.client.connection.handle}/")
        return None

    def hide(self, target: ReplyTarget) -> None:
        self.client.api.call("POST", target.remote_id, data={
            "hide": "true", "access_token": self.client.token})

    def delete(self, target: ReplyTarget) -> None:
        self.client.api.call("DELETE", target.remote_id,
                             params={"access_token": self.client.token})
