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
        # Posts by other people (replies, mentions, quotes), and which ones the clinic hid.
        self.others: dict[str, dict[str, Any]] = {}
        self.hidden: set[str] = set()
        # What X counts: post id -> {"like_count": .., "url_link_clicks": ..}; followers.
        self.counts: dict[str, dict[str, int]] = {}
        self.follower_count = 0
        # Posts older than X's 30-day window for non-public metrics.
        self.old_posts: set[str] = set()
        self.remaining = 900

    def common_headers(self) -> dict[str, str]:
        return {"x-rate-limit-limit": "900", "x-rate-limit-remaining": str(self.remaining),
                "x-rate-limit-reset": str(int(time.time()) + 900)}

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
            data: dict[str, Any] = {"id": self.user_id, "username": self.username,
                                    "name": "Maple Family Clinic"}
            if "public_metrics" in request.query.get("user.fields", ""):
                data["public_metrics"] = {"followers_count": self.follower_count,
                                          "following_count": 12, "tweet_count": 40}
            return Reply(200, {"data": data})
        if method == "GET" and path == "/2/tweets":
            return self.lookup(request)
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
        if method == "GET" and path == f"/2/users/{self.user_id}/mentions":
            return self.listing([t for t in self.others.values() if t["mentions_clinic"]])
        if method == "GET" and path == "/2/tweets/search/recent":
            conversation = request.query.get("query", "").removeprefix("conversation_id:")
            return self.listing([t for t in self.everyone()
                                 if t["conversation_id"] == conversation
                                 and t["id"] != conversation])
        if method == "PUT" and path.startswith("/2/tweets/") and path.endswith("/hidden"):
            tweet_id = path.split("/")[3]
            if tweet_id not in self.others:
                return problem(404, "Not Found Error", "Could not find tweet")
            self.hidden.add(tweet_id)
            return Reply(200, {"data": {"hidden": True}})
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

    def lookup(self, request: Request) -> Reply:
        """``GET /2/tweets?ids=..&tweet.fields=public_metrics,non_public_metrics``."""
        ids = [i for i in request.query.get("ids", "").split(",") if i]
        if not 1 <= len(ids) <= 100:
            return problem(400, "Invalid Request", "ids must have between 1 and 100 items")
        fields = request.query.get("tweet.fields", "").split(",")
        if "non_public_metrics" in fields and any(i in self.old_posts for i in ids):
            return problem(400, "Invalid Request", "non_public_metrics are only available for "
                           "Posts created in the last 30 days",
                           "https://api.x.com/2/problems/invalid-request")
        data = []
        for post in self.published:
            if post["id"] not in ids:
                continue
            counts = self.counts.get(post["id"], {})
            item: dict[str, Any] = {"id": post["id"], "text": post["text"]}
            if "public_metrics" in fields:
                item["public_metrics"] = {k: counts.get(k, 0) for k in (
                    "retweet_count", "reply_count", "like_count", "quote_count",
                    "bookmark_count", "impression_count")}
            if "non_public_metrics" in fields:
                item["non_public_metrics"] = {k: counts.get(k, 0) for k in (
                    "url_link_clicks", "user_profile_clicks", "engagements")}
            data.append(item)
        missing = [i for i in ids if i not in {d["id"] for d in data}]
        body: dict[str, Any] = {"data": data}
        if missing:
            body["errors"] = [{"value": i, "detail": f"Could not find tweet with ids: [{i}].",
                               "title": "Not Found Error", "resource_type": "tweet",
                               "type": "https://api.x.com/2/problems/resource-not-found"}
                              for i in missing]
        return Reply(200, body)

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
        reply_to = str((body.get("reply") or {}).get("in_reply_to_tweet_id") or "")
        if reply_to and reply_to not in {t["id"] for t in self.everyone()}:
            return problem(400, "Invalid Request", "The tweet you are replying to is not found")
        post_id = str(next(self.ids))
        conversation = next((t["conversation_id"] for t in self.everyone()
                             if t["id"] == reply_to), post_id)
        self.published.append({"id": post_id, "text": body["text"], "media_ids": media_ids,
                               "created_at": created_now(), "reply_to": reply_to,
                               "conversation_id": conversation, "author_id": self.user_id,
                               "alts": [self.media[m]["alt"] for m in media_ids]})
        return Reply(201, {"data": {"id": post_id, "text": body["text"],
                                    "edit_history_tweet_ids": [post_id]}})

    def everyone(self) -> list[dict[str, Any]]:
        return [*({**p, "conversation_id": p.get("conversation_id", p["id"])}
                  for p in self.published), *self.others.values()]

    def add_post(self, text: str, username: str = "jordanm", replying_to: str = "",
                 quoting: str = "") -> str:
        """Someone else posts: a reply to ``replying_to``, a quote of ``quoting``, or a mention."""
        tweet_id = str(next(self.ids))
        conversation = next((t["conversation_id"] for t in self.everyone()
                             if t["id"] == replying_to), tweet_id)
        refs = ([{"type": "replied_to", "id": replying_to}] if replying_to else []) + (
            [{"type": "quoted", "id": quoting}] if quoting else [])
        self.others[tweet_id] = {
            "id": tweet_id, "text": text, "author_id": str(abs(hash(username)) % 10**9),
            "username": username, "created_at": created_now(), "conversation_id": conversation,
            "referenced_tweets": refs,
            "mentions_clinic": bool(replying_to) or f"@{self.username}" in text}
        return tweet_id

    def listing(self, tweets: list[dict[str, Any]]) -> Reply:
        users = {t["author_id"]: {"id": t["author_id"], "username": t.get("username",
                                                                          self.username),
                                  "name": t.get("username", self.username).title()}
                 for t in tweets}
        data = [{k: t[k] for k in ("id", "text", "author_id", "created_at", "conversation_id")
                 if k in t} | {"referenced_tweets": t.get("referenced_tweets") or (
                     [{"type": "replied_to", "id": t["reply_to"]}] if t.get("reply_to") else [])}
                for t in tweets]
        return Reply(200, {"data": data, "includes": {"users": list(users.values())},
                           "meta": {"result_count": len(data)}})
