"""A loopback LinkedIn Community Management API: versioned headers, images, posts, errors."""

from __future__ import annotations

import itertools
import secrets
import time
from urllib.parse import quote

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
        self.followers = 4200

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
        if method == "POST" and path == "/rest/posts":
            return self.create(request)
        if method == "GET" and path == "/rest/adTargetingEntities":
            if request.query.get("q") != "typeahead" or request.query.get(
                    "facet") != "urn:li:adTargetingFacet:locations":
                return Reply(400, {"status": 400, "message": "Invalid finder"})
            return Reply(200, {"elements": linkedin_typeahead(request.query.get("query", ""))})
        if method == "GET" and path == "/rest/networkSizes/" + quote(self.organization, safe=""):
            if request.query.get("edgeType") != "COMPANY_FOLLOWED_BY_MEMBER":
                return Reply(400, {"status": 400, "message": "Invalid edgeType"})
            return Reply(200, {"firstDegreeSize": self.followers})
        if method == "GET" and path == "/rest/posts":
            return Reply(200, {"elements": [
                {"id": p["id"], "commentary": p["commentary"],
                 "createdAt": p.get("createdAt") or int(time.time() * 1000)}
                for p in reversed(self.published)]})
        return Reply(404, {"status": 404, "code": "NOT_FOUND", "message": f"No route {path}"})

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
