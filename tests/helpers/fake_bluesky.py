"""A loopback Bluesky PDS (XRPC): sessions with refresh, blobs, records under fixed keys."""

from __future__ import annotations

import base64
import itertools
import json
import time

from clinicstudio.platforms.api.bluesky import make_tid
from tests.helpers.fake_server import FakeNetwork, Reply, Request, created_now


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
        # Every post on this little network by its at:// address (the clinic's and others').
        self.posts: dict[str, dict[str, object]] = {}
        self.notifications: list[dict[str, object]] = []
        # The account's notification preference: "priority" lists only people it follows.
        self.priority = False
        # What the AppView counts: post uri -> {"likeCount": .., ...}; the account's followers.
        self.counts: dict[str, dict[str, int]] = {}
        self.follower_count = 0
        #: Other accounts on this server, by handle: mentions resolve to their DIDs.
        self.accounts: dict[str, str] = {"dr-lee.bsky.social": "did:plc:drleepediatrics00000"}

    def common_headers(self) -> dict[str, str]:
        return {"RateLimit-Limit": "3000", "RateLimit-Remaining": "2999",
                "RateLimit-Reset": str(int(time.time()) + 300), "RateLimit-Policy": "3000;w=300"}

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
        if method == "app.bsky.notification.listNotifications":
            wanted = request.query.get("priority", "")
            only_followed = wanted == "true" or (self.priority and wanted != "false")
            notes = [] if only_followed else list(reversed(self.notifications))
            return Reply(200, {"notifications": notes, "priority": self.priority})
        if method == "app.bsky.feed.getPostThread":
            uri = request.query.get("uri", "")
            if uri not in self.posts:
                return xrpc_error(400, "NotFound", f"Post not found: {uri}")
            return Reply(200, {"thread": self.thread(uri)})
        if method == "com.atproto.repo.deleteRecord":
            body = request.json or {}
            found = self.records.pop(str(body.get("rkey") or ""), None)
            if found is not None:
                gone = [p for p in self.published if p["rkey"] == body.get("rkey")]
                for post in gone:
                    self.published.remove(post)
                    self.deleted.append(post)
            # deleteRecord succeeds whether or not the record was still there.
            return Reply(200, {"commit": {"cid": "bafyreicommit", "rev": "3l"}})
        if method == "com.atproto.repo.getRecord":
            record = self.records.get(request.query.get("rkey", ""))
            if record is None:
                return xrpc_error(400, "RecordNotFound", "Could not locate record")
            return Reply(200, {"uri": record["uri"], "cid": "bafyreicid", "value": record})
        if method == "app.bsky.feed.getPosts":
            return self.get_posts(request)
        if method == "app.bsky.actor.getProfile":
            if request.query.get("actor") not in (self.did, self.user_handle):
                return xrpc_error(400, "InvalidRequest", "Profile not found")
            return Reply(200, {"did": self.did, "handle": self.user_handle,
                               "followersCount": self.follower_count, "followsCount": 3,
                               "postsCount": len(self.records)})
        return xrpc_error(404, "MethodNotImplemented", f"Method Not Implemented: {method}")

    def get_posts(self, request: Request) -> Reply:
        """``app.bsky.feed.getPosts``: post views with their counts (at most 25 uris)."""
        uris = request.multi.get("uris", [])
        if len(uris) > 25:
            return xrpc_error(400, "InvalidRequest", "uris must not have more than 25 elements")
        views = []
        for uri in uris:
            record = next((r for r in self.records.values() if r["uri"] == uri), None)
            if record is None:
                continue  # a deleted post is left out, as the AppView does
            counts = {"likeCount": 0, "repostCount": 0, "replyCount": 0, "quoteCount": 0,
                      "bookmarkCount": 0, **self.counts.get(uri, {})}
            views.append({"uri": uri, "cid": "bafyreicid", "record": record,
                          "author": {"did": self.did, "handle": self.user_handle},
                          "indexedAt": "2026-01-01T00:00:00.000Z", **counts})
        return Reply(200, {"posts": views})

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
        refs = record.get("reply")
        if refs is not None and not self.valid_refs(refs):
            return xrpc_error(400, "InvalidRequest", "Invalid app.bsky.feed.post record: "
                              "reply must name root and parent with uri and cid")
        uri = f"at://{self.did}/app.bsky.feed.post/{rkey}"
        record["uri"] = uri
        self.records[rkey] = record
        self.posts[uri] = self.view(uri, {k: v for k, v in record.items() if k != "uri"},
                                    self.did, self.user_handle, "Maple Family Clinic")
        self.published.append({"rkey": rkey, "uri": uri, "text": text, "record": record})
        return Reply(200, {"uri": uri, "cid": self.posts[uri]["cid"],
                            "validationStatus": "valid"})

    # ---- other people on the network --------------------------------------------------------

    @staticmethod
    def view(uri: str, record: dict[str, object], did: str, handle: str,
             name: str) -> dict[str, object]:
        return {"uri": uri, "cid": "bafyrei" + format(abs(hash(uri)) % 10**12, "012d"),
                "author": {"did": did, "handle": handle, "displayName": name},
                "record": record, "indexedAt": created_now()}

    def valid_refs(self, refs: object) -> bool:
        if not isinstance(refs, dict):
            return False
        for key in ("root", "parent"):
            ref = refs.get(key)
            if not isinstance(ref, dict) or ref.get("uri") not in self.posts or \
                    self.posts[str(ref["uri"])]["cid"] != ref.get("cid"):
                return False
        return True

    def add_reply(self, parent: str, text: str, handle: str = "jordan.test",
                  name: str = "Jordan Miles") -> str:
        """Someone else answers post ``parent``; the clinic is notified when it is about ours."""
        parent_view = self.posts[parent]
        parent_refs = dict(parent_view["record"]).get("reply")  # type: ignore[call-overload]
        root = parent_refs["root"] if parent_refs else {"uri": parent,
                                                        "cid": parent_view["cid"]}
        record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": created_now(),
                  "reply": {"root": root, "parent": {"uri": parent, "cid": parent_view["cid"]}}}
        return self._other(record, handle, name, "reply")

    def add_mention(self, text: str, handle: str = "casey.test", name: str = "Casey") -> str:
        record = {"$type": "app.bsky.feed.post", "createdAt": created_now(),
                  "text": f"@{self.user_handle} {text}"}
        return self._other(record, handle, name, "mention")

    def _other(self, record: dict[str, object], handle: str, name: str, reason: str) -> str:
        did = "did:plc:" + handle.replace(".", "")[:24]
        uri = f"at://{did}/app.bsky.feed.post/{make_tid()}"
        self.posts[uri] = self.view(uri, record, did, handle, name)
        if reason == "mention" or self.did in str(record.get("reply")):
            self.notifications.append({**self.posts[uri], "reason": reason, "isRead": False})
        return uri

    def delete_post(self, uri: str) -> None:
        self.posts.pop(uri)
        self.notifications = [n for n in self.notifications if n["uri"] != uri]

    def thread(self, uri: str) -> dict[str, object]:
        replies = [self.thread(other) for other, view in self.posts.items()
                   if (dict(view["record"]).get("reply") or {})  # type: ignore[call-overload]
                   .get("parent", {}).get("uri") == uri]
        return {"$type": "app.bsky.feed.defs#threadViewPost", "post": self.posts[uri],
                "replies": replies}
