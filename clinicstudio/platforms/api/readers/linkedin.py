"""LinkedIn organization pages: share statistics per post and the page's follower count.

``organizationalEntityShareStatistics`` (needs ``rw_organization_admin``) gives impressions,
unique impressions (shown as reach), clicks, likes, comments and reposts. Without that
permission, ``socialActions`` still gives likes and comments, and the rest is "not reported".
LinkedIn sends no rate-limit headers; a 429 means the day's allowance is used up.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from clinicstudio.platforms.api.base import Connection
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.linkedin import LinkedInClient
from clinicstudio.platforms.api.readers.base import Heeding, PostReading, PostRef, count


def restli_list(urns: list[str]) -> str:
    """Rest.li 2.0 list syntax, each URN percent-encoded: ``List(urn%3Ali%3Ashare%3A1)``."""
    return "List(" + ",".join(quote(u, safe="") for u in urns) + ")"


class LinkedInReader(Heeding):
    batch_size = 20

    def __init__(self, connection: Connection) -> None:
        self.client = LinkedInClient(connection)

    def close(self) -> None:
        self.client.close()

    def _get(self, path: str, query: str = "") -> dict[str, Any]:
        # The query is built by hand: Rest.li lists must not be encoded a second time.
        url = f"{path}?{query}" if query else path
        return json_body(self.heed(self.client.api.call("GET", url,
                                                        headers=self.client._headers())))

    def read_posts(self, posts: list[PostRef]) -> dict[str, PostReading]:
        urns = [p.remote_id for p in posts]
        try:
            return self._statistics(urns)
        except PublishError as exc:
            if exc.retryable or exc.reconnect or exc.code not in ("403", "ACCESS_DENIED"):
                raise
        return {urn: self._social_actions(urn) for urn in urns}

    def _statistics(self, urns: list[str]) -> dict[str, PostReading]:
        shares = [u for u in urns if ":share:" in u]
        ugc = [u for u in urns if ":ugcPost:" in u]
        query = (f"q=organizationalEntity&organizationalEntity="
                 f"{quote(self.client.author, safe='')}")
        if shares:
            query += f"&shares={restli_list(shares)}"
        if ugc:
            query += f"&ugcPosts={restli_list(ugc)}"
        readings = {}
        for element in self._get("rest/organizationalEntityShareStatistics",
                                 query).get("elements") or []:
            urn = str(element.get("share") or element.get("ugcPost") or "")
            stats = element.get("totalShareStatistics") or {}
            readings[urn] = PostReading(
                likes=count(stats.get("likeCount")), replies=count(stats.get("commentCount")),
                reposts=count(stats.get("shareCount")),
                impressions=count(stats.get("impressionCount")),
                reach=count(stats.get("uniqueImpressionsCount")),
                clicks=count(stats.get("clickCount")))
        return readings

    def _social_actions(self, urn: str) -> PostReading:
        body = self._get(f"rest/socialActions/{quote(urn, safe='')}")
        return PostReading(
            likes=count((body.get("likesSummary") or {}).get("totalLikes")),
            replies=count((body.get("commentsSummary") or {}).get("aggregatedTotalComments")))

    def read_followers(self) -> int | None:
        body = self._get(f"rest/networkSizes/{quote(self.client.author, safe='')}",
                         "edgeType=COMPANY_FOLLOWED_BY_MEMBER")
        return count(body.get("firstDegreeSize"))
