"""A loopback Bluesky PDS (XRPC): sessions with refresh, blobs, records under fixed keys."""

from __future__ import annotations

import base64
import itertools
import json
import time

from tests.helpers.fake_server import FakeNetwork, Reply, Request


def jwt(subject: str, ttl: float, kind: str) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    serial = next(_SERIAL)
    return ".".join([part({"alg": "HS256", "typ": kind}),
                     part({"sub": subject, "exp": int(time.time() + ttl), "jti": serial}),
                     "c2lnbmF0dXJl"])


_SERIAL = itertools.count(1)
BLOB_LIMIT = 1_000_000  # what app.bsky.embed.images has accepted on every server version
FACET = "app.bsky.richtext.facet"


def facet_problem(text: str, facets: list[dict[str, object]], dids: set[str]) -> str | None:
    """Why the AppView would not show these facets (bad offsets, unknown DID, bad tag), or None."""
    size = len(text.encode("utf-8"))
    for facet in facets:
        index = facet.get("index") or {}
        start, end = index.get("byteStart"), index.get("byteEnd")  # type: ignore[union-attr]
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= size:
            return f"facet offsets {start}-{end} outside the text"
        try:
            text.encode("utf-8")[start:end].decode("utf-8")
        except UnicodeDecodeError:
            return "facet offsets cut a character"
        for feature in facet.get("features") or []:  # type: ignore[union-attr]
            kind = feature.get("$type")
            if kind == f"{FACET}#link" and not str(feature.get("uri", "")).startswith("http"):
                return "link facet without a full URI"
            if kind == f"{FACET}#mention" and feature.get("did") not in dids:
                return "mention of an unknown DID"
            if kind == f"{FACET}#tag" and (not feature.get("tag")
                                           or str(feature["tag"]).startswith("#")):
                return "tag facet must hold the tag without '#'"
            if kind not in {f"{FACET}#link", f"{FACET}#mention", f"{FACET}#tag"}:
                return f"unknown facet feature {kind}"
    return None


def xrpc_error(status: int, error: str, message: str,
               headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"error": error, "message": message}, headers or {})


def rate_limited(reset_in: int = 1) -> Reply:
    return xrpc_error(429, "RateLimitExceeded", "Rate Limit Exceeded", {
        "RateLimit-Limit": "5000", "RateLimit-Remaining": "0",
        "RateLimit-Reset": str(int(time.time()) + reset_in), "RateLimit-Policy": "5000;w=3600"})


class FakeBluesky(FakeNetwork):
    label = "Bluesky"
    did = "did:plc:maplefamilyclinic0000"
    user_handle = "maple.bsky.social"
    app_password = "abcd-efgh-ijkl-mnop"

    def __init__(self, latency: float = 0.0, access_ttl: float = 7200) -> None:
        super().__init__(latency)
        self.access_ttl = access_ttl
        self.access: set[str] = set()
        self.refresh: set[str] = set()
        self.blobs: dict[str, bytes] = {}
        self.records: dict[str, dict[str, object]] = {}
        self.logins = 0
        self.refreshes = 0
        #: Other accounts on this server, by handle: mentions resolve to their DIDs.
        self.accounts: dict[str, str] = {"dr-lee.bsky.social": "did:plc:drleepediatrics00000"}

    def session_body(self) -> dict[str, object]:
        access = jwt(self.did, self.access_ttl, "at+jwt")
        refresh = jwt(self.did, 90 * 86400, "refresh+jwt")
        self.access.add(access)
        self.refresh.add(refresh)
        return {"accessJwt": access, "refreshJwt": refresh, "handle": self.user_handle,
                "did": self.did, "didDoc": {"id": self.did, "service": [
                    {"id": "#atproto_pds", "type": "AtprotoPersonalDataServer",
                     "serviceEndpoint": self.url}]}}

    def handle(self, request: Request) -> Reply:
        method = request.path.removeprefix("/xrpc/")
        if method == "com.atproto.server.createSession":
            body = request.json or {}
            if body.get("identifier") not in (self.user_handle, self.did) or \
                    body.get("password") != self.app_password:
                return xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password")
            self.logins += 1
            return Reply(200, self.session_body())
        if method == "com.atproto.server.refreshSession":
            if request.bearer not in self.refresh:
                return xrpc_error(400, "ExpiredToken", "Token has expired")
            self.refresh.discard(request.bearer)
            self.refreshes += 1
            return Reply(200, self.session_body())
        if request.bearer not in self.access:
            return xrpc_error(400, "ExpiredToken", "Token has expired")
        if method == "com.atproto.identity.resolveHandle":
            did = {self.user_handle: self.did, **self.accounts}.get(
                request.query.get("handle", "").lower())
            if did is None:
                return xrpc_error(400, "InvalidRequest", "Unable to resolve handle")
            return Reply(200, {"did": did})
        if method == "com.atproto.repo.uploadBlob":
            ref = f"bafkrei{len(self.blobs):010d}"
            self.blobs[ref] = request.body
            return Reply(200, {"blob": {"$type": "blob", "ref": {"$link": ref},
                                        "mimeType": request.header("content-type"),
                                        "size": len(request.body)}})
        if method == "com.atproto.repo.createRecord":
            return self.create(request)
        if method == "com.atproto.repo.getRecord":
            record = self.records.get(request.query.get("rkey", ""))
            if record is None:
                return xrpc_error(400, "RecordNotFound", "Could not locate record")
            return Reply(200, {"uri": record["uri"], "cid": "bafyreicid", "value": record})
        return xrpc_error(404, "MethodNotImplemented", f"Method Not Implemented: {method}")

    def create(self, request: Request) -> Reply:
        body = request.json or {}
        rkey = str(body.get("rkey") or "")
        record = dict(body.get("record") or {})
        if body.get("repo") != self.did or not rkey:
            return xrpc_error(400, "InvalidRequest", "Invalid repo or record key")
        if rkey in self.records:
            return xrpc_error(400, "InvalidRequest", "Record already exists")
        text = str(record.get("text", ""))
        if len(text) > 300:
            return xrpc_error(400, "InvalidRequest", "Invalid app.bsky.feed.post record: "
                              "Record/text must not be longer than 300 graphemes")
        embed = record.get("embed") or {}
        for image in embed.get("images", []) if isinstance(embed, dict) else []:
            if image["image"]["ref"]["$link"] not in self.blobs or "alt" not in image:
                return xrpc_error(400, "InvalidRequest", "Invalid image embed")
            if image["image"]["size"] > BLOB_LIMIT:
                return xrpc_error(400, "BlobTooLarge", "This file is too large.")
        if isinstance(embed, dict) and embed.get("$type") == "app.bsky.embed.external":
            external = embed.get("external") or {}
            thumb = external.get("thumb")
            if not external.get("uri") or "title" not in external or "description" not in external \
                    or (thumb and thumb["ref"]["$link"] not in self.blobs):
                return xrpc_error(400, "InvalidRequest", "Invalid app.bsky.embed.external")
        problem = facet_problem(text, record.get("facets", []),
                                {self.did, *self.accounts.values()})
        if problem:
            return xrpc_error(400, "InvalidRequest",
                              f"Invalid app.bsky.feed.post record: {problem}")
        uri = f"at://{self.did}/app.bsky.feed.post/{rkey}"
        record["uri"] = uri
        self.records[rkey] = record
        self.published.append({"rkey": rkey, "uri": uri, "text": text, "record": record})
        return Reply(200, {"uri": uri, "cid": "bafyreicid", "validationStatus": "valid"})
