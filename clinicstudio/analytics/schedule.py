"""When a post or an account is read next.

Counts move fast in a post's first two days and barely after a few weeks, so a post is read
every hour at first, every six hours until it is a month old, then once a day until it is half
a year old, when its figures are settled and reading stops. Follower counts are read every six
hours. A reading that failed waits like the publisher's retries (growing, never past a day),
or as long as the network's rate-limit headers ask, whichever is longer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from clinicstudio.publishing.outbox import MAX_WAIT, backoff

FIRST_DAYS = timedelta(days=2)
FRESH = timedelta(days=30)
SETTLED = timedelta(days=182)
ACCOUNT_EVERY = timedelta(hours=6)
RETRY_BASE = 300.0  # seconds before the first retry after a failed reading


def post_interval(age: timedelta) -> timedelta | None:
    """How long until a post of this age is read again; None once it is no longer read."""
    if age < FIRST_DAYS:
        return timedelta(hours=1)
    if age < FRESH:
        return timedelta(hours=6)
    if age < SETTLED:
        return timedelta(days=1)
    return None


def next_post_reading(sent_at: datetime | None, now: datetime) -> datetime | None:
    interval = post_interval(now - sent_at if sent_at else timedelta(0))
    return None if interval is None else now + interval


def after_failure(failures: int, now: datetime, asked_wait: float | None = None) -> datetime:
    """When to try again after ``failures`` failed readings in a row."""
    wait = backoff(failures, RETRY_BASE).total_seconds()
    if asked_wait is not None:
        wait = max(wait, asked_wait)
    return now + timedelta(seconds=min(wait, MAX_WAIT.total_seconds()))
