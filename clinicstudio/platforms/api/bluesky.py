"""Bluesky posts on bsky.social or a self-hosted PDS: live links, tags and mentions, up to four
images or one link card.

The session from the app password is kept and renewed with ``refreshSession``; a new login
happens only when the refresh token itself has run out (Bluesky limits logins per day). Every
post is written under a record key fixed when it entered the outbox, so a retry can look it up
and can never create a second copy.
"""

from __future__ import annotations

import base64
import json
import secrets as random
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import requests

from clinicstudio.domain import Platform
from clinicstudio.platforms.api.base import Connection, OutgoingImage, OutgoingPost, Published
from clinicstudio.platforms.api.bluesky_facets import facets
from clinicstudio.platforms.api.errors import PublishError, reconnect_error
from clinicstudio.platforms.api.http import Api, json_body, server_side

if TYPE_CHECKING:
    from clinicstudio.platforms.api.bluesky_inbox import BlueskyInbox

DEFAULT_BLUESKY_URL = "https://bsky.social"
COLLECTION = "app.bsky.feed.post"
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def make_tid(at: float | None = None) -> str:
    """A fresh AT Protocol record key: microseconds since 1970 and a random clock id."""
    micros = int((time.time() if at is None else at) * 1_000_000)
    value = (micros << 10) | random.randbelow(1024)
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def token_expiry(jwt: str) -> float:
    """When a session token runs out (its ``exp``), read without checking its signature."""
    try:
        payload = jwt.split(".")[1]
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return float(data["exp"])
    except (IndexError, ValueError, KeyError, TypeError):
        return 0.0


def shown_text(post: OutgoingPost) -> tuple[str, dict[str, str]]:
    """The words a reader sees (links as written, which keeps within 300 characters) and
    where each shown link leads (with its campaign tags)."""
    text = post.text
    targets = {}
    for tagged, shown in post.shown_links.items():
        if tagged in text:
            text = text.replace(tagged, shown)
            targets[shown] = tagged
    return text, targets


def tagged_facets(found: list[dict[str, Any]], text: str,
                  targets: Mapping[str, str]) -> list[dict[str, Any]]:
    """Link facets over the shown words lead to the tagged address (the campaign's UTM tags)."""
    if not targets:
        return found
    encoded = text.encode("utf-8")
    for facet in found:
        index = facet["index"]
        shown = encoded[index["byteStart"]:index["byteEnd"]].decode("utf-8", "replace")
        for feature in facet["features"]:
            if feature.get("$type") == "app.bsky.richtext.facet#link" and shown in targets:
                feature["uri"] = targets[shown]
    return found


def translate_bluesky_error(response: requests.Response) -> PublishError:
    body = json_body(response)
    kind = str(body.get("error", ""))
    message = str(body.get("message", ""))
    if kind in ("ExpiredToken", "InvalidToken", "AccountTakedown", "AuthenticationRequired") or (
            response.status_code == 401):
        return reconnect_error("Bluesky", code=kind or "401")
    common = server_side(response, "Bluesky", kind)
    if common is not None:
        return common
    if kind == "BlobTooLarge" or response.status_code == 413:
        return PublishError("An image is too large for Bluesky, even after shrinking it.",
                            "Save it smaller (under 1 MB), attach it again and publish again.",
                            code=kind or "413")
    return PublishError(f"Bluesky refused the post ({message or kind or 'no reason given'}).",
                        "Check the post and try again.", code=kind or str(response.status_code))


def create_session(base_url: str, identifier: str, password: str) -> dict[str, Any]:
    """Log in with a handle and app password; returns the secrets to keep."""
    api = Api("Bluesky", base_url or DEFAULT_BLUESKY_URL, translate_bluesky_error,
              secrets=lambda: [password])
    try:
        body = json_body(api.call("POST", "xrpc/com.atproto.server.createSession",
                                  json={"identifier": identifier, "password": password},
                                  ok=(200,)))
    except PublishError as exc:
        if exc.reconnect:
            raise PublishError("Bluesky did not accept that handle and app password.",
                               "Check both and try again (use an app password from Bluesky's "
                               "Settings, not your main password).", code=exc.code) from exc
        raise
    finally:
        api.close()
    return {"accessJwt": body["accessJwt"], "refreshJwt": body["refreshJwt"],
            "did": body["did"], "handle": body.get("handle", identifier),
            "pds": _pds_from(body.get("didDoc"))}


def _pds_from(did_doc: Any) -> str:
    for service in (did_doc or {}).get("service", []) if isinstance(did_doc, dict) else []:
        if str(service.get("id", "")).endswith("#atproto_pds"):
            return str(service.get("serviceEndpoint", ""))
    return ""


class BlueskyClient:
    network = Platform.BLUESKY
    max_images = 4

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.api = Api("Bluesky", connection.base_url or DEFAULT_BLUESKY_URL,
                       translate_bluesky_error, secrets=connection.secret_values)

    def close(self) -> None:
        self.api.close()

    @property
    def did(self) -> str:
        return str(self.connection.secrets.get("did") or self.connection.remote_id)

    def _auth(self) -> dict[str, str]:
        if token_expiry(str(self.connection.secrets.get("accessJwt", ""))) < time.time() + 60:
            self.refresh()
        return {"Authorization": f"Bearer {self.connection.secrets['accessJwt']}"}

    def refresh(self) -> None:
        secrets = self.connection.secrets
        try:
            body = json_body(self.api.call(
                "POST", "xrpc/com.atproto.server.refreshSession", ok=(200,),
                headers={"Authorization": f"Bearer {secrets.get('refreshJwt', '')}"}))
            renewed = {"accessJwt": body["accessJwt"], "refreshJwt": body["refreshJwt"]}
        except PublishError as exc:
            if exc.reconnect and self.connection.adopt_newer("refreshJwt"):
                return  # another ClinicStudio renewed the session first; use its tokens
            if not exc.reconnect or not secrets.get("app_password"):
                raise
            # The refresh token itself ran out (after 90 days): log in once more.
            renewed = create_session(self.api.base_url, str(secrets.get("handle")),
                                     str(secrets["app_password"]))
        secrets.update(renewed)
        self.connection.save_secrets(dict(secrets))

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        extra = kwargs.pop("headers", {})
        try:
            return self.api.call(method, path, headers={**extra, **self._auth()}, **kwargs)
        except PublishError as exc:
            if not exc.reconnect:
                raise
        self.refresh()
        return self.api.call(method, path, headers={**extra, **self._auth()}, **kwargs)

    def _url(self, rkey: str) -> str:
        who = self.connection.handle or self.connection.secrets.get("handle") or self.did
        return f"https://bsky.app/profile/{who}/post/{rkey}"

    def publish(self, post: OutgoingPost) -> Published:
        rkey = post.idempotency_key
        text, targets = shown_text(post)
        record: dict[str, Any] = {"$type": COLLECTION, "text": text,
                                  "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                                  "langs": ["en"]}
        found = tagged_facets(facets(text, self.resolve_handle), text, targets)
        if found:
            record["facets"] = found
        if post.reply_to is not None:
            # An answer sits in the thread under the post it answers, never in the feed.
            from clinicstudio.platforms.api.bluesky_inbox import reply_refs

            record["reply"] = reply_refs(post.reply_to)
        if post.images:
            record["embed"] = {"$type": "app.bsky.embed.images", "images": [
                {"image": self._upload(image), "alt": image.alt_text,
                 "aspectRatio": {"width": image.width, "height": image.height}}
                for image in post.images]}
        elif post.link_card is not None:  # one embed per post: images win over a card
            card = post.link_card
            external: dict[str, Any] = {"uri": card.url, "title": card.title,
                                        "description": card.description}
            if card.thumbnail is not None:
                external["thumb"] = self._upload(card.thumbnail)
            record["embed"] = {"$type": "app.bsky.embed.external", "external": external}
        try:
            body = json_body(self._call("POST", "xrpc/com.atproto.repo.createRecord", json={
                "repo": self.did, "collection": COLLECTION, "rkey": rkey, "record": record},
                sends_post=True))
        except PublishError as exc:
            if exc.retryable or exc.reconnect:
                raise
            # A record already under this key is our own earlier attempt.
            existing = self.find_existing(post, datetime.now(UTC))
            if existing is None:
                raise
            return existing
        return Published(str(body.get("uri", "")), self._url(rkey))

    def inbox(self) -> BlueskyInbox:
        from clinicstudio.platforms.api.bluesky_inbox import BlueskyInbox

        return BlueskyInbox(self)

    def delete(self, remote_id: str) -> None:
        """Take a post down (com.atproto.repo.deleteRecord); an already deleted one is fine."""
        rkey = remote_id.rstrip("/").rsplit("/", 1)[-1]
        self._call("POST", "xrpc/com.atproto.repo.deleteRecord", ok=(200,), json={
            "repo": self.did, "collection": COLLECTION, "rkey": rkey})

    def _upload(self, image: OutgoingImage) -> dict[str, Any]:
        """Upload an image already prepared for Bluesky (media.prepare_for_upload)."""
        response = self._call("POST", "xrpc/com.atproto.repo.uploadBlob", data=image.data,
                              headers={"Content-Type": image.mime_type})
        return dict(json_body(response)["blob"])

    def resolve_handle(self, handle: str) -> str | None:
        """The DID of the account behind ``handle``, or None when no account has it."""
        response = self._call("GET", "xrpc/com.atproto.identity.resolveHandle",
                              params={"handle": handle}, ok=(200, 400, 404))
        if response.status_code != 200:
            return None
        did = json_body(response).get("did")
        return str(did) if did else None

    def find_existing(self, post: OutgoingPost, since: datetime) -> Published | None:
        response = self._call("GET", "xrpc/com.atproto.repo.getRecord", ok=(200, 400, 404),
                              params={"repo": self.did, "collection": COLLECTION,
                                      "rkey": post.idempotency_key})
        if response.status_code != 200:
            return None
        return Published(str(json_body(response).get("uri", "")), self._url(post.idempotency_key))

