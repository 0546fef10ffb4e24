"""X: public metrics for every post, and link clicks (non-public metrics) for recent ones.

X gives non-public metrics only to the post's author and only for posts under 30 days old, so
older posts are read with public metrics alone and their clicks are "not reported". Reach is
never reported.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from clinicstudio.platforms.api.base import Connection
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.readers.base import Heeding, PostReading, PostRef, count
from clinicstudio.platforms.api.x import XClient

PRIVATE_WINDOW = timedelta(days=30)


class XReader(Heeding):
    batch_size = 100  # GET /2/tweets takes up to 100 ids

    def __init__(self, connection: Connection) -> None:
        self.client = XClient(connection)

    def close(self) -> None:
        self.client.close()

    def read_posts(self, posts: list[PostRef]) -> dict[str, PostReading]:
        cutoff = datetime.now(UTC) - PRIVATE_WINDOW + timedelta(hours=1)
        recent = [p.remote_id for p in posts if p.sent_at is None or p.sent_at > cutoff]
        older = [p.remote_id for p in posts if p.remote_id not in recent]
        readings: dict[str, PostReading] = {}
        if recent:
            try:
                readings.update(self._read(recent, "public_metrics,non_public_metrics"))
            except PublishError as exc:
                if exc.retryable or exc.reconnect:
                    raise
                older += recent  # this app may not see non-public metrics: read the rest
        if older:
            readings.update(self._read(older, "public_metrics"))
        return readings

    def _read(self, ids: list[str], fields: str) -> dict[str, PostReading]:
        response = self.heed(self.client._call("GET", "2/tweets", params={
            "ids": ",".join(ids), "tweet.fields": fields}))
        readings = {}
        for item in json_body(response).get("data") or []:
            public: dict[str, Any] = item.get("public_metrics") or {}
            private: dict[str, Any] = item.get("non_public_metrics") or {}
            readings[str(item.get("id"))] = PostReading(
                likes=count(public.get("like_count")),
                reposts=count(public.get("retweet_count")),
                replies=count(public.get("reply_count")),
                quotes=count(public.get("quote_count")),
                saves=count(public.get("bookmark_count")),
                impressions=count(public.get("impression_count")),
                clicks=count(private.get("url_link_clicks")))
        return readings

    def read_followers(self) -> int | None:
        response = self.heed(self.client._call("GET", "2/users/me",
                                               params={"user.fields": "public_metrics"}))
        data = json_body(response).get("data") or {}
        return count((data.get("public_metrics") or {}).get("followers_count"))
