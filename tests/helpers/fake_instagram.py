"""A loopback Instagram Content Publishing API (Facebook Login flavour, on the Graph host).

It also answers the linked Page's photo calls, because ClinicStudio hosts Instagram's images as
unpublished Page photos; containers take their image from the ``image_url`` they are given,
which must be one of those photos' CDN addresses.
"""

from __future__ import annotations

from typing import Any

from tests.helpers.fake_facebook import FakeFacebook, graph_error
from tests.helpers.fake_server import Reply, Request, created_now


class FakeInstagram(FakeFacebook):
    label = "Instagram"
    ig_user = "17841400000000001"

    def __init__(self, latency: float = 0.0, polls_in_progress: int = 0) -> None:
        super().__init__(latency)
        self.containers: dict[str, dict[str, Any]] = {}
        self.polls_in_progress = polls_in_progress

    def route(self, request: Request, path: str) -> Reply:
        ig = self.ig_user
        if request.method == "GET" and path == self.page_id and "instagram" in request.param(
                "fields"):
            return Reply(200, {"id": self.page_id, "instagram_business_account": {
                "id": ig, "username": "maplefamilyclinic"}})
        if request.method == "GET" and path == ig and "followers_count" in request.param(
                "fields"):
            return Reply(200, {"id": ig, "followers_count": self.follower_count})
        media_metrics = self.media_metrics(request, path)
        if media_metrics is not None:
            return media_metrics
        if request.method == "POST" and path == f"{ig}/media":
            return self.create_container(request)
        if request.method == "POST" and path == f"{ig}/media_publish":
            container = self.containers.get(request.param("creation_id"))
            if container is None or container["status"] != "FINISHED":
                return graph_error(9007, "Media ID is not available", 2207027)
            container["status"] = "PUBLISHED"
            media_id = str(next(self.ids))
            self.published.append({"id": media_id, "caption": container["caption"],
                                   "timestamp": created_now().replace("Z", "+0000"),
                                   "children": container["children"],
                                   "alt": container["alt_text"],
                                   "url": f"https://www.instagram.com/p/C{media_id}/"})
            return Reply(200, {"id": media_id})
        if request.method == "GET" and path == f"{ig}/media":
            return Reply(200, {"data": [
                {"id": p["id"], "caption": p["caption"], "permalink": p["url"],
                 "timestamp": p.get("timestamp") or created_now().replace("Z", "+0000")}
                for p in self.published]})
        if request.method == "GET" and path in self.containers:
            container = self.containers[path]
            if container["polls"] > 0:
                container["polls"] -= 1
                return Reply(200, {"id": path, "status_code": "IN_PROGRESS"})
            return Reply(200, {"id": path, "status_code": container["status"]})
        for post in self.published:
            if request.method == "GET" and path == post["id"]:
                return Reply(200, {"id": post["id"], "permalink": post["url"]})
        return super().route(request, path)

    def listing(self, on: str, request: Request) -> Reply:
        """Instagram lists top-level comments with their ``replies`` nested."""
        if on in self.comments:  # GET /{comment-id}/replies
            return Reply(200, {"data": [self.view(c) for c in self.comments.values()
                                        if c["parent"] == on]})
        top = [c for c in self.comments.values() if c["post"] == on and not c["parent"]]
        return Reply(200, {"data": [{**self.view(c), "replies": {"data": [
            self.view(r) for r in self.comments.values() if r["parent"] == c["id"]]}}
            for c in top], "paging": {}})

    def view(self, comment: dict[str, Any]) -> dict[str, Any]:  # type: ignore[override]
        mine = comment["from"]["id"] == self.page_id
        return {"id": comment["id"], "text": comment["message"],
                "username": "maplefamilyclinic" if mine else comment["username"],
                "timestamp": comment["created_time"],
                "from": {"id": self.ig_user if mine else comment["from"]["id"],
                         "username": "maplefamilyclinic" if mine else comment["username"]}}
    def media_metrics(self, request: Request, path: str) -> Reply | None:
        """``/{media}/insights?metric=views,reach,..`` and ``/{media}?fields=like_count,..``."""
        media_id, _, edge = path.partition("/")
        post = next((p for p in self.published if p["id"] == media_id), None)
        if request.method != "GET" or post is None:
            return None
        counts = self.counts.get(media_id, {})
        if edge == "insights":
            if not self.insights_allowed:
                return graph_error(10, "(#10) Application does not have permission for this "
                                   "action", status=403)
            names = request.param("metric").split(",")
            if "impressions" in names:
                return graph_error(100, "(#100) metric[0] must be one of the following "
                                   "values: views, reach, saved, likes, comments, shares")
            return Reply(200, {"data": [
                {"name": n, "period": "lifetime", "values": [{"value": counts.get(n, 0)}],
                 "id": f"{media_id}/insights/{n}/lifetime"} for n in names]})
        if not edge and "like_count" in request.param("fields"):
            return Reply(200, {"id": media_id, "like_count": counts.get("likes", 0),
                               "comments_count": counts.get("comments", 0)})
        return None

    def create_container(self, request: Request) -> Reply:
        container_id = str(next(self.ids))
        if request.param("media_type") == "CAROUSEL":
            children = request.param("children").split(",")
            if not 2 <= len(children) <= 10 or any(c not in self.containers for c in children):
                return graph_error(100, "between 2 and 10 media attachments", 2207028)
            self.containers[container_id] = {"caption": request.param("caption"),
                                             "children": children, "alt_text": "",
                                             "status": "FINISHED", "polls": 0}
            return Reply(200, {"id": container_id})
        image_url = request.param("image_url")
        photo = image_url.removeprefix(f"{self.url}/cdn/").split(".")[0]
        if not image_url.startswith(self.url + "/cdn/") or photo not in self.photos:
            return graph_error(9004, "Only photo or video can be accepted as media type.",
                               2207052)
        self.containers[container_id] = {
            "caption": request.param("caption"), "children": [photo],
            "alt_text": request.param("alt_text"), "status": "FINISHED",
            "polls": self.polls_in_progress,
            "carousel_item": request.param("is_carousel_item") == "true"}
        return Reply(200, {"id": container_id})
