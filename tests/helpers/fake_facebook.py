"""A loopback Facebook Graph API for Page posts: photos, feed, permalinks, the error envelope."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

from tests.helpers.fake_server import FakeNetwork, Reply, Request
from tests.helpers.fake_targeting import facebook_search, facebook_targeting_problem

VERSION = "/v25.0"


def graph_error(code: int, message: str, subcode: int | None = None, status: int = 400) -> Reply:
    error: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code,
                             "fbtrace_id": "AbCdEf"}
    if subcode is not None:
        error["error_subcode"] = subcode
    return Reply(status, {"error": error})


EXPIRED = graph_error(190, "Error validating access token: Session has expired.", 463)


class FakeFacebook(FakeNetwork):
    label = "Facebook"
    page_id = "1001"
    page_token = "fb-page-token"

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(latency)
        self.ids = itertools.count(5000)
        self.photos: dict[str, bytes] = {}
        self.reject_duplicates = True

    @property
    def base_url(self) -> str:
        return self.url + VERSION

    def common_headers(self) -> dict[str, str]:
        return {"X-App-Usage": json.dumps({"call_count": 3, "total_cputime": 1,
                                           "total_time": 2})}

    def valid_token(self, token: str) -> bool:
        return token == self.page_token

    def handle(self, request: Request) -> Reply:
        path = request.path.removeprefix(VERSION).strip("/")
        if path.startswith("cdn/"):
            data = self.photos.get(path[4:].split(".")[0])
            return Reply(200, raw=data, content_type="image/jpeg") if data else Reply(404)
        if not self.valid_token(request.param("access_token")):
            return EXPIRED
        return self.route(request, path)

    def route(self, request: Request, path: str) -> Reply:
        page = self.page_id
        if request.method == "GET" and path == "me":
            return Reply(200, {"id": page, "name": "Maple Family Clinic"})
        if request.method == "POST" and path == f"{page}/photos":
            if request.param("published") != "false" or "source" not in request.files:
                return graph_error(100, "(#100) source or url required")
            photo_id = str(next(self.ids))
            self.photos[photo_id] = request.files["source"]
            return Reply(200, {"id": photo_id})
        if request.method == "POST" and path == f"{page}/feed":
            return self.create_post(request)
        if request.method == "GET" and path == "search":
            kinds = json.loads(request.param("location_types") or "[]")
            return Reply(200, {"data": facebook_search(request.param("type"),
                                                       request.param("q"), kinds)})
        if request.method == "GET" and path == f"{page}/published_posts":
            return Reply(200, {"data": [{"id": p["id"], "message": p["message"],
                                         "permalink_url": p["url"]} for p in self.published]})
        if request.method == "GET" and path in self.photos:
            return Reply(200, {"id": path, "images": [
                {"source": f"{self.url}/cdn/{path}.jpg", "width": 1080, "height": 1080}]})
        for post in self.published:
            if request.method == "GET" and path == post["id"]:
                return Reply(200, {"id": post["id"], "permalink_url": post["url"]})
        return graph_error(803, f"(#803) Some of the aliases you requested do not exist: {path}",
                           status=404)

    def create_post(self, request: Request) -> Reply:
        message = request.param("message")
        if self.reject_duplicates and any(p["message"] == message for p in self.published):
            return graph_error(506, "Duplicate status message")
        attached = json.loads(request.param("attached_media") or "[]")
        for item in attached:
            if item.get("media_fbid") not in self.photos:
                return graph_error(100, "(#100) invalid media_fbid")
        try:
            targeting = json.loads(request.param("targeting") or "null")
            feed = json.loads(request.param("feed_targeting") or "null")
        except json.JSONDecodeError:
            return graph_error(100, "(#100) Param targeting must be JSON")
        problem = facebook_targeting_problem(targeting, feed)
        if problem:
            return graph_error(100, f"(#100) {problem}")
        post_id = f"{self.page_id}_{next(self.ids)}"
        post = {"id": post_id, "message": message, "link": request.param("link"),
                "targeting": targeting, "feed_targeting": feed,
                "photos": [i["media_fbid"] for i in attached],
                "url": f"https://www.facebook.com/{self.page_id}/posts/{post_id.split('_')[1]}"}
        self.published.append(post)
        body = {"id": post_id}
        if "permalink_url" in request.param("fields"):
            body["permalink_url"] = post["url"]
        return Reply(200, body)


def is_numeric_id(text: str) -> bool:
    return bool(re.fullmatch(r"\d+", text))
