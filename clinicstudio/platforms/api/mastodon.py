"""Mastodon posts on any instance: text, up to four images with descriptions.

Mastodon keeps an ``Idempotency-Key`` for an hour: a retry with the same key returns the post
already made instead of making a second one.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

import requests

from clinicstudio.domain import Platform
from clinicstudio.platforms.api.base import (
    Connection,
    OutgoingPost,
    Published,
    made_since,
    same_text,
)
from clinicstudio.platforms.api.errors import PublishError, check_image_size, reconnect_error
from clinicstudio.platforms.api.http import Api, json_body, server_side

if TYPE_CHECKING:
    from clinicstudio.platforms.api.mastodon_inbox import MastodonInbox


def translate_mastodon_error(response: requests.Response) -> PublishError:
    body = json_body(response)
    detail = str(body.get("error_description") or body.get("error") or "")
    code = str(response.status_code)
    if response.status_code == 401:
        return reconnect_error("Mastodon", code=code)
    common = server_side(response, "Mastodon", code)
    if common is not None:
        return common
    if response.status_code == 413:
        return PublishError("An image is too large for this Mastodon server.",
                            "Save it smaller, attach it again and publish again.", code=code)
    if response.status_code == 422:
        return PublishError(f"Mastodon refused the post ({detail or 'validation failed'}).",
                            "Check the text and images, then publish again.", code=code)
    if response.status_code == 403:
        return PublishError("Mastodon does not let this connection post.",
                            "Reconnect Mastodon in Accounts and allow posting.", code=code)
    return PublishError(f"Mastodon refused the post ({detail or 'no reason given'}).",
                        "Check the post and try again.", code=code)


class MastodonClient:
    network = Platform.MASTODON
    poll_interval = 1.0
    poll_limit = 60

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.max_images = int(connection.details.get("max_media_attachments") or 4)
        self.api = Api("Mastodon", connection.base_url, translate_mastodon_error,
                       secrets=connection.secret_values)

    def close(self) -> None:
        self.api.close()

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.connection.secrets['access_token']}"}

    def publish(self, post: OutgoingPost) -> Published:
        limit = int(self.connection.details.get("image_size_limit") or 16 * 1024 * 1024)
        for image in post.images:
            check_image_size("This Mastodon server", image.data, image.name, limit)
        media_ids = [self._upload(image.data, image.mime_type, image.alt_text, image.name)
                     for image in post.images]
        form: dict[str, Any] = {"status": post.text, "visibility": "public"}
        if media_ids:
            form["media_ids[]"] = media_ids
        if post.reply_to is not None:
            # An answer goes into the conversation it answers, never into the feed as new.
            form["in_reply_to_id"] = post.reply_to.remote_id
        response = self.api.call("POST", "api/v1/statuses", data=form, sends_post=True,
                                 headers={**self._auth(), "Idempotency-Key": post.idempotency_key})
        status = json_body(response)
        return Published(str(status["id"]), str(status.get("url") or status.get("uri", "")))

    def inbox(self) -> MastodonInbox:
        from clinicstudio.platforms.api.mastodon_inbox import MastodonInbox

        return MastodonInbox(self)
    def delete(self, remote_id: str) -> None:
        """Take a post down (DELETE /api/v1/statuses/:id); an already deleted one is fine."""
        self.api.call("DELETE", f"api/v1/statuses/{remote_id}", ok=(200, 404),
                      headers=self._auth())

    def _upload(self, data: bytes, mime_type: str, alt_text: str, name: str) -> str:
        response = self.api.call("POST", "api/v2/media", headers=self._auth(),
                                 data={"description": alt_text},
                                 files={"file": (name, data, mime_type)})
        media_id = str(json_body(response)["id"])
        if response.status_code == 202:
            # Large images are processed in the background; a post may only use finished ones.
            for _ in range(self.poll_limit):
                check = self.api.call("GET", f"api/v1/media/{media_id}", headers=self._auth(),
                                      ok=(200, 206))
                if check.status_code == 200:
                    break
                time.sleep(self.poll_interval)
            else:
                raise PublishError("Mastodon is taking too long to process an image.",
                                   "It will try again by itself.", retryable=True)
        return media_id

    def find_existing(self, post: OutgoingPost, since: datetime) -> Published | None:
        response = self.api.call("GET", f"api/v1/accounts/{self.connection.remote_id}/statuses",
                                 headers=self._auth(), params={"limit": 20})
        body = json_body(response)
        for status in body.get("items") or []:
            if same_text(post.text, str(status.get("content", ""))) and made_since(
                    status.get("created_at"), since):
                return Published(str(status["id"]), str(status.get("url") or status.get("uri")))
        return None
