"""Google Business Profile reviews: read a location's reviews and answer them (v4 API).

``GET /v4/{location}/reviews`` lists reviews (``name``, ``reviewer``, ``starRating``,
``comment``, ``createTime``, ``reviewReply``); ``PUT /v4/{review}/reply`` with ``{"comment"}``
sets the business's one answer (``updateReply``). Putting the same answer again replaces it,
so a retry never leaves two answers. Access needs a Google OAuth client and a refresh token
with the ``business.manage`` scope, for a project Google has approved for this API.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests

from clinicstudio.platforms.api.errors import PublishError, reconnect_error
from clinicstudio.platforms.api.http import Api, json_body, server_side
from clinicstudio.platforms.api.incoming import Collected, IncomingItem, network_time

DEFAULT_GOOGLE_URL = "https://mybusiness.googleapis.com"
DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token"
LABEL = "Google"
STARS = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}


def translate_google_error(response: requests.Response) -> PublishError:
    error = json_body(response).get("error") or {}
    if isinstance(error, str):  # the token endpoint: {"error": "invalid_grant"}
        return reconnect_error(LABEL, code=error)
    status = str(error.get("status") or response.status_code)
    if response.status_code == 401:
        return reconnect_error(LABEL, code=status)
    common = server_side(response, LABEL, status)
    if common is not None:
        return common
    if response.status_code == 403:
        return PublishError("Google does not let ClinicStudio manage this Business Profile.",
                            "Check that the Business Profile API is approved for the Google "
                            "project and that the account manages this location, then connect "
                            "it again.", code=status)
    if response.status_code == 404:
        return PublishError("Google does not know this review or location any more.",
                            "It may have been removed; check the profile on Google.",
                            code=status)
    message = str(error.get("message") or "no reason given")
    return PublishError(f"Google refused ({message}).", "Check the answer and try again.",
                        code=status)


class GoogleReviews:
    """One Business Profile location's reviews, with a self-renewing access token."""

    def __init__(self, location: str, secrets: dict[str, Any], *, base_url: str = "",
                 token_url: str = "",
                 save_secrets: Callable[[dict[str, Any]], None] = lambda s: None) -> None:
        self.location = location.strip("/")
        self.secrets = secrets
        self.token_url = token_url or DEFAULT_TOKEN_URL
        self.save_secrets = save_secrets
        self.api = Api(LABEL, base_url or DEFAULT_GOOGLE_URL, translate_google_error,
                       secrets=lambda: [str(v) for v in self.secrets.values()
                                        if isinstance(v, str)])

    def close(self) -> None:
        self.api.close()

    def _headers(self) -> dict[str, str]:
        if float(self.secrets.get("expires_at") or 0) < time.time() + 60:
            body = json_body(self.api.call("POST", self.token_url, ok=(200,), data={
                "grant_type": "refresh_token", "client_id": self.secrets.get("client_id", ""),
                "client_secret": self.secrets.get("client_secret", ""),
                "refresh_token": self.secrets.get("refresh_token", "")}))
            self.secrets.update(access_token=str(body["access_token"]),
                                expires_at=time.time() + float(body.get("expires_in", 3600)))
            self.save_secrets(dict(self.secrets))
        return {"Authorization": f"Bearer {self.secrets['access_token']}"}

    def collect(self) -> Collected:
        found = Collected()
        seen: set[str] = set()
        token = ""
        for _page in range(20):  # 1,000 reviews is plenty for one clinic's location
            params: dict[str, Any] = {"pageSize": 50}
            if token:
                params["pageToken"] = token
            body = json_body(self.api.call("GET", f"v4/{self.location}/reviews",
                                           headers=self._headers(), params=params))
            for review in body.get("reviews") or []:
                seen.add(str(review["name"]))
                found.add(self._item(review))
            token = str(body.get("nextPageToken") or "")
            if not token:
                found.complete[self.location] = seen
                break
        return found

    def _item(self, review: dict[str, Any]) -> IncomingItem:
        reviewer = review.get("reviewer") or {}
        name = "A Google user" if reviewer.get("isAnonymous") else str(
            reviewer.get("displayName") or "A Google user")
        stars = STARS.get(str(review.get("starRating", "")), 0)
        return IncomingItem(
            remote_id=str(review["name"]), kind="review", author_name=name, author_handle="",
            author_id="", text=str(review.get("comment", "")),
            created_at=network_time(review.get("createTime")), remote_post_id=self.location,
            details={"stars": stars,
                     "replied": str((review.get("reviewReply") or {}).get("comment", ""))})

    def reply(self, review_name: str, text: str) -> None:
        """Set the business's answer to the review (replacing any earlier answer)."""
        self.api.call("PUT", f"v4/{review_name}/reply", headers=self._headers(),
                      json={"comment": text}, sends_post=True)

    def check(self) -> int:
        """Read one page to prove the connection works; returns the review count."""
        body = json_body(self.api.call("GET", f"v4/{self.location}/reviews",
                                       headers=self._headers(), params={"pageSize": 1}))
        return int(body.get("totalReviewCount") or 0)
