"""OAuth for a desktop app: PKCE and a one-shot listener on 127.0.0.1 for the browser's redirect.

The browser opens the network's sign-in page; after the person allows ClinicStudio, the network
sends the browser back to ``http://127.0.0.1:<port>/callback`` where this listener takes the
code (checking the ``state`` we sent, so no other page can inject one) and shows a short page
saying the window may be closed.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlparse

from clinicstudio.domain import UserError

DONE_PAGE = (b"<!doctype html><meta charset=utf-8><title>ClinicStudio</title>"
             b"<body style='font-family:sans-serif'><h2>ClinicStudio is connected.</h2>"
             b"<p>You can close this window and go back to ClinicStudio.</p>")
FAILED_PAGE = (b"<!doctype html><meta charset=utf-8><title>ClinicStudio</title>"
               b"<body style='font-family:sans-serif'><h2>The connection was not made.</h2>"
               b"<p>Go back to ClinicStudio and try again.</p>")


def pkce_pair() -> tuple[str, str]:
    """A PKCE verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(64)[:96]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class LoopbackRedirect:
    """Listens on 127.0.0.1 for one OAuth redirect. Use as a context manager.

    ``port=0`` picks a free port (Mastodon, LinkedIn); X needs the fixed port registered with
    the app. ``redirect_uri`` is the address to give the network.
    """

    def __init__(self, port: int = 0, path: str = "/callback") -> None:
        self.path = path
        self.state = secrets.token_urlsafe(24)
        self._params: dict[str, str] | None = None
        self._arrived = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlparse(self.path)
                if url.path != outer.path:
                    self.send_error(404)
                    return
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                good = params.get("state") == outer.state and (
                    "code" in params or "access_token" in params)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(DONE_PAGE if good else FAILED_PAGE)
                if params.get("state") == outer.state:
                    outer._params = params
                    outer._arrived.set()

            def log_message(self, format: str, *args: object) -> None:
                pass  # the code must not end up in a log

        try:
            self._server = HTTPServer(("127.0.0.1", port), Handler)
        except OSError as exc:
            raise UserError(f"ClinicStudio could not listen on 127.0.0.1:{port} for the sign-in "
                            f"({exc.strerror}). Close the program using that port and try again."
                            ) from exc
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.1}, daemon=True)

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.path}"

    def __enter__(self) -> LoopbackRedirect:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def wait(self, timeout: float = 300.0) -> dict[str, str]:
        """The redirect's parameters (``code`` or ``access_token``) once the person has agreed."""
        if not self._arrived.wait(timeout):
            raise UserError("The sign-in was not finished in time. Try connecting again.")
        params = self._params or {}
        if "error" in params or not ("code" in params or "access_token" in params):
            reason = params.get("error_description") or params.get("error") or "no code"
            raise UserError(f"The network did not allow the connection ({reason}).")
        return params
