"""The authorization-code-with-PKCE part the OAuth fakes share (X, Mastodon, LinkedIn)."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import urlencode

from tests.helpers.fake_server import Reply, Request, redirect


class PkceAuthority:
    """Hands out codes on the consent page and checks the verifier when they are exchanged."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, str]] = {}  # code -> (challenge, redirect_uri)

    def consent(self, request: Request) -> Reply:
        challenge = request.param("code_challenge")
        if request.param("code_challenge_method") != "S256" or not challenge:
            return Reply(400, {"error": "invalid_request", "error_description": "PKCE required"})
        code = secrets.token_urlsafe(16)
        self.codes[code] = (challenge, request.param("redirect_uri"))
        query = urlencode({"code": code, "state": request.param("state")})
        return redirect(f"{request.param('redirect_uri')}?{query}")

    def redeem(self, request: Request) -> bool:
        entry = self.codes.pop(request.param("code"), None)
        if entry is None:
            return False
        challenge, redirect_uri = entry
        digest = hashlib.sha256(request.param("code_verifier").encode()).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        return computed == challenge and request.param("redirect_uri") == redirect_uri
