"""What every metrics reader takes and gives, and how a network's rate-limit headers are heeded."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Protocol

from clinicstudio.platforms.api.http import retry_after_seconds

# Meta throttles an app at 100 % of any usage figure; stop reading a little before.
META_USAGE_CEILING = 90


@dataclass(frozen=True, slots=True)
class PostRef:
    """A published post as the network knows it: its id there, and when it went out."""

    remote_id: str
    sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PostReading:
    """One post's figures on one network. ``None`` means the network does not report it."""

    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    quotes: int | None = None
    saves: int | None = None
    impressions: int | None = None
    reach: int | None = None
    clicks: int | None = None

    def as_dict(self) -> dict[str, int | None]:
        return {f.name: getattr(self, f.name) for f in fields(PostReading)}


class MetricsReader(Protocol):
    """``batch_size`` posts at most per :meth:`read_posts` call. After each call,
    ``paused_for`` is the number of seconds the network's headers asked to be left alone
    (its allowance is used up), or None."""

    batch_size: int
    paused_for: float | None

    def read_posts(self, posts: list[PostRef]) -> dict[str, PostReading]:
        """Figures for each post the network still has (a deleted post is simply left out)."""
        ...

    def read_followers(self) -> int | None:
        """The account's follower count, or None when the network does not report it."""
        ...

    def close(self) -> None: ...


def count(value: Any) -> int | None:
    """A network's count as an int; anything else (absent, null, text) is "not reported"."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def pause_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to leave a network alone when its headers say the allowance is used up."""
    for name in ("x-rate-limit-remaining", "RateLimit-Remaining", "X-RateLimit-Remaining"):
        remaining = headers.get(name)
        if remaining is not None and remaining.strip() == "0":
            return retry_after_seconds(headers) or 60.0
    usage = headers.get("X-App-Usage") or headers.get("X-Business-Use-Case-Usage")
    if usage:
        try:
            parsed = json.loads(usage)
        except ValueError:
            return None
        figures = [parsed] if isinstance(parsed, dict) and "call_count" in parsed else [
            item for items in (parsed.values() if isinstance(parsed, dict) else [])
            for item in (items if isinstance(items, list) else [])]
        for figure in figures:
            if isinstance(figure, dict) and max(
                    (float(figure.get(k) or 0) for k in ("call_count", "total_cputime",
                                                          "total_time")), default=0
            ) >= META_USAGE_CEILING:
                return retry_after_seconds(headers) or 3600.0
    return None


class Heeding:
    """Remembers, from each answer's headers, whether the network asked for a pause."""

    paused_for: float | None = None

    def heed(self, response: Any) -> Any:
        seconds = pause_after(response.headers)
        if seconds is not None:
            self.paused_for = max(seconds, self.paused_for or 0.0)
        return response
