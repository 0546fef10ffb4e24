"""Facebook Pages: reactions, comments and shares per post, views and clicks from insights.

Meta retired impressions; "views" (``post_media_view``) and unique viewers
(``post_total_media_view_unique``) replace them and are shown as impressions and reach. Insights
need the ``read_insights`` permission: without it, the counts are still read and the insight
figures are "not reported". Facebook leaves ``shares`` out of a post nobody has shared, so an
absent ``shares`` is 0 while the others, always present when asked for, are read as given.
"""

from __future__ import annotations

from typing import Any

from clinicstudio.platforms.api.base import Connection
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.platforms.api.facebook import FacebookClient
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.readers.base import Heeding, PostReading, PostRef, count

COUNT_FIELDS = "shares,comments.summary(true).limit(0),reactions.summary(true).limit(0)"
INSIGHTS = "post_media_view,post_total_media_view_unique,post_clicks"


def insight_values(body: dict[str, Any]) -> dict[str, int | None]:
    """``{"metric name": value}`` from a Graph insights answer (lifetime values)."""
    values: dict[str, int | None] = {}
    for item in body.get("data") or []:
        points = item.get("values") or []
        total = (item.get("total_value") or {}).get("value")
        value = total if total is not None else (points[-1].get("value") if points else None)
        values[str(item.get("name"))] = count(value)
    return values


class FacebookReader(Heeding):
    batch_size = 1

    def __init__(self, connection: Connection) -> None:
        self.client = FacebookClient(connection)

    def close(self) -> None:
        self.client.close()

    def _get(self, path: str, params: dict[str, str], ok: tuple[int, ...] = (200,)) -> Any:
        return self.heed(self.client.api.call(
            "GET", path, params={**params, "access_token": self.client.token}, ok=ok))

    def read_posts(self, posts: list[PostRef]) -> dict[str, PostReading]:
        readings = {}
        for post in posts:
            response = self._get(post.remote_id, {"fields": COUNT_FIELDS}, ok=(200, 404))
            if response.status_code == 404:
                continue
            body = json_body(response)
            insights = self._insights(post.remote_id)
            readings[post.remote_id] = PostReading(
                likes=count(((body.get("reactions") or {}).get("summary") or {})
                            .get("total_count")),
                replies=count(((body.get("comments") or {}).get("summary") or {})
                              .get("total_count")),
                reposts=count((body.get("shares") or {"count": 0}).get("count")),
                impressions=insights.get("post_media_view"),
                reach=insights.get("post_total_media_view_unique"),
                clicks=insights.get("post_clicks"))
        return readings

    def _insights(self, post_id: str) -> dict[str, int | None]:
        try:
            return insight_values(json_body(self._get(f"{post_id}/insights",
                                                      {"metric": INSIGHTS})))
        except PublishError as exc:
            if exc.retryable or exc.reconnect:
                raise
            return {}  # no insights permission, or a metric retired: counts still stand

    def read_followers(self) -> int | None:
        body = json_body(self._get(self.client.page_id, {"fields": "followers_count"}))
        return count(body.get("followers_count"))
