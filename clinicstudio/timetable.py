"""The studio's timetable: posts going out on time while the window is open, late posts waiting
for a person, and posts that repeat.

:class:`Timetable` is what the window's scheduler clock, its late-posts prompt and the schedule
dialog call. No Qt here: every method may block (the window calls them from worker threads) and
answers in plain data plus the :class:`~clinicstudio.domain.Changes` it made.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from clinicstudio.domain import Changes, PostStatus, UserError
from clinicstudio.planning.clock import load_zone, time_text
from clinicstudio.planning.recurrence import WEEKDAYS, parse_rule
from clinicstudio.planning.series import SeriesScope, draft_from_post
from clinicstudio.publishing.scheduler import DueReport, held_posts, publish_due
from clinicstudio.store import posts as post_store
from clinicstudio.store.models import Post

if TYPE_CHECKING:
    from clinicstudio.app import Studio

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


@dataclass(frozen=True, slots=True)
class LatePost:
    """A scheduled post whose time passed while no ClinicStudio was open, held for a person."""

    id: int
    title: str
    planned: datetime  # UTC
    networks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DueRun:
    """What one pick-up of due posts did, in the clinic's words."""

    at: datetime  # UTC
    went_out: tuple[int, ...]
    failed: tuple[int, ...]
    waiting: tuple[int, ...]
    late: tuple[LatePost, ...]
    changes: Changes
    #: What this pick-up put right after a ClinicStudio stopped mid-send (sentences).
    repairs: tuple[str, ...] = ()

    def message(self, zone: ZoneInfo) -> str:
        """A calm status-bar line ("2 scheduled posts went out at 9:00 AM."), or ""."""
        at = time_text(self.at.astimezone(zone))
        parts = list(self.repairs)
        if self.went_out:
            parts.append(f"{_posts(len(self.went_out))} went out at {at}.")
        if self.failed:
            parts.append(f"{_posts(len(self.failed))} could not go out at {at}; "
                         "open it in the post list to see why.")
        if self.waiting:
            parts.append(f"{_posts(len(self.waiting))} will be tried again shortly.")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class RepeatChoice:
    """One way a post can repeat, as the schedule dialog offers it."""

    label: str
    rule: str


def _posts(count: int) -> str:
    return f"{count} scheduled post{'s' if count != 1 else ''}"


def repeat_choices(day: date) -> list[RepeatChoice]:
    """The repeats a post planned on ``day`` (the clinic's local date) can have."""
    weekday = WEEKDAYS[day.weekday()]
    name = f"{day:%A}"
    nth = (day.day - 1) // 7 + 1
    ordinal = -1 if nth == 5 else nth
    return [
        RepeatChoice(f"Every week on {name}", f"FREQ=WEEKLY;BYDAY={weekday}"),
        RepeatChoice(f"Every 2 weeks on {name}", f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}"),
        RepeatChoice(f"The {ORDINALS[ordinal]} {name} of each month",
                     f"FREQ=MONTHLY;BYDAY={ordinal}{weekday}"),
        RepeatChoice(f"Day {day.day} of each month", f"FREQ=MONTHLY;BYMONTHDAY={day.day}"),
    ]


def with_end(rule: str, last_day: date | None) -> str:
    """``rule`` ending on ``last_day`` (inclusive, clinic time), or open-ended."""
    if last_day is None:
        return parse_rule(rule).to_rule()
    return replace(parse_rule(rule), count=None, until=last_day).to_rule()


class Timetable:
    """Due posts, late posts and series for one studio. Call from worker threads."""

    def __init__(self, studio: Studio) -> None:
        self._studio = studio
        self._db = studio.db

    def zone(self) -> ZoneInfo:
        return load_zone(self._studio.clinic.time_zone)

    def _calendar(self) -> Any:
        return self._studio.pane_service("calendar")

    def _actor(self) -> str:
        return self._studio.actor_name() or "Scheduler"

    # -- on time -------------------------------------------------------------------------------
    def publish_due(self, now: datetime | None = None) -> DueRun:
        """Send every post whose time has come (and retries whose wait is over)."""
        compliance = importlib.import_module("clinicstudio.compliance")
        publishing = importlib.import_module("clinicstudio.publishing")
        engine = publishing.Publisher(self._db, vault=self._studio.vault,
                                      checker_factory=compliance.Checker, actor=self._actor())
        moment = now or datetime.now(UTC)
        report: DueReport = publish_due(self._db, moment, publisher=engine)
        went_out = tuple(r.post_id for r in report.results if r.status is PostStatus.PUBLISHED)
        failed = tuple(r.post_id for r in report.results
                       if r.status in (PostStatus.FAILED, PostStatus.PARTLY_PUBLISHED))
        waiting = tuple(r.post_id for r in report.results
                        if r.status is PostStatus.PUBLISHING)
        touched = (set(report.started) | set(report.held) | {r.post_id for r in report.results}
                   | set(report.repaired) | set(report.released_posts))
        changes = Changes(posts=frozenset(touched),
                          outbox=bool(report.results or report.released_posts))
        return DueRun(moment, went_out, failed, waiting, tuple(self.late_posts()), changes,
                      tuple(report.repairs()))

    def late_posts(self) -> list[LatePost]:
        """Late posts held for a person to decide, oldest first."""
        with self._db.session() as session:
            return [LatePost(p.id, p.title or "Untitled post", _utc(p.scheduled_at),
                             tuple(p.networks)) for p in held_posts(session)
                    if p.scheduled_at is not None]

    def publish_now(self, post_id: int) -> Changes:
        """Send a late post now, as a person decided."""
        _outcomes, changes = self._studio.publish(post_id, lambda _network, _text: None)
        return changes

    def reschedule(self, post_id: int, when: datetime) -> Changes:
        """Give a late post a new time (which also releases it from the hold)."""
        if when <= datetime.now(UTC):
            raise UserError("Pick a time that is still to come.")
        return self._studio.schedule(post_id, when)

    def keep_as_draft(self, post_id: int) -> Changes:
        """Take a late post off the schedule; it stays in the list as a draft."""
        with self._db.transaction() as session:
            return post_store.set_status(session, post_id, PostStatus.DRAFT,
                                         actor=self._actor())[1]

    # -- repeating posts -----------------------------------------------------------------------
    def series_of(self, post_id: int) -> int | None:
        with self._db.session() as session:
            return session.scalar(select(Post.series_id).where(Post.id == post_id))

    def extend_series(self) -> Changes:
        """Keep every running series three months ahead (run at start and once a day)."""
        return self._calendar().extend_series()  # type: ignore[no-any-return]

    def repeat(self, post_id: int, first: datetime, rule: str) -> Changes:
        """Make ``post_id`` the first post of a new series repeating by ``rule`` from ``first``.

        The series creates its posts three months ahead; the one at ``first`` is this post
        itself, so the editor keeps the post it shows.
        """
        if self.series_of(post_id) is not None:
            raise UserError("This post already repeats; change the series from one of its posts.")
        with self._db.session() as session:
            template = replace(draft_from_post(post_store.get_post(session, post_id)),
                               scheduled_at=first)
        series_id, changes = self._calendar().create_series(template.title or "", rule, first,
                                                            template)
        first_utc = first.astimezone(UTC)
        with self._db.transaction() as session:
            twin = [p.id for p in session.scalars(select(Post).where(Post.series_id == series_id))
                    if p.scheduled_at is not None and _utc(p.scheduled_at) == first_utc]
            for duplicate in twin:
                post_store.delete_post(session, duplicate, actor=self._actor())
            post = post_store.get_post(session, post_id)
            post.series_id = series_id
        schedule = self._studio.schedule(post_id, first)
        return changes | schedule | Changes(posts=frozenset({post_id}))

    def change_in_series(self, post_id: int, scope: SeriesScope,
                         when: datetime | None = None) -> Changes:
        """Apply the post's saved content (and ``when``, if given) to ``scope`` of its series."""
        with self._db.session() as session:
            draft = draft_from_post(post_store.get_post(session, post_id))
        if when is not None:
            draft = replace(draft, scheduled_at=when)
        return self._calendar().edit_series(post_id, draft, scope)  # type: ignore[no-any-return]


def _utc(moment: datetime | None) -> datetime:
    assert moment is not None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
