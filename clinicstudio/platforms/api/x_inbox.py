"""X's inbox: mentions of the clinic, and the replies in each recent post's conversation.

``GET /2/users/:id/mentions`` gives posts that mention the account (replies to the clinic's
posts mention it too); ``GET /2/tweets/search/recent?query=conversation_id:ID`` gives a
conversation's replies, for the last seven days only, so only conversations that young are
taken as read in full (older ones never mark an unseen reply as deleted).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from clinicstudio.platforms.api.base import ReplyTarget
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.incoming import Collected, IncomingItem, OwnPost, network_time

if TYPE_CHECKING:
    from clinicstudio.platforms.api.x import XClient

FIELDS = {"tweet.fields": "created_at,conversation_id,author_id,referenced_tweets,"
                          "in_reply_to_user_id", "expansions": "author_id",
          "user.fields": "username,name", "max_results": 100}
SEARCH_WINDOW = timedelta(days=7)


class XInbox:

    def __init__(self, client: XClient) -> None:
        self.client = client

    def collect(self, own_posts: Iterable[OwnPost]) -> Collected:
        found = Collected()
        posts = list(own_posts)
        ours = {p.remote_id for p in posts}
        young = datetime.now(UTC) - SEARCH_WINDOW + timedelta(hours=1)
        for post in posts:
            body = json_body(self.client._call(
                "GET", "2/tweets/search/recent",
                params={**FIELDS, "query": f"conversation_id:{post.remote_id}"}))
            seen = self._take(body, ours, found)
            if post.sent_at is None or post.sent_at >= young:
                found.complete[post.remote_id] = seen
        body = json_body(self.client._call(
            "GET", f"2/users/{self.client.connection.remote_id}/mentions", params=FIELDS))
        self._take(body, ours, found)
        return found

    def _take(self, body: dict[str, Any], ours: set[str], found: Collected) -> set[str]:
        users = {str(u.get("id")): u for u in (body.get("includes") or {}).get("users") or []}
        seen: set[str] = set()
        for tweet in body.get("data") or []:
            if str(tweet.get("author_id")) == str(self.client.connection.remote_id):
                continue
            seen.add(str(tweet["id"]))
            found.add(self._item(tweet, users.get(str(tweet.get("author_id"))) or {}, ours))
        return seen

    @staticmethod
    def _item(tweet: dict[str, Any], user: dict[str, Any], ours: set[str]) -> IncomingItem:
        refs = {str(r.get("type")): str(r.get("id")) for r in tweet.get("referenced_tweets") or []}
        parent, quoted = refs.get("replied_to", ""), refs.get("quoted", "")
        conversation = str(tweet.get("conversation_id") or "")
        if parent and parent in ours:
            kind = "comment"
        elif quoted and quoted in ours:
            kind = "quote"
        elif parent and conversation in ours:
            kind = "reply"
        else:
            kind = "mention"
        belongs = conversation if conversation in ours else (quoted if quoted in ours else "")
        username = str(user.get("username", ""))
        return IncomingItem(
            remote_id=str(tweet["id"]), kind=kind, author_name=str(user.get("name") or username),
            author_handle=username, author_id=str(tweet.get("author_id", "")),
            text=str(tweet.get("text", "")), created_at=network_time(tweet.get("created_at")),
            remote_post_id=belongs, parent_id=parent, root_id=conversation,
            url=f"https://x.com/{username or 'i/web'}/status/{tweet['id']}")

    def hide(self, target: ReplyTarget) -> None:
        self.client._call("PUT", f"2/tweets/{target.remote_id}/hidden", json={"hidden": True})

    def delete(self, target: ReplyTarget) -> None:
        raise NotImplementedError("X does not let an account delete others' posts")
