"""A loopback X API v2: OAuth 2.0 with PKCE and rotating refresh tokens, media, posts, errors."""

from __future__ import annotations

import itertools
import secrets
import time
from typing import Any

from tests.helpers.fake_oauth import PkceAuthority
from tests.helpers.fake_server import FakeNetwork, Reply, Request, created_now


def problem(status: int, title: str, detail: str, kind: str = "about:blank") -> Reply:
    return Reply(status, {"title": title, "detail": detail, "type": kind, "status": status})


UNAUTHORIZED = problem(401, "Unauthorized", "Unauthorized")
DUPLICATE = problem(403, "Forbidden",
                    "You are not allowed to create a Tweet with duplicate content.")


def rate_limited(reset_in: int = 1) -> Reply:
    return Reply(429, {"title": "Too Many Requests", "detail": "Too Many Requests",
                       "type": "about:blank", "status": 429},
                 {"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0",
                  "x-rate-limit-reset": str(int(time.time()) + reset_in)})


class FakeX(FakeNetwork):
    label = "X"
    user_id = "2244994945"
    username = "maplefamilyclinic"
    client_id = "clinicstudio-test-client"

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(latency)
        self.ids = itertools.count(1790000000000000000)
        self.oauth = PkceAuthority()
        self.access_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.media: dict[str, dict[str, Any]] = {}

    def issue(self, access_ttl: int = 7200) -> dict[str, Any]:
        access, refresh = secrets.token_urlsafe(20), secrets.token_urlsafe(20)
        self.access_tokens.add(access)
        self.refresh_tokens.add(refresh)
        return {"token_type": "bearer", "expires_in": access_ttl, "access_token": access,
                "refresh_token": refresh, "scope": "tweet.read tweet.write users.read"}

    def handle(self, request: Request) -> Reply:
        method, path = request.method, request.path
        if method == "GET" and path == "/i/oauth2/authorize":
            return self.oauth.consent(request)
        if method == "POST" and path == "/2/oauth2/token":
            return self.token(request)
        if request.bearer not in self.access_tokens:
            return UNAUTHORIZED
        if method == "GET" and path == "/2/users/me":
            return Reply(200, {"data": {"id": self.user_id, "username": self.username,
                                        "name": "Maple Family Clinic"}})
        if method == "POST" and path == "/2/media/upload":
            if "media" not in request.files:
                return problem(400, "Invalid Request", "media is required")
            media_id = str(next(self.ids))
            self.media[media_id] = {"bytes": request.files["media"], "alt": ""}
            return Reply(200, {"data": {"id": media_id, "media_key": f"3_{media_id}",
                                        "size": len(request.files["media"]),
                                        "expires_after_secs": 86400}})
        if method == "POST" and path == "/2/media/metadata":
            item = self.media.get(request.json["id"])
            if item is None:
                return problem(400, "Invalid Request", "unknown media id")
            item["alt"] = request.json["metadata"]["alt_text"]["text"]
            return Reply(200, {"data": {"id": request.json["id"]}})
        if method == "POST" and path == "/2/tweets":
            return self.create(request)
        if method == "DELETE" and path.startswith("/2/tweets/"):
            found = next((p for p in self.published if p["id"] == path.rsplit("/", 1)[-1]), None)
            if found is None:
                return problem(404, "Not Found Error", "Could not find tweet")
            self.published.remove(found)
            self.deleted.append(found)
            return Reply(200, {"data": {"deleted": True}})
        if method == "GET" and path == f"/2/users/{self.user_id}/tweets":
            return Reply(200, {"data": [
                {"id": p["id"], "text": p["text"],
                 "created_at": p.get("created_at") or created_now()}
                for p in reversed(self.published)]})
        return problem(404, "Not Found Error", f"no route {path}")

    def token(self, request: Request) -> Reply:
        if request.param("client_id") != self.client_id:
            return Reply(401, {"error": "unauthorized_client"})
        grant = request.param("grant_type")
        if grant == "authorization_code" and self.oauth.redeem(request):
            return Reply(200, self.issue())
        if grant == "refresh_token" and request.param("refresh_token") in self.refresh_tokens:
            self.refresh_tokens.discard(request.param("refresh_token"))  # rotation: used once
            return Reply(200, self.issue())
        return Reply(400, {"error": "invalid_request",
                           "error_description": "Value passed for the token was invalid."})

    def create(self, request: Request) -> Reply:
        body = request.json or {}
        unknown = set(body) - {"text", "media", "reply", "reply_settings"}
        if unknown:
            return problem(400, "Invalid Request", f"unknown fields {sorted(unknown)}")
        if any(p["text"] == body.get("text") for p in self.published):
            return DUPLICATE
        media_ids = (body.get("media") or {}).get("media_ids", [])
        if any(m not in self.media for m in media_ids) or len(media_ids) > 4:
            return problem(400, "Invalid Request", "bad media_ids")
        post_id = str(next(self.ids))
        self.published.append({"id": post_id, "text": body["text"], "media_ids": media_ids,
                               "created_at": created_now(),
                               "alts": [self.media[m]["alt"] for m in media_ids]})
        return Reply(201, {"data": {"id": post_id, "text": body["text"],
                                    "edit_history_tweet_ids": [post_id]}})
