"""Bluesky: likes, reposts, replies, quotes and bookmarks per post; the account's followers.

``app.bsky.*`` reads go to the account's PDS with the user's token, which forwards them to the
AppView that counts. Bluesky reports no impressions, reach or clicks.
"""

from __future__ import annotations

from clinicstudio.platforms.api.base import Connection
from clinicstudio.platforms.api.bluesky import BlueskyClient
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.readers.base import Heeding, PostReading, PostRef, count


class BlueskyReader(Heeding):
    batch_size = 25  # app.bsky.feed.getPosts takes at most 25 addresses

    def __init__(self, connection: Connection) -> None:
        self.client = BlueskyClient(connection)

    def close(self) -> None:
        self.client.close()

    def read_posts(self, posts: list[PostRef]) -> dict[str, PostReading]:
        uris = [p.remote_id for p in posts if p.remote_id.startswith("at://")]
        if not uris:
            return {}
        response = self.heed(self.client._call("GET", "xrpc/app.bsky.feed.getPosts",
                                               params={"uris": uris}))
        readings = {}
        for view in json_body(response).get("posts") or []:
            readings[str(view.get("uri"))] = PostReading(
                likes=count(view.get("likeCount")), reposts=count(view.get("repostCount")),
                replies=count(view.get("replyCount")), quotes=count(view.get("quoteCount")),
                saves=count(view.get("bookmarkCount")))
        return readings

    def read_followers(self) -> int | None:
        response = self.heed(self.client._call("GET", "xrpc/app.bsky.actor.getProfile",
                                               params={"actor": self.client.did}))
        return count(json_body(response).get("followersCount"))
