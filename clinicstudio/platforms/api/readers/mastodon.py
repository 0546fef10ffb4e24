"""Mastodon: favourites, boosts, replies and quotes per status; followers of the account.

Mastodon reports no impressions, reach or clicks; ``quotes_count`` exists from version 4.4 on
and is "not reported" on older servers.
"""

from __future__ import annotations

from clinicstudio.platforms.api.base import Connection
from clinicstudio.platforms.api.http import json_body
from clinicstudio.platforms.api.mastodon import MastodonClient
from clinicstudio.platforms.api.readers.base import Heeding, PostReading, PostRef, count


class MastodonReader(Heeding):
    batch_size = 1

    def __init__(self, connection: Connection) -> None:
        self.client = MastodonClient(connection)

    def close(self) -> None:
        self.client.close()

    def read_posts(self, posts: list[PostRef]) -> dict[str, PostReading]:
        readings = {}
        for post in posts:
            response = self.heed(self.client.api.call(
                "GET", f"api/v1/statuses/{post.remote_id}", headers=self.client._auth(),
                ok=(200, 404)))
            if response.status_code == 404:
                continue  # deleted on the server: nothing to read
            status = json_body(response)
            readings[post.remote_id] = PostReading(
                likes=count(status.get("favourites_count")),
                reposts=count(status.get("reblogs_count")),
                replies=count(status.get("replies_count")),
                quotes=count(status.get("quotes_count")))
        return readings

    def read_followers(self) -> int | None:
        response = self.heed(self.client.api.call(
            "GET", "api/v1/accounts/verify_credentials", headers=self.client._auth()))
        return count(json_body(response).get("followers_count"))
