"""Instagram (professional accounts): likes, comments, shares, saves, views and reach per post.

Media insights need ``instagram_manage_insights``; without it, only the like and comment counts
on the media itself are read and the rest is "not reported". Instagram reports no reposts of the
Twitter kind (``shares`` are sends and shares to stories) and no link clicks on posts.
"""

from __future__ import annotations

import requests

from clinicstudio.platforms.api.base import Connection
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.instagram import InstagramClient
from clinicstudio.platforms.api.readers.base import Heeding, PostReading, PostRef, count
from clinicstudio.platforms.api.readers.facebook import insight_values

INSIGHTS = "views,reach,saved,likes,comments,shares"


class InstagramReader(Heeding):
    batch_size = 1

    def __init__(self, connection: Connection) -> None:
        self.client = InstagramClient(connection)

    def close(self) -> None:
        self.client.close()

    def _get(self, path: str, params: dict[str, str],
             ok: tuple[int, ...] = (200,)) -> requests.Response:
        return self.heed(self.client.api.call(
            "GET", path, params={**params, "access_token": self.client.token}, ok=ok))

    def read_posts(self, posts: list[PostRef]) -> dict[str, PostReading]:
        readings = {}
        for post in posts:
            try:
                values = insight_values(json_body(self._get(
                    f"{post.remote_id}/insights", {"metric": INSIGHTS})))
            except PublishError as exc:
                if exc.retryable or exc.reconnect:
                    raise
                values = {}
            if not values:
                response = self._get(post.remote_id, {"fields": "like_count,comments_count"},
                                     ok=(200, 404))
                if response.status_code == 404:
                    continue
                media = json_body(response)
                values = {"likes": count(media.get("like_count")),
                          "comments": count(media.get("comments_count"))}
            readings[post.remote_id] = PostReading(
                likes=values.get("likes"), replies=values.get("comments"),
                reposts=values.get("shares"), saves=values.get("saved"),
                impressions=values.get("views"), reach=values.get("reach"))
        return readings

    def read_followers(self) -> int | None:
        body = json_body(self._get(self.client.ig_user, {"fields": "followers_count"}))
        return count(body.get("followers_count"))
