"""Third-party libraries' log lines pass the redaction too (urllib3 logs each request's URL)."""

from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests

from clinicstudio import log_redaction

TOKEN = "EAABwzLixnjYBO4ZCZAQ2secretFacebookToken"


class _Ok(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_args: object) -> None:
        pass


def test_urllib3_debug_lines_carry_no_token(caplog: pytest.LogCaptureFixture) -> None:
    log_redaction.install()
    server = HTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.DEBUG, logger="urllib3"), requests.Session() as http:
            http.get(f"http://127.0.0.1:{server.server_port}/v25.0/me",
                     params={"access_token": TOKEN, "fields": "id"}, timeout=10).close()
    finally:
        server.shutdown()
        server.server_close()
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("urllib3")]
    assert any("/v25.0/me?access_token=***" in line for line in lines), lines
    assert not any(TOKEN in line for line in lines)


def test_authorization_headers_are_blanked_in_any_logger(
        caplog: pytest.LogCaptureFixture) -> None:
    log_redaction.install()
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("some.library").debug("send: headers %s",
                                                {"Authorization": f"Bearer {TOKEN}"})
    assert TOKEN not in caplog.text and "Bearer ***" in caplog.text
