"""X posts through API v2: text with links, up to four images with alt text.

X hands a desktop app (a public OAuth client) an access token that lasts two hours and a
refresh token that is replaced on every use; the newest pair is saved to the keyring before
the new access token is used, so a crash never leaves only a dead refresh token behind.
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
    from clinicstudio.platforms.api.x_inbox import XInbox

DEFAULT_X_URL = "https://api.x.com"
DUPLICATE_TEXT = "duplicate content"
IMAGE_LIMIT = 5_000_000


def translate_x_error(response: requests.Response) -> PublishError:
    body = json_body(response)
    detail = str(body.get("detail") or body.get("title") or "")
    kind = str(body.get("type", "")).rsplit("/", 1)[-1]
    code = kind or str(response.status_code)
    if response.status_code == 401:
        return reconnect_error("X", code=code)
    if response.status_code == 403 and DUPLICATE_TEXT in detail.lower():
        return PublishError("X says this post is already there.", duplicate=True, code=code)
    if kind == "usage-capped":
        return PublishError("The X account reached its monthly posting allowance.",
                            "It will try again later; check the X developer plan.",
                            retryable=True, retry_after=3600 * 6, code=code)
    common = server_side(response, "X", code)
    if common is not None:
        return common
    if response.status_code == 403:
        return PublishError("X does not let ClinicStudio post for this account.",
                            "Reconnect X in Accounts and allow posting.", code=code)
    return PublishError(f"X refused the post ({detail or 'no reason given'}).",
                        "Check the post and try again.", code=code)


def exchange_token(base_url: str, form: dict[str, str]) -> dict[str, Any]:
    """Call X's token endpoint (code exchange or refresh); returns the new secrets."""
    api = Api("X", base_url or DEFAULT_X_URL, translate_x_error)
    try:
        body = json_body(api.call("POST", "2/oauth2/token", data=form, ok=(200,)))
    finally:
        api.close()
    return {"access_token": body["access_token"],
            "refresh_token": body.get("refresh_token", form.get("refresh_token", "")),
            "expires_at": time.time() + float(body.get("expires_in", 7200)),
            "client_id": form["client_id"]}


class XClient:
    network = Platform.X
    max_images = 4

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.api = Api("X", connection.base_url or DEFAULT_X_URL, translate_x_error,
                       secrets=connection.secret_values)

    def close(self) -> None:
        self.api.close()

    def _headers(self) -> dict[str, str]:
        secrets = self.connection.secrets
        if float(secrets.get("expires_at") or 0) < time.time() + 60:
            self.refresh()
        return {"Authorization": f"Bearer {self.connection.secrets['access_token']}"}

    def refresh(self) -> None:
        secrets = self.connection.secrets
        if not secrets.get("refresh_token"):
            raise reconnect_error("X", code="no_refresh_token")
        try:
            renewed = exchange_token(self.api.base_url, {
                "grant_type": "refresh_token", "refresh_token": str(secrets["refresh_token"]),
                "client_id": str(secrets.get("client_id", ""))})
        except PublishError as exc:
            if exc.retryable:
                raise
            if self.connection.adopt_newer("refresh_token"):
                # Another ClinicStudio renewed first (X refresh tokens work once): use its pair.
                if float(secrets.get("expires_at") or 0) < time.time() + 60:
                    self.refresh()
                return
            raise reconnect_error("X", code="refresh_refused") from exc
        secrets.update(renewed)
        self.connection.save_secrets(dict(secrets))

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            return self.api.call(method, path, headers=self._headers(), **kwargs)
        except PublishError as exc:
            if not exc.reconnect:
                raise
        # The access token may have been revoked early: renew it once and try again.
        self.refresh()
        return self.api.call(method, path, headers=self._headers(), **kwargs)

    def publish(self, post: OutgoingPost) -> Published:
        body: dict[str, Any] = {"text": post.text}
        for image in post.images:
            check_image_size("X", image.data, image.name, IMAGE_LIMIT)
        if post.images:
            body["media"] = {"media_ids": [self._upload(image.data, image.mime_type,
                                                        image.alt_text, image.name)
                                           for image in post.images]}
        if post.reply_to is not None:
            # An answer goes into the conversation it answers, never into the feed as new.
            body["reply"] = {"in_reply_to_tweet_id": post.reply_to.remote_id}
        response = self._call("POST", "2/tweets", json=body, sends_post=True)
        post_id = str(json_body(response)["data"]["id"])
        return Published(post_id, self._url(post_id))

    def inbox(self) -> XInbox:
        from clinicstudio.platforms.api.x_inbox import XInbox

        return XInbox(self)
    def delete(self, remote_id: str) -> None:
        """Take a post down (DELETE /2/tweets/:id); an already deleted one is fine."""
        self._call("DELETE", f"2/tweets/{remote_id}", ok=(200, 404))

    def _upload(self, data: bytes, mime_type: str, alt_text: str, name: str) -> str:
        response = self._call("POST", "2/media/upload", data={"media_category": "tweet_image"},
                              files={"media": (name, data, mime_type)})
        media_id = str(json_body(response)["data"]["id"])
        if alt_text:
            self._call("POST", "2/media/metadata", json={
                "id": media_id, "metadata": {"alt_text": {"text": alt_text[:1000]}}})
        return media_id

    def _url(self, post_id: str) -> str:
        return f"https://x.com/{self.connection.handle or 'i/web'}/status/{post_id}"

    def find_existing(self, post: OutgoingPost, since: datetime) -> Published | None:
        response = self._call("GET", f"2/users/{self.connection.remote_id}/tweets",
                              params={"max_results": 10, "tweet.fields": "created_at"})
        for item in json_body(response).get("data") or []:
            if same_text(post.text, str(item.get("text", ""))) and made_since(
                    item.get("created_at"), since):
                return Published(str(item["id"]), self._url(str(item["id"])))
        return None
