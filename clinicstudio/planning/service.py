"""The calendar pane's one door to the database: :class:`CalendarService`.

The pane asks for periods and lists and hands back a person's moves; every answer is plain
data (no ORM objects leave a session), so the widgets never touch SQL or sessions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from clinicstudio.domain import Changes, Platform, PostStatus
from clinicstudio.planning.clock import DEFAULT_POST_TIME, clinic_zone, local_to_utc, today_in
from clinicstudio.planning.moves import move_post
from clinicstudio.planning.observances import (
    Observance,
    ObservanceDay,
    create_observance_draft,
    load_catalog,
    observances_between,
)
from clinicstudio.planning.queries import (
    CalendarFilter,
    CalendarPeriod,
    CalendarPost,
    agenda,
    month_period,
    week_period,
)
from clinicstudio.planning.series import (
    SeriesScope,
    change_series_rule,
    create_series,
    edit_series,
    extend_all_series,
)
from clinicstudio.store.database import Database
from clinicstudio.store.models import Campaign, Segment
from clinicstudio.store.posts import PostDraft


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What the filter bar offers: (value, label) pairs."""

    networks: tuple[tuple[str, str], ...]
    campaigns: tuple[tuple[int, str], ...]
    segments: tuple[tuple[int, str], ...]
    statuses: tuple[tuple[str, str], ...]


class CalendarService:
    """Calendar queries and moves over one database, in the clinic's time zone.

    ``now`` may be given to pin the clock (tests, benchmarks); ``actor`` names who moves posts
    in the audit log.
    """

    def __init__(self, db: Database, *, actor: str = "",
                 now: Callable[[], datetime] | None = None,
                 catalog: Sequence[Observance] | None = None) -> None:
        self._db = db
        self._actor = actor
        self._now = now or (lambda: datetime.now(UTC))
        self._catalog = tuple(catalog) if catalog is not None else load_catalog()
        self._zone: ZoneInfo | None = None

    # -- the clinic's clock ----------------------------------------------------------------
    def zone(self) -> ZoneInfo:
        """The clinic's zone (read once; :meth:`forget_zone` after the profile changes)."""
        if self._zone is None:
            with self._db.session() as session:
                self._zone = clinic_zone(session)
        return self._zone

    def forget_zone(self) -> None:
        self._zone = None

    def now(self) -> datetime:
        return self._now()

    def today(self) -> date:
        return today_in(self.zone(), self._now())

    def local_to_utc(self, day: date, at: time | None = None) -> datetime:
        """When a new post started on ``day`` (at ``at``, else the usual hour) goes out, in UTC."""
        return local_to_utc(day, at or DEFAULT_POST_TIME, self.zone())

    # -- what the views show ---------------------------------------------------------------
    def month(self, year: int, month: int, wanted: CalendarFilter | None = None) -> CalendarPeriod:
        with self._db.session() as session:
            return month_period(session, year, month, self.zone(), wanted=wanted,
                                now=self._now(), catalog=self._catalog)

    def week(self, any_day: date, wanted: CalendarFilter | None = None) -> CalendarPeriod:
        with self._db.session() as session:
            return week_period(session, any_day, self.zone(), wanted=wanted, now=self._now(),
                               catalog=self._catalog)

    def agenda(self, first: date, days: int = 31,
               wanted: CalendarFilter | None = None) -> list[CalendarPost]:
        with self._db.session() as session:
            return agenda(session, first, days, self.zone(), wanted=wanted)

    def observances(self, first: date, last: date) -> list[ObservanceDay]:
        return observances_between(first, last, self._catalog)

    def filter_choices(self) -> FilterChoices:
        with self._db.session() as session:
            campaigns = session.execute(select(Campaign.id, Campaign.name).order_by(Campaign.name))
            segments = session.execute(select(Segment.id, Segment.name).order_by(Segment.name))
            return FilterChoices(
                networks=tuple((p.value, p.label) for p in Platform),
                campaigns=tuple((row.id, row.name) for row in campaigns),
                segments=tuple((row.id, row.name) for row in segments),
                statuses=tuple((s.value, s.label) for s in PostStatus),
            )

    # -- what a person does ----------------------------------------------------------------
    def move_post(self, post_id: int, day: date, at: time | None = None) -> Changes:
        """Move a post to ``day`` (at ``at`` in the clinic's zone; ``None`` keeps its time).

        Raises :class:`clinicstudio.domain.UserError` with the reason when it cannot move.
        """
        with self._db.transaction() as session:
            return move_post(session, post_id, day, at, self.zone(), actor=self._actor,
                             now=self._now())

    def draft_observance(self, key: str, year: int,
                         networks: Sequence[str] = ()) -> tuple[int, Changes]:
        """Turn a suggested observance into a draft post; returns its number and the change."""
        with self._db.transaction() as session:
            post, changes = create_observance_draft(session, key, year, self.zone(),
                                                    networks=networks, actor=self._actor,
                                                    catalog=self._catalog)
            return post.id, changes

    # -- recurring series (for the editor's "Repeat" and "this one / following / all") --------
    def create_series(self, name: str, rule: str, first: datetime,
                      template: PostDraft) -> tuple[int, Changes]:
        """Start a series at ``first`` and create its posts three months ahead."""
        with self._db.transaction() as session:
            series, changes = create_series(session, name, rule, first, template, self.zone(),
                                            actor=self._actor, now=self._now())
            return series.id, changes

    def edit_series(self, post_id: int, draft: PostDraft, scope: SeriesScope) -> Changes:
        with self._db.transaction() as session:
            return edit_series(session, post_id, draft, scope, self.zone(), actor=self._actor)

    def change_series_rule(self, post_id: int, rule: str, scope: SeriesScope) -> Changes:
        with self._db.transaction() as session:
            return change_series_rule(session, post_id, rule, scope, self.zone(),
                                      actor=self._actor, now=self._now())

    def extend_series(self) -> Changes:
        """Keep every running series three months ahead (call once a day)."""
        with self._db.transaction() as session:
            return extend_all_series(session, self.zone(), actor=self._actor, now=self._now())
