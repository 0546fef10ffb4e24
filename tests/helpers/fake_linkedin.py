"""A loopback LinkedIn Community Management API: versioned headers, images, posts, errors."""

from __future__ import annotations

import itertools
import secrets
import time
from urllib.parse import unquote

from tests.helpers.fake_oauth import PkceAuthority
from tests.helpers.fake_server import FakeNetwork, Reply, Request
from tests.helpers.fake_targeting import linkedin_targeting_problem, linkedin_typeahead

REVOKED = Reply(401, {"status": 401, "serviceErrorCode": 65601, "code": "REVOKED_ACCESS_TOKEN",
                      "message": "The token used in the request has been revoked by the user"})
ACTIVE_VERSIONS = {"202601", "202604", "202607"}


class FakeLinkedIn(FakeNetwork):
    label = "LinkedIn"
    organization = "urn:li:organization:2414183"
    client_id = "clinicstudio-linkedin"

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(latency)
        self.ids = itertools.count(7100000000000000000)
        self.oauth = PkceAuthority()
        self.tokens = {"li-token"}
        self.images: dict[str, bytes | None] = {}
        # Comments by post URN; deleted ones are moved to ``deleted``.
        self.comments: dict[str, list[dict[str, object]]] = {}
        self.deleted: list[dict[str, object]] = []
        # What LinkedIn counts: share urn -> {"likeCount": .., "impressionCount": ..}.
        self.counts: dict[str, dict[str, int]] = {}
        self.follower_count = 0
        self.statistics_allowed = True

    def handle(self, request: Request) -> Reply:
        method, path = request.method, request.path
        if method == "GET" and path == "/oauth/v2/authorization":
            return self.oauth.consent(request)
        if method == "POST" and path == "/oauth/v2/accessToken":
            if not self.oauth.redeem(request):
                return Reply(400, {"error": "invalid_request"})
            token = secrets.token_urlsafe(20)
            self.tokens.add(token)
            return Reply(200, {"access_token": token, "expires_in": 5184000})
        if method == "PUT" and path.startswith("/upload/"):
            if request.bearer not in self.tokens:
                return REVOKED
            self.images[path.removeprefix("/upload/")] = request.body
            return Reply(201)
        if request.bearer not in self.tokens:
            return REVOKED
        version = request.header("linkedin-version")
        if version not in ACTIVE_VERSIONS:
            return Reply(426, {"status": 426, "code": "NONEXISTENT_VERSION",
                               "message": f"Requested version {version} is not active"})
        if method == "GET" and path == "/rest/organizationAcls":
            return Reply(200, {"elements": [{"organization": self.organization,
                                             "role": "ADMINISTRATOR", "state": "APPROVED"}]})
        if method == "POST" and path == "/rest/images" and request.query.get(
                "action") == "initializeUpload":
            image = f"urn:li:image:C{next(self.ids)}"
            self.images[image] = None
            return Reply(200, {"value": {"uploadUrlExpiresAt": 0, "image": image,
                                         "uploadUrl": f"{self.url}/upload/{image}"}})
        if path.startswith("/rest/socialActions/") and "/comments" in path:
            return self.social_actions(request)
        if method == "POST" and path == "/rest/posts":
            return self.create(request)
        if method == "DELETE" and path.startswith("/rest/posts/"):
            urn = unquote(path.removeprefix("/rest/posts/"))
            found = next((p for p in self.published if p["id"] == urn), None)
            if found is None:
                return Reply(404, {"status": 404, "code": "NOT_FOUND",
                                   "message": f"Post {urn} not found"})
            self.published.remove(found)
            self.deleted.append(found)
            return Reply(204, None)
        if method == "GET" and path == "/rest/adTargetingEntities":
            if request.query.get("q") != "typeahead" or request.query.get(
                    "facet") != "urn:li:adTargetingFacet:locations":
                return Reply(400, {"status": 400, "message": "Invalid finder"})
            return Reply(200, {"elements": linkedin_typeahead(request.query.get("query", ""))})
        if method == "GET" and path == "/rest/posts":
            return Reply(200, {"elements": [
                {"id": p["id"], "commentary": p["commentary"],
                 "createdAt": p.get("createdAt") or int(time.time() * 1000)}
                for p in reversed(self.published)]})
        metrics = self.metrics(request)
        if metrics is not None:
            return metrics
        return Reply(404, {"status": 404, "code": "NOT_FOUND", "message": f"No route {path}"})

    def metrics(self, request: Request) -> Reply | None:
        """Share statistics, social actions and the page's follower count."""
        path = request.path
        if request.method != "GET":
            return None
        if path == "/rest/organizationalEntityShareStatistics":
            if not self.statistics_allowed:
                return Reply(403, {"status": 403, "code": "ACCESS_DENIED", "message":
                                   "Not enough permissions to access: "
                                   "organizationalEntityShareStatistics.FINDER-organizationalEntity"})
            if request.query.get("q") != "organizationalEntity" or request.query.get(
                    "organizationalEntity") != self.organization:
                return Reply(400, {"status": 400, "code": "ILLEGAL_ARGUMENT",
                                   "message": "Invalid organizationalEntity"})
            wanted = _restli_list(request.query.get("shares", "")) + _restli_list(
                request.query.get("ugcPosts", ""))
            elements = []
            for urn in wanted:
                if not any(p["id"] == urn for p in self.published):
                    continue
                counts = self.counts.get(urn, {})
                stats = {k: counts.get(k, 0) for k in (
                    "impressionCount", "uniqueImpressionsCount", "clickCount", "likeCount",
                    "commentCount", "shareCount")}
                stats["engagement"] = 0.0
                key = "ugcPost" if ":ugcPost:" in urn else "share"
                elements.append({key: urn, "organizationalEntity": self.organization,
                                 "totalShareStatistics": stats})
            return Reply(200, {"paging": {"count": 10, "start": 0}, "elements": elements})
        if path.startswith("/rest/socialActions/"):
            urn = unquote(path.removeprefix("/rest/socialActions/"))
            counts = self.counts.get(urn, {})
            return Reply(200, {"target": urn, "likesSummary": {
                "totalLikes": counts.get("likeCount", 0), "likedByCurrentUser": False},
                "commentsSummary": {"aggregatedTotalComments": counts.get("commentCount", 0),
                                    "totalFirstLevelComments": counts.get("commentCount", 0)}})
        if path.startswith("/rest/networkSizes/"):
            if unquote(path.removeprefix("/rest/networkSizes/")) != self.organization or \
                    request.query.get("edgeType") != "COMPANY_FOLLOWED_BY_MEMBER":
                return Reply(400, {"status": 400, "code": "ILLEGAL_ARGUMENT",
                                   "message": "Invalid edgeType or organization"})
            return Reply(200, {"firstDegreeSize": self.follower_count})
        return None

    @property
    def followers(self) -> int:
        """The Page's followers (``networkSizes``), as the size estimate and the results read."""
        return self.follower_count

    @followers.setter
    def followers(self, count: int) -> None:
        self.follower_count = count

    def create(self, request: Request) -> Reply:
        body = request.json or {}
        if body.get("author") != self.organization:
            return Reply(403, {"status": 403, "code": "ACCESS_DENIED",
                               "message": "Not enough permissions to post as this author"})
        if any(p["commentary"] == body.get("commentary") for p in self.published):
            urn = next(p["id"] for p in self.published if p["commentary"] == body["commentary"])
            return Reply(422, {"errorDetailType": "com.linkedin.common.error.BadRequest",
                               "message": f"Content is a duplicate of {urn}",
                               "errorDetails": {"inputErrors": [{"code": "DUPLICATE_POST"}]},
                               "status": 422})
        entities = (body.get("distribution") or {}).get("targetEntities", [])
        problem = linkedin_targeting_problem(entities)
        if problem:
            return Reply(422, {"status": 422, "message": problem, "errorDetails": {
                "inputErrors": [{"code": "INVALID_TARGETING", "description": problem}]}})
        content = body.get("content") or {}
        images = ([content["media"]] if "media" in content
                  else content.get("multiImage", {}).get("images", []))
        if any(self.images.get(i["id"]) is None for i in images):
            return Reply(400, {"status": 400, "code": "INVALID_CONTENT",
                               "message": "image not uploaded"})
        urn = f"urn:li:share:{next(self.ids)}"
        self.published.append({"id": urn, "commentary": body.get("commentary", ""),
                               "createdAt": int(time.time() * 1000),
                               "images": images, "article": content.get("article"),
                               "targetEntities": entities})
        return Reply(201, None, {"x-restli-id": urn})

    def add_comment(self, post: str, text: str, actor: str = "urn:li:person:jordan01",
                    name: str = "Jordan Miles", parent: str = "") -> str:
        number = next(self.ids)
        activity = post.rsplit(":", 1)[-1]
        urn = f"urn:li:comment:(urn:li:activity:{activity},{number})"
        comment: dict[str, object] = {
            "id": str(number), "commentUrn": urn, "actor": actor, "actorName": name,
            "object": post, "message": {"text": text},
            "created": {"actor": actor, "time": int(time.time() * 1000)}}
        if parent:
            comment["parentComment"] = parent
        self.comments.setdefault(post, []).append(comment)
        return urn

    def social_actions(self, request: Request) -> Reply:
        rest = request.path.removeprefix("/rest/socialActions/").split("/")
        post = unquote(rest[0])
        if post not in {p["id"] for p in self.published} or rest[1:2] != ["comments"]:
            return Reply(404, {"status": 404, "code": "NOT_FOUND", "message": "Not found"})
        comments = self.comments.setdefault(post, [])
        if request.method == "GET":
            return Reply(200, {"elements": comments, "paging": {
                "count": 100, "start": 0, "total": len(comments)}})
        if request.method == "DELETE" and len(rest) == 3:
            if request.query.get("actor") != self.organization:
                return Reply(403, {"status": 403, "code": "ACCESS_DENIED",
                                   "message": "actor must be the organization"})
            for comment in comments:
                if comment["id"] == rest[2]:
                    comments.remove(comment)
                    self.deleted.append(comment)
                    return Reply(204)
            return Reply(404, {"status": 404, "code": "NOT_FOUND", "message": "No comment"})
        if request.method == "POST":
            body = request.json or {}
            if body.get("actor") != self.organization or body.get("object") != post:
                return Reply(403, {"status": 403, "code": "ACCESS_DENIED",
                                   "message": "Not enough permissions to comment"})
            parent = str(body.get("parentComment") or "")
            if parent and parent not in {c["commentUrn"] for c in comments}:
                return Reply(400, {"status": 400, "code": "INVALID_PARENT",
                                   "message": "parentComment not found"})
            urn = self.add_comment(post, str((body.get("message") or {}).get("text", "")),
                                   actor=self.organization, name="Maple Family Clinic",
                                   parent=parent)
            return Reply(201, {"commentUrn": urn}, {"x-restli-id": urn})
        return Reply(405, {"status": 405, "code": "METHOD_NOT_ALLOWED", "message": "no"})

def _restli_list(value: str) -> list[str]:
    """``List(urn:li:share:1,urn:li:share:2)`` -> the URNs (already percent-decoded)."""
    if not value:
        return []
    if not (value.startswith("List(") and value.endswith(")")):
        raise ValueError(f"not a Rest.li list: {value}")
    return [unquote(u) for u in value[5:-1].split(",") if u]
