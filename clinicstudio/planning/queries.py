"""What the calendar shows: posts shaped for the month grid, the week and the agenda.

Queries select only the columns a chip needs (no post bodies, no media), and every day boundary
is the clinic's own midnight, so a post at 23:30 local sits on its local day whatever UTC says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from clinicstudio.domain import PostStatus
from clinicstudio.planning.clock import days_span_utc, month_grid_first_day, today_in, week_start
from clinicstudio.planning.observances import Observance, ObservanceDay, observances_between
from clinicstudio.store.posts import summaries_between

#: Posts in these states have gone out (or are going out) and keep their date.
FIXED_STATUSES = frozenset({PostStatus.PUBLISHED, PostStatus.PUBLISHING,
                            PostStatus.PARTLY_PUBLISHED})


@dataclass(frozen=True, slots=True)
class CalendarPost:
    """One post as a calendar chip: ``local`` is its time in the clinic's zone."""

    id: int
    title: str
    status: PostStatus
    when: datetime
    local: datetime
    networks: tuple[str, ...] = ()
    campaign_id: int | None = None
    segment_id: int | None = None
    series_id: int | None = None

    @property
    def movable(self) -> bool:
        return self.status not in FIXED_STATUSES


@dataclass(frozen=True, slots=True)
class CalendarFilter:
    """Which posts to show. Empty sets and ``None`` mean "any"."""

    networks: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    campaign_id: int | None = None
    segment_id: int | None = None

    def admits(self, post: CalendarPost) -> bool:
        if self.networks and not self.networks.intersection(post.networks):
            return False
        if self.statuses and str(post.status) not in self.statuses:
            return False
        if self.campaign_id is not None and post.campaign_id != self.campaign_id:
            return False
        return self.segment_id is None or post.segment_id == self.segment_id


@dataclass(slots=True)
class CalendarDay:
    """One day cell: its posts in time order and the observances that fall on it."""

    day: date
    in_focus: bool = True
    is_today: bool = False
    posts: list[CalendarPost] = field(default_factory=list)
    observances: list[ObservanceDay] = field(default_factory=list)


@dataclass(slots=True)
class CalendarPeriod:
    """Days to show (six weeks for a month, seven for a week) and the month-long observances."""

    title: str
    zone: str
    days: list[CalendarDay]
    month_observances: list[ObservanceDay] = field(default_factory=list)

    @property
    def weeks(self) -> list[list[CalendarDay]]:
        return [self.days[i:i + 7] for i in range(0, len(self.days), 7)]

    def find(self, post_id: int) -> CalendarPost | None:
        for day in self.days:
            for post in day.posts:
                if post.id == post_id:
                    return post
        return None


def fetch_posts(session: Session, start: datetime, end: datetime, zone: ZoneInfo,
                wanted: CalendarFilter | None = None) -> list[CalendarPost]:
    """Posts scheduled or published in [start, end), as chips, in time order.

    The store reads the light summaries through an index on the calendar time; filtering a
    month's few hundred rows here is cheaper than one more query per filter combination.
    """
    wanted = wanted or CalendarFilter()
    posts = []
    for row in summaries_between(session, start, end):
        if row.when is None:
            continue
        post = CalendarPost(
            id=row.id, title=row.title or "Untitled post", status=PostStatus(row.status),
            when=row.when, local=row.when.astimezone(zone), networks=row.networks,
            campaign_id=row.campaign_id, segment_id=row.segment_id, series_id=row.series_id,
        )
        if wanted.admits(post):
            posts.append(post)
    return posts


def _period(session: Session, first: date, days: int, zone: ZoneInfo, title: str,
            wanted: CalendarFilter | None, focus_month: int | None, now: datetime | None,
            catalog: tuple[Observance, ...] | None) -> CalendarPeriod:
    last = first + timedelta(days=days - 1)
    start, end = days_span_utc(first, last, zone)
    today = today_in(zone, now)
    cells = [CalendarDay(first + timedelta(days=i)) for i in range(days)]
    by_day = {cell.day: cell for cell in cells}
    for cell in cells:
        cell.is_today = cell.day == today
        cell.in_focus = focus_month is None or cell.day.month == focus_month
    for post in fetch_posts(session, start, end, zone, wanted):
        cell = by_day.get(post.local.date())
        if cell is not None:
            cell.posts.append(post)
    period = CalendarPeriod(title, zone.key, cells)
    for found in observances_between(first, last, catalog):
        if found.observance.kind == "month":
            if focus_month is None or found.first.month == focus_month:
                period.month_observances.append(found)
            continue
        # Day and week observances are shown once, on the first day visible.
        shown = max(found.first, first)
        if shown in by_day:
            by_day[shown].observances.append(found)
    return period


def month_period(session: Session, year: int, month: int, zone: ZoneInfo, *,
                 wanted: CalendarFilter | None = None, now: datetime | None = None,
                 catalog: tuple[Observance, ...] | None = None) -> CalendarPeriod:
    """Six weeks from the Sunday on or before the 1st, each day with its posts."""
    first = month_grid_first_day(year, month)
    title = date(year, month, 1).strftime("%B %Y")
    return _period(session, first, 42, zone, title, wanted, month, now, catalog)


def week_period(session: Session, any_day: date, zone: ZoneInfo, *,
                wanted: CalendarFilter | None = None, now: datetime | None = None,
                catalog: tuple[Observance, ...] | None = None) -> CalendarPeriod:
    """The Sunday-to-Saturday week holding ``any_day``."""
    first = week_start(any_day)
    last = first + timedelta(days=6)
    title = f"{first:%b} {first.day} – {last:%b} {last.day}, {last.year}"
    return _period(session, first, 7, zone, title, wanted, None, now, catalog)


def agenda(session: Session, first: date, days: int, zone: ZoneInfo, *,
           wanted: CalendarFilter | None = None) -> list[CalendarPost]:
    """Posts of ``days`` days from ``first`` as one time-ordered list."""
    start, end = days_span_utc(first, first + timedelta(days=days - 1), zone)
    return fetch_posts(session, start, end, zone, wanted)
