"""A loopback Google Business Profile API (v4 reviews) and Google's OAuth token endpoint."""

from __future__ import annotations

import itertools
import secrets
from typing import Any

from tests.helpers.fake_server import FakeNetwork, Reply, Request, created_now


def google_error(status: int, kind: str, message: str,
                 headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"error": {"code": status, "message": message, "status": kind}},
                 headers or {})


def rate_limited(retry_after: int = 60) -> Reply:
    return google_error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric "
                        "'Requests' and limit 'Requests per minute'",
                        {"Retry-After": str(retry_after)})


class FakeGoogle(FakeNetwork):
    label = "Google"
    location = "accounts/108000000000000000001/locations/4433221100"
    client_id = "clinicstudio.apps.googleusercontent.com"
    client_secret = "GOCSPX-test-secret"
    refresh_token = "1//google-refresh"

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(latency)
        self.ids = itertools.count(1)
        self.tokens: set[str] = set()
        self.reviews: dict[str, dict[str, Any]] = {}

    def add_review(self, text: str, name: str = "Pat Rivera", stars: str = "TWO",
                   anonymous: bool = False) -> str:
        review_id = f"AbFvOq{next(self.ids):06d}"
        full = f"{self.location}/reviews/{review_id}"
        self.reviews[full] = {
            "name": full, "reviewId": review_id, "starRating": stars, "comment": text,
            "reviewer": {"displayName": name, "isAnonymous": anonymous},
            "createTime": created_now(), "updateTime": created_now()}
        return full

    def handle(self, request: Request) -> Reply:
        if request.method == "POST" and request.path == "/token":
            if (request.param("client_id"), request.param("client_secret"),
                    request.param("refresh_token")) != (self.client_id, self.client_secret,
                                                        self.refresh_token):
                return Reply(400, {"error": "invalid_grant",
                                   "error_description": "Token has been expired or revoked."})
            token = "ya29." + secrets.token_urlsafe(12)
            self.tokens.add(token)
            return Reply(200, {"access_token": token, "expires_in": 3599,
                               "token_type": "Bearer", "scope": "business.manage"})
        if request.bearer not in self.tokens:
            return google_error(401, "UNAUTHENTICATED", "Request had invalid authentication "
                                "credentials.")
        path = request.path.removeprefix("/v4/")
        if request.method == "GET" and path == f"{self.location}/reviews":
            return Reply(200, {"reviews": list(reversed(self.reviews.values())),
                               "averageRating": 3.5, "totalReviewCount": len(self.reviews)})
        if request.method == "PUT" and path.endswith("/reply"):
            review = self.reviews.get(path.removesuffix("/reply"))
            if review is None:
                return google_error(404, "NOT_FOUND", "Requested entity was not found.")
            comment = str((request.json or {}).get("comment", ""))
            if not comment.strip() or len(comment) > 4096:
                return google_error(400, "INVALID_ARGUMENT", "Request contains an invalid "
                                    "argument.")
            review["reviewReply"] = {"comment": comment, "updateTime": created_now()}
            self.published.append({"review": review["name"], "comment": comment})
            return Reply(200, review["reviewReply"])
        return google_error(404, "NOT_FOUND", f"no route {request.path}")
