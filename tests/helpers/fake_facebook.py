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


class MetaComments:
    """Comments, replies, hiding and deleting as the Graph API does them (Facebook flavour).

    Mixed into the Facebook and Instagram fakes; Instagram overrides the listing and reply
    shapes (``replies`` instead of nested ``comments``).
    """

    comments: dict[str, dict[str, Any]]
    removed: dict[str, dict[str, Any]]
    ratings: list[dict[str, Any]]
    ids: Any
    page_id: str
    published: list[dict[str, Any]]

    def add_comment(self, on: str, text: str, name: str = "Jordan Miles",
                    user_id: str = "9001", parent: str = "", when: str = "") -> str:
        """Someone comments on post ``on`` (or replies to comment ``parent`` under it)."""
        comment_id = f"{on.split('_')[-1]}_{next(self.ids)}"
        self.comments[comment_id] = {
            "id": comment_id, "post": on, "message": text, "parent": parent,
            "from": {"id": user_id, "name": name}, "username": name.lower().replace(" ", ""),
            "created_time": when or "2026-12-01T15:04:05+0000", "is_hidden": False}
        return comment_id

    def add_rating(self, text: str, name: str = "Pat Rivera", kind: str = "negative") -> str:
        story = f"{self.page_id}_{next(self.ids)}"
        self.ratings.append({"reviewer": {"id": "7001", "name": name},
                             "created_time": "2026-11-30T10:00:00+0000",
                             "recommendation_type": kind, "review_text": text,
                             "open_graph_story": {"id": story}})
        return story

    def replies_to(self, target: str) -> list[dict[str, Any]]:
        return [c for c in self.comments.values() if c["parent"] == target
                and c["from"]["id"] == self.page_id]

    def listing(self, on: str, request: Request) -> Reply:
        stream = request.param("filter") == "stream"
        found = [self.view(c) for c in self.comments.values()
                 if (c["post"] == on and (stream or not c["parent"])) or c["parent"] == on]
        return Reply(200, {"data": found, "paging": {}})

    @staticmethod
    def view(comment: dict[str, Any]) -> dict[str, Any]:
        body = {k: comment[k] for k in ("id", "message", "from", "created_time")}
        if comment["parent"]:
            body["parent"] = {"id": comment["parent"]}
        return body

    def route_comments(self, request: Request, path: str) -> Reply | None:
        parts = path.split("/")
        known_objects = {p["id"] for p in self.published} | set(self.comments) | {
            r["open_graph_story"]["id"] for r in self.ratings}
        if request.method == "GET" and path == f"{self.page_id}/ratings":
            return Reply(200, {"data": self.ratings})
        if len(parts) == 2 and parts[1] in ("comments", "replies") and \
                parts[0] in known_objects | self.removed.keys():
            if parts[0] in self.removed:
                return graph_error(100, "(#100) Object does not exist", status=400)
            if request.method == "GET":
                return self.listing(parts[0], request)
            if request.method == "POST":
                return self.reply(parts[0], request)
        if len(parts) == 1 and path in self.comments:
            comment = self.comments[path]
            if request.method == "DELETE":
                self.removed[path] = self.comments.pop(path)
                return Reply(200, {"success": True})
            if request.method == "POST":
                comment["is_hidden"] = request.param("is_hidden") == "true" or \
                    request.param("hide") == "true"
                return Reply(200, {"success": True})
        return None

    def reply(self, target: str, request: Request) -> Reply:
        text = request.param("message")
        if not text.strip():
            return graph_error(100, "(#100) The parameter message is required")
        post = self.comments[target]["post"] if target in self.comments else target
        parent = self.comments[target]["parent"] if target in self.comments else ""
        if parent:
            return graph_error(100, "(#100) Replies can only be made to top-level comments")
        reply_id = self.add_comment(post, text, name="Maple Family Clinic",
                                    user_id=self.page_id, parent=target)
        return Reply(200, {"id": reply_id})


class FakeFacebook(MetaComments, FakeNetwork):
    label = "Facebook"
    page_id = "1001"
    page_token = "fb-page-token"

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(latency)
        self.ids = itertools.count(5000)
        self.photos: dict[str, bytes] = {}
        self.reject_duplicates = True
        # Comments on the Page's posts (and replies), by id; removed ones are kept in ``removed``.
        self.comments: dict[str, dict[str, Any]] = {}
        self.removed: dict[str, dict[str, Any]] = {}
        self.ratings: list[dict[str, Any]] = []
        # What Meta counts: post id -> {"reactions": .., "comments": .., "shares": ..,
        # "post_media_view": .., ...}; the Page's followers; whether insights are allowed.
        self.counts: dict[str, dict[str, int]] = {}
        self.follower_count = 0
        self.insights_allowed = True
        self.call_count = 3

    @property
    def base_url(self) -> str:
        return self.url + VERSION

    def common_headers(self) -> dict[str, str]:
        return {"X-App-Usage": json.dumps({"call_count": self.call_count, "total_cputime": 1,
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
        comments = self.route_comments(request, path)
        if comments is not None:
            return comments
        if request.method == "GET" and path == page and "followers_count" in request.param(
                "fields"):
            return Reply(200, {"id": page, "followers_count": self.follower_count})
        metrics = self.metrics(request, path)
        if metrics is not None:
            return metrics
        if request.method == "GET" and path in self.photos:
            return Reply(200, {"id": path, "images": [
                {"source": f"{self.url}/cdn/{path}.jpg", "width": 1080, "height": 1080}]})
        for post in self.published:
            if request.method == "DELETE" and path == post["id"]:
                self.published.remove(post)
                self.deleted.append(post)
                return Reply(200, {"success": True})
            if request.method == "GET" and path == post["id"]:
                return Reply(200, {"id": post["id"], "permalink_url": post["url"]})
        return graph_error(803, f"(#803) Some of the aliases you requested do not exist: {path}",
                           status=404)

    def metrics(self, request: Request, path: str) -> Reply | None:
        """A post's counts (``?fields=shares,comments.summary(true)..``) and its insights."""
        if request.method != "GET":
            return None
        post_id, _, edge = path.partition("/")
        post = next((p for p in self.published if p["id"] == post_id), None)
        if post is None:
            return None
        counts = self.counts.get(post_id, {})
        if edge == "insights":
            if not self.insights_allowed:
                return graph_error(10, "(#10) Application does not have permission for this "
                                   "action", status=403)
            names = request.param("metric").split(",")
            retired = [n for n in names if "impressions" in n]
            if retired:
                return graph_error(100, f"(#100) The value must be a valid insights metric: "
                                   f"{retired[0]}")
            return Reply(200, {"data": [
                {"name": n, "period": "lifetime", "values": [{"value": counts.get(n, 0)}],
                 "id": f"{post_id}/insights/{n}/lifetime"} for n in names]})
        if edge or "summary" not in request.param("fields"):
            return None
        body: dict[str, Any] = {"id": post_id,
                                "comments": {"data": [], "summary": {
                                    "total_count": counts.get("comments", 0)}},
                                "reactions": {"data": [], "summary": {
                                    "total_count": counts.get("reactions", 0)}}}
        if counts.get("shares"):  # Facebook leaves shares out until someone shares
            body["shares"] = {"count": counts["shares"]}
        return Reply(200, body)

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
