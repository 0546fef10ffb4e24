"""HTTP shared by the network clients: one place for time-outs, logging and rate-limit headers.

The raw answer of every call goes to the ``clinicstudio.platforms.api`` log with tokens blanked
out, so a support person can see what a network said; the person at the desk sees the
:class:`PublishError` message instead.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from clinicstudio.log_redaction import redact_params
from clinicstudio.platforms.api.errors import PublishError, rate_limited, unavailable

log = logging.getLogger("clinicstudio.platforms.api")

# (connect, read) seconds. A slow network is waited for; a dead one is noticed quickly.
TIMEOUT = (10.0, 60.0)

Translate = Callable[[requests.Response], PublishError]


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every known secret and secret-looking parameter blanked out."""
    for secret in secrets:
        if secret and len(secret) > 3:
            text = text.replace(secret, "***")
    return redact_params(text)


def retry_after_seconds(headers: Any, now: float | None = None) -> float | None:
    """How long a network asked us to wait, from whichever rate-limit header it sends.

    X sends ``x-rate-limit-reset`` (epoch seconds), Bluesky ``RateLimit-Reset`` (epoch seconds),
    Mastodon ``X-RateLimit-Reset`` (an ISO time; GoToSocial sends epoch seconds), Meta
    ``X-Business-Use-Case-Usage`` (minutes to regain access) and anyone may send ``Retry-After``.
    """
    now = time.time() if now is None else now
    value = headers.get("Retry-After")
    if value:
        seconds = _delay_from(value, now, http_date=True)
        if seconds is not None:
            return seconds
    for name in ("x-rate-limit-reset", "RateLimit-Reset", "X-RateLimit-Reset"):
        value = headers.get(name)
        if value:
            seconds = _delay_from(value, now)
            if seconds is not None:
                return seconds
    usage = headers.get("X-Business-Use-Case-Usage")
    if usage:
        try:
            minutes = max(
                float(item.get("estimated_time_to_regain_access", 0))
                for items in json.loads(usage).values() for item in items
            )
        except (ValueError, TypeError, AttributeError):
            minutes = 0
        if minutes:
            return minutes * 60
    return None


def _delay_from(value: str, now: float, *, http_date: bool = False) -> float | None:
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None:
        # Small numbers are a delay in seconds; large ones an epoch time.
        return max(0.0, number if number < 1_000_000_000 or http_date else number - now)
    try:
        moment = parsedate_to_datetime(value) if http_date else datetime.fromisoformat(
            value.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - now)


class Api:
    """Calls to one network's API at a configurable base URL (self-hosted or loopback in tests)."""

    def __init__(self, label: str, base_url: str, translate: Translate, *,
                 secrets: Callable[[], Iterable[str]] = lambda: ()) -> None:
        self.label = label
        self.base_url = base_url.rstrip("/")
        self._translate = translate
        self._secrets = secrets
        self._http = requests.Session()

    def close(self) -> None:
        self._http.close()

    def url(self, path: str) -> str:
        return path if "://" in path else f"{self.base_url}/{path.lstrip('/')}"

    def call(self, method: str, path: str, *, ok: tuple[int, ...] = (200, 201, 202),
             sends_post: bool = False, **kwargs: Any) -> requests.Response:
        """One request. Errors become :class:`PublishError` through the network's translator.

        ``sends_post`` marks the call that creates the post itself: losing its answer leaves us
        unsure whether the post went out, so the error says so.
        """
        kwargs.setdefault("timeout", TIMEOUT)
        url = self.url(path)
        try:
            response = self._http.request(method, url, **kwargs)
        except (requests.ConnectTimeout, requests.exceptions.InvalidURL) as exc:
            self._log_failure(method, url, exc)
            raise unavailable(self.label, code=type(exc).__name__) from exc
        except requests.RequestException as exc:
            self._log_failure(method, url, exc)
            refused = "Connection refused" in str(exc) or "NewConnectionError" in str(exc)
            raise unavailable(self.label, code=type(exc).__name__,
                              uncertain=sends_post and not refused) from exc
        secrets = list(self._secrets())
        log.info("%s %s %s -> %s %s", self.label, method, redact(url, secrets),
                 response.status_code, redact(response.text[:2000], secrets))
        if response.status_code not in ok:
            error = self._translate(response)
            log.warning("%s refused %s %s: HTTP %s %s", self.label, method,
                        redact(url, secrets), response.status_code,
                        redact(response.text[:4000], secrets))
            raise error
        return response

    def _log_failure(self, method: str, url: str, exc: Exception) -> None:
        log.warning("%s %s %s failed: %s", self.label, method,
                    redact(url, list(self._secrets())), redact(str(exc), list(self._secrets())))


def json_body(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {"items": body}


def server_side(response: requests.Response, label: str, code: str = "") -> PublishError | None:
    """The common answers: the network's own trouble, or a plain rate limit."""
    if response.status_code == 429:
        return rate_limited(label, retry_after_seconds(response.headers), code or "429")
    if response.status_code >= 500:
        return unavailable(label, code=code or str(response.status_code),
                           retry_after=retry_after_seconds(response.headers))
    return None
