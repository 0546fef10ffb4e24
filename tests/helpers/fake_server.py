"""The common part of the loopback network fakes: a real HTTP server on 127.0.0.1 in a thread.

Each fake (``fake_x.py``, ``fake_mastodon.py`` ...) subclasses :class:`FakeNetwork` and answers
its network's contract. Tests script trouble with :meth:`FakeNetwork.fault`: an error answer
(429 with reset headers, an expired token ...), a stall until released (to kill a client at a
chosen moment), a slow answer, or a dropped connection before or after the request took effect.
Every request is recorded in ``requests``; what a fake really published is in ``published``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    form: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    json: Any = None
    # Every value of a repeated query parameter (``uris=a&uris=b``).
    multi: dict[str, list[str]] = field(default_factory=dict)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    def param(self, name: str) -> str:
        value = self.form.get(name, self.query.get(name, ""))
        return value if isinstance(value, str) else str(value)

    @property
    def bearer(self) -> str:
        auth = self.header("authorization")
        return auth[7:] if auth.lower().startswith("bearer ") else ""


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    content_type: str = "application/json"


@dataclass
class Fault:
    """Trouble for the next ``times`` requests matching ``method`` and ``path`` (a prefix)."""

    method: str
    path: str
    reply: Reply | None = None
    stall: threading.Event | None = None
    stall_after: bool = False
    delay: float = 0.0
    drop: bool = False
    drop_after: bool = False
    times: int = 1
    arrived: threading.Event = field(default_factory=threading.Event)

    def matches(self, request: Request) -> bool:
        return self.times > 0 and request.method == self.method and request.path.startswith(
            self.path)


def parse_multipart(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, bytes]]:
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    form: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition") or ""
        payload = part.get_payload(decode=True) or b""
        if part.get_filename():
            files[str(name)] = payload
        else:
            form[str(name)] = payload.decode()
    return form, files


class FakeNetwork:
    """A loopback server that speaks one network's API. Use as a context manager."""

    label = "network"

    def __init__(self, latency: float = 0.0) -> None:
        self.latency = latency
        self.requests: list[Request] = []
        self.faults: list[Fault] = []
        self.published: list[dict[str, Any]] = []
        #: Posts taken down through the network's delete call, as they were published.
        self.deleted: list[dict[str, Any]] = []
        self.lock = threading.RLock()
        self._stalls: list[threading.Event] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeNetwork:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for event in self._stalls:
            event.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    # ---- scripting ----------------------------------------------------------------------

    def fault(self, method: str, path: str, **kwargs: Any) -> Fault:
        fault = Fault(method, path, **kwargs)
        if fault.stall is not None:
            self._stalls.append(fault.stall)
        with self.lock:
            self.faults.append(fault)
        return fault

    def error(self, method: str, path: str, status: int, body: Any,
              headers: dict[str, str] | None = None, times: int = 1) -> Fault:
        return self.fault(method, path, reply=Reply(status, body, headers or {}), times=times)

    def calls(self, method: str, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.method == method and r.path.startswith(path)]

    # ---- answering -----------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        raise NotImplementedError

    def common_headers(self) -> dict[str, str]:
        return {}

    def _take_fault(self, request: Request) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.matches(request):
                    fault.times -= 1
                    return fault
        return None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                request = self._read()
                with fake.lock:
                    fake.requests.append(request)
                fault = fake._take_fault(request)
                if fault is not None:
                    fault.arrived.set()
                    if fault.stall is not None and not fault.stall_after:
                        fault.stall.wait(60)
                    if fault.delay:
                        time.sleep(fault.delay)
                    if fault.drop:
                        self.close_connection = True
                        return
                if fake.latency:
                    time.sleep(fake.latency)
                reply = fault.reply if fault and fault.reply else None
                if reply is None:
                    with fake.lock:
                        reply = fake.handle(request)
                if fault is not None and fault.stall is not None and fault.stall_after:
                    fault.stall.wait(60)
                if fault is not None and fault.drop_after:
                    self.close_connection = True
                    return
                self._send(reply)

            def _read(self) -> Request:
                url = urlparse(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                parsed_query = parse_qs(url.query)
                request = Request(self.command, url.path,
                                  {k: v[0] for k, v in parsed_query.items()}, headers, body,
                                  multi=parsed_query)
                kind = headers.get("content-type", "")
                if kind.startswith("application/json") and body:
                    request.json = json.loads(body)
                elif kind.startswith("application/x-www-form-urlencoded"):
                    parsed = parse_qs(body.decode(), keep_blank_values=True)
                    request.form = {k: (v if k.endswith("[]") else v[0])
                                    for k, v in parsed.items()}
                elif kind.startswith("multipart/form-data"):
                    request.form, request.files = parse_multipart(kind, body)
                return request

            def _send(self, reply: Reply) -> None:
                data = reply.raw if reply.raw is not None else (
                    b"" if reply.body is None else json.dumps(reply.body).encode())
                try:
                    self.send_response(reply.status)
                    headers = {**fake.common_headers(), **reply.headers}
                    if data:
                        headers.setdefault("Content-Type", reply.content_type)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client went away (a test killed it): nothing to answer

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def created_now() -> str:
    """A network's creation time for a post made now, ISO 8601 in UTC with a ``Z``."""
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())


def redirect(location: str) -> Reply:
    return Reply(302, None, {"Location": location})


def follow_consent(url: str, fetch: Callable[[str], Any] | None = None) -> None:
    """A stand-in for the person in the browser: open the sign-in page, which agrees at once
    and redirects to ClinicStudio's loopback listener."""
    import urllib.request

    with urllib.request.urlopen(url, timeout=10) as answer:  # follows the 302 to loopback
        answer.read()
