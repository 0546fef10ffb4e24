"""What the Results pane, the report and ``analytics posts|followers`` show, read in one go.

Everything here reads the rollups (each post's latest figures, each network's daily growth)
and the follower history, never the full reading history, so two years of readings for
thousands of posts load in a blink. A post's own history is read only when it is picked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import String, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session

from clinicstudio.analytics.campaigns import ENGAGED, CampaignResults, all_campaign_results
from clinicstudio.analytics.readings import (
    ENGAGING,
    FIGURES,
    SNAPSHOT_COLUMNS,
    engagement_of,
    rebuild_rollups,
    rollups_missing,
)
from clinicstudio.store.clinic import get_profile
from clinicstudio.store.models import (
    FollowerSnapshot,
    MetricDaily,
    MetricLatest,
    MetricSnapshot,
    Post,
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def post_readings(session: Session) -> list[dict[str, Any]]:
    """``analytics posts --json``: the latest reading of each post on each network."""
    _ensure_rollups(session)
    rows = session.scalars(select(MetricLatest).order_by(MetricLatest.post_id,
                                                         MetricLatest.network))
    return [{"post_id": r.post_id, "network": r.network, "read_at": iso(r.taken_at),
             "metrics": {name: getattr(r, name) for name in FIGURES}} for r in rows]


def follower_readings(session: Session) -> list[dict[str, Any]]:
    """``analytics followers --json``: each account's latest follower count."""
    newest = (select(FollowerSnapshot.network, FollowerSnapshot.account,
                     func.max(FollowerSnapshot.taken_at).label("at"))
              .group_by(FollowerSnapshot.network, FollowerSnapshot.account).subquery())
    rows = session.execute(
        select(FollowerSnapshot).join(newest, (newest.c.network == FollowerSnapshot.network)
                                      & (newest.c.account == FollowerSnapshot.account)
                                      & (newest.c.at == FollowerSnapshot.taken_at))
        .order_by(FollowerSnapshot.network, FollowerSnapshot.account)).scalars()
    seen: set[tuple[str, str]] = set()
    found = []
    for row in rows:
        if (row.network, row.account) not in seen:
            seen.add((row.network, row.account))
            found.append({"network": row.network, "account": row.account,
                          "followers": row.followers, "read_at": iso(row.taken_at)})
    return found


def _ensure_rollups(session: Session) -> None:
    if rollups_missing(session):
        rebuild_rollups(session)
        session.commit()


@dataclass
class TopPost:
    post_id: int
    title: str
    published_at: datetime | None
    engagements: int
    networks: list[str]


@dataclass
class Results:
    """Everything the Results pane and the monthly report show for a period."""

    start: date
    end: date
    time_zone: str
    # network -> [(day, engagements gained that day)]
    engagement: dict[str, list[tuple[date, int]]] = field(default_factory=dict)
    # network -> [(day, followers at the end of that day)]
    followers: dict[str, list[tuple[date, int]]] = field(default_factory=dict)
    campaigns: list[CampaignResults] = field(default_factory=list)
    # weekday (0 = Monday) x hour -> average engagements per post published then
    best_times: dict[tuple[int, int], float] = field(default_factory=dict)
    # weekday x hour -> how many posts went out then (weights the best day and hour)
    slot_posts: dict[tuple[int, int], int] = field(default_factory=dict)
    top_posts: list[TopPost] = field(default_factory=list)
    posts_measured: int = 0

    @property
    def engagements(self) -> int:
        return sum(v for series in self.engagement.values() for _, v in series)

    def follower_change(self) -> dict[str, tuple[int, int]]:
        """network -> (followers at the start of the period, at its end)."""
        return {n: (s[0][1], s[-1][1]) for n, s in self.followers.items() if s}

    def _best(self, part: int) -> int | None:
        """The weekday (part 0) or hour (part 1) whose posts did best on average."""
        engaged: dict[int, float] = defaultdict(float)
        posts: dict[int, int] = defaultdict(int)
        for slot, value in self.best_times.items():
            count = self.slot_posts.get(slot, 1)
            engaged[slot[part]] += value * count
            posts[slot[part]] += count
        return max(posts, key=lambda k: engaged[k] / posts[k]) if posts else None

    def best_day(self) -> str | None:
        day = self._best(0)
        return None if day is None else WEEKDAYS[day]

    def best_hour(self) -> int | None:
        return self._best(1)


def load_results(session: Session, start: date, end: date, *, top: int = 10) -> Results:
    """The period's results (``start`` and ``end`` included)."""
    _ensure_rollups(session)
    profile = get_profile(session)
    zone_name = profile.time_zone if profile else "UTC"
    try:
        zone = ZoneInfo(zone_name or "UTC")
    except ZoneInfoNotFoundError:
        zone = ZoneInfo("UTC")
    results = Results(start, end, zone_name or "UTC")
    _engagement(session, results)
    _followers(session, results)
    _posts(session, results, zone, top)
    results.campaigns = all_campaign_results(session)
    return results


def _engagement(session: Session, results: Results) -> None:
    columns = [getattr(MetricDaily, name) for name in ENGAGING]
    engaged = case((or_(*(c.is_not(None) for c in columns)),
                    sum((func.coalesce(c, 0) for c in columns), start=literal(0))))
    rows = session.execute(select(MetricDaily.day, MetricDaily.network, engaged)
                           .where(MetricDaily.day >= results.start,
                                  MetricDaily.day <= results.end)
                           .order_by(MetricDaily.day))
    for day, network, value in rows:
        if value is not None:
            results.engagement.setdefault(network, []).append((day, int(value)))


def _day_text(column: Any) -> Any:
    """The UTC day of a stored time as text (``2026-05-04``), the same on SQLite and
    PostgreSQL: reading thousands of rows as text is much quicker than as datetimes."""
    return func.substr(cast(column, String), 1, 10)


def _followers(session: Session, results: Results) -> None:
    first = datetime.combine(results.start, datetime.min.time(), UTC)
    last = datetime.combine(results.end + timedelta(days=1), datetime.min.time(), UTC)
    rows = session.execute(select(FollowerSnapshot.network,
                                  _day_text(FollowerSnapshot.taken_at),
                                  FollowerSnapshot.followers)
                           .where(FollowerSnapshot.taken_at >= first,
                                  FollowerSnapshot.taken_at < last,
                                  FollowerSnapshot.followers.is_not(None))
                           .order_by(FollowerSnapshot.taken_at))
    daily: dict[str, dict[str, int]] = defaultdict(dict)
    for network, day, followers in rows:
        daily[network][day] = followers  # the day's last reading wins
    results.followers = {n: [(date.fromisoformat(d), v) for d, v in sorted(days.items())]
                         for n, days in daily.items()}


def _posts(session: Session, results: Results, zone: ZoneInfo, top: int) -> None:
    first = datetime.combine(results.start, datetime.min.time(), UTC)
    last = datetime.combine(results.end + timedelta(days=1), datetime.min.time(), UTC)
    in_period = (Post.published_at >= first, Post.published_at < last)
    rows = session.execute(
        select(Post.id, Post.published_at, func.sum(func.coalesce(ENGAGED, 0)))
        .join(MetricLatest, MetricLatest.post_id == Post.id).where(*in_period)
        .group_by(Post.id, Post.published_at))
    engaged: dict[int, int] = {}
    slots: dict[tuple[int, int], list[int]] = defaultdict(list)
    for post_id, published_at, value in rows:
        engaged[post_id] = int(value or 0)
        local = published_at.astimezone(zone)
        slots[(local.weekday(), local.hour)].append(engaged[post_id])
    results.best_times = {slot: sum(v) / len(v) for slot, v in slots.items()}
    results.slot_posts = {slot: len(v) for slot, v in slots.items()}
    results.posts_measured = len(engaged)
    best = sorted(engaged, key=lambda p: (-engaged[p], p))[:top]
    details = {row[0]: row for row in session.execute(
        select(Post.id, Post.title, Post.published_at).where(Post.id.in_(best)))}
    networks: dict[int, list[str]] = defaultdict(list)
    for post_id, network in session.execute(select(MetricLatest.post_id, MetricLatest.network)
                                            .where(MetricLatest.post_id.in_(best))):
        networks[post_id].append(network)
    results.top_posts = [TopPost(p, details[p][1], details[p][2], engaged[p], networks[p])
                         for p in best]


def post_history(session: Session, post_id: int) -> dict[str, list[tuple[datetime, int]]]:
    """One post's engagement over time per network, from its full reading history."""
    columns = [getattr(MetricSnapshot, SNAPSHOT_COLUMNS[name]) for name in FIGURES]
    rows = session.execute(select(MetricSnapshot.network, MetricSnapshot.taken_at, *columns)
                           .where(MetricSnapshot.post_id == post_id)
                           .order_by(MetricSnapshot.taken_at))
    history: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    for network, taken_at, *values in rows:
        engaged = engagement_of(dict(zip(FIGURES, values, strict=True)))
        if engaged is not None:
            history[network].append((taken_at, engaged))
    return dict(history)
