"""A loopback Mastodon instance: app registration, OAuth with PKCE, media, Idempotency-Key."""

from __future__ import annotations

import html
import itertools
import secrets
from datetime import UTC, datetime, timedelta

from tests.helpers.fake_oauth import PkceAuthority
from tests.helpers.fake_server import FakeNetwork, Reply, Request, created_now

INVALID_TOKEN = Reply(401, {"error": "The access token is invalid"})


def rate_limited(reset_in: int = 1) -> Reply:
    reset = (datetime.now(UTC) + timedelta(seconds=reset_in)).isoformat()
    return Reply(429, {"error": "Too many requests"},
                 {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
                  "X-RateLimit-Reset": reset})


class FakeMastodon(FakeNetwork):
    label = "Mastodon"
    account_id = "109000000000000001"

    def __init__(self, latency: float = 0.0, media_processing_polls: int = 0) -> None:
        super().__init__(latency)
        self.ids = itertools.count(110000000000000000)
        self.oauth = PkceAuthority()
        self.apps: dict[str, str] = {}
        self.tokens = {"masto-token"}
        self.media: dict[str, dict[str, object]] = {}
        self.by_key: dict[str, dict[str, object]] = {}
        self.processing_polls = media_processing_polls
        #: What the server says in /api/v2/instance (configuration.media_attachments).
        self.image_size_limit = 16 * 1024 * 1024
        # Everyone's statuses by id (the clinic's too), and the clinic's notifications.
        self.statuses: dict[str, dict[str, object]] = {}
        self.notifications: list[dict[str, object]] = []
        # What the server counts: status id -> {"favourites_count": .., ...}; followers.
        self.counts: dict[str, dict[str, int]] = {}
        self.follower_count = 0
        self.quotes_supported = True

    def common_headers(self) -> dict[str, str]:
        reset = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
        return {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "299",
                "X-RateLimit-Reset": reset}

    def handle(self, request: Request) -> Reply:
        method, path = request.method, request.path
        if method == "POST" and path == "/api/v1/apps":
            client_id = secrets.token_urlsafe(12)
            self.apps[client_id] = secrets.token_urlsafe(12)
            return Reply(200, {"id": "1", "name": request.param("client_name"),
                               "client_id": client_id, "client_secret": self.apps[client_id],
                               "client_secret_expires_at": 0,
                               "redirect_uris": [request.param("redirect_uris")]})
        if method == "GET" and path == "/oauth/authorize":
            return self.oauth.consent(request)
        if method == "POST" and path == "/oauth/token":
            if self.apps.get(request.param("client_id")) != request.param("client_secret") \
                    or not self.oauth.redeem(request):
                return Reply(400, {"error": "invalid_grant"})
            token = secrets.token_urlsafe(20)
            self.tokens.add(token)
            return Reply(200, {"access_token": token, "token_type": "Bearer",
                               "scope": request.param("scope"), "created_at": 0})
        if method == "GET" and path == "/api/v2/instance":
            return Reply(200, {"domain": "127.0.0.1", "configuration": {"statuses": {
                "max_characters": 500, "max_media_attachments": 4,
                "characters_reserved_per_url": 23}, "media_attachments": {
                "image_size_limit": self.image_size_limit, "image_matrix_limit": 33177600}}})
        if request.bearer not in self.tokens:
            return INVALID_TOKEN
        if method == "GET" and path == "/api/v1/accounts/verify_credentials":
            return Reply(200, {"id": self.account_id, "acct": "maple",
                               "display_name": "Maple Family Clinic",
                               "followers_count": self.follower_count})
        if method == "GET" and path.startswith("/api/v1/statuses/"):
            return self.status(path.rsplit("/", 1)[-1])
        if method == "POST" and path == "/api/v2/media":
            media_id = str(next(self.ids))
            self.media[media_id] = {"description": request.param("description"),
                                    "polls": self.processing_polls}
            status = 202 if self.processing_polls else 200
            return Reply(status, {"id": media_id, "type": "image", "url": None,
                                  "description": request.param("description")})
        if method == "GET" and path.startswith("/api/v1/media/"):
            item = self.media.get(path.rsplit("/", 1)[-1])
            if item is None:
                return Reply(404, {"error": "Record not found"})
            if int(item["polls"]) > 0:  # type: ignore[call-overload]
                item["polls"] = int(item["polls"]) - 1  # type: ignore[call-overload]
                return Reply(206, {"id": path.rsplit("/", 1)[-1], "url": None})
            return Reply(200, {"id": path.rsplit("/", 1)[-1], "url": "https://files/x.jpg"})
        if method == "POST" and path == "/api/v1/statuses":
            return self.create(request)
        if method == "GET" and path.startswith("/api/v1/statuses/") and path.endswith("/context"):
            status_id = path.split("/")[4]
            if status_id not in self.statuses:
                return Reply(404, {"error": "Record not found"})
            return Reply(200, {"ancestors": [], "descendants": self.descendants(status_id)})
        if method == "GET" and path == "/api/v1/notifications":
            return Reply(200, list(reversed(self.notifications)))
        if method == "DELETE" and path.startswith("/api/v1/statuses/"):
            status_id = path.rsplit("/", 1)[-1]
            found = next((s for s in self.published if s["id"] == status_id), None)
            if found is None:
                return Reply(404, {"error": "Record not found"})
            self.published.remove(found)
            self.deleted.append(found)
            return Reply(200, {**found, "text": found["content"]})
        if method == "GET" and path == f"/api/v1/accounts/{self.account_id}/statuses":
            return Reply(200, [s for s in reversed(self.published)])
        return Reply(404, {"error": "Record not found"})

    def status(self, status_id: str) -> Reply:
        """``GET /api/v1/statuses/:id``: the status with its counters."""
        status = next((s for s in self.published if s["id"] == status_id), None)
        if status is None:
            return Reply(404, {"error": "Record not found"})
        counts = {"replies_count": 0, "reblogs_count": 0, "favourites_count": 0,
                  **({"quotes_count": 0} if self.quotes_supported else {}),
                  **self.counts.get(status_id, {})}
        return Reply(200, {**status, **counts})

    def create(self, request: Request) -> Reply:
        key = request.header("idempotency-key")
        if key and key in self.by_key:
            return Reply(200, self.by_key[key])  # the original, not a second post
        text = request.param("status")
        if not text.strip():
            return Reply(422, {"error": "Validation failed: Text can't be blank"})
        parent = request.param("in_reply_to_id")
        if parent and parent not in self.statuses:
            return Reply(404, {"error": "Record not found"})
        media_ids = request.form.get("media_ids[]", [])
        if any(m not in self.media for m in media_ids):
            return Reply(422, {"error": "Validation failed: media not found"})
        status_id = str(next(self.ids))
        status = {"id": status_id, "uri": f"{self.url}/users/maple/statuses/{status_id}",
                  "url": f"{self.url}/@maple/{status_id}",
                  "content": "<p>" + html.escape(text).replace("\n", "<br />") + "</p>",
                  "visibility": request.param("visibility"), "created_at": created_now(),
                  "media_attachments": [{"id": m, "description": self.media[m]["description"]}
                                        for m in media_ids], "card": None,
                  "in_reply_to_id": parent or None,
                  "account": {"id": self.account_id, "acct": "maple",
                              "display_name": "Maple Family Clinic"}}
        self.published.append(status)
        self.statuses[status_id] = status
        if key:
            self.by_key[key] = status
        return Reply(200, status)

    def add_reply(self, in_reply_to: str, text: str, acct: str = "jordan@social.example",
                  name: str = "Jordan Miles", notify: bool = True) -> str:
        """Someone answers a status; the clinic hears of it by a mention notification."""
        status_id = str(next(self.ids))
        self.statuses[status_id] = {
            "id": status_id, "in_reply_to_id": in_reply_to, "created_at": created_now(),
            "content": "<p>" + html.escape(text) + "</p>",
            "url": f"https://social.example/@{acct.split('@')[0]}/{status_id}",
            "account": {"id": str(abs(hash(acct)) % 10**9), "acct": acct,
                        "display_name": name}}
        if notify:
            self.notifications.append({"id": str(next(self.ids)), "type": "mention",
                                       "created_at": created_now(),
                                       "account": self.statuses[status_id]["account"],
                                       "status": self.statuses[status_id]})
        return status_id

    def descendants(self, status_id: str) -> list[dict[str, object]]:
        found: list[dict[str, object]] = []
        for child in [s for s in self.statuses.values() if s.get("in_reply_to_id") == status_id]:
            found.append(child)
            found.extend(self.descendants(str(child["id"])))
        return found
