"""Health observances (American Heart Month, World Health Day ...) as calendar suggestions.

The catalog is shipped data (``resources/planning/observances.toml``). Each entry gives its dates
as a rule (a whole month, a week or a day, fixed or "second Thursday of March") and a draft text
written for everyone: it invites and informs, and never says or implies that a reader has a
condition. A suggestion becomes a post only when a person asks for a draft.
"""

from __future__ import annotations

import calendar
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from clinicstudio.domain import Changes, PostStatus, UserError
from clinicstudio.planning.clock import DEFAULT_POST_TIME, local_to_utc
from clinicstudio.planning.recurrence import WEEKDAYS
from clinicstudio.resources import resource_path
from clinicstudio.store.models import Post
from clinicstudio.store.posts import PostDraft, create_post

KINDS = ("month", "week", "day")


@dataclass(frozen=True, slots=True)
class Observance:
    """One entry of the catalog. ``weekday``/``nth`` give a floating date ("1st Friday")."""

    key: str
    name: str
    kind: str
    month: int
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None
    length_days: int = 7
    organizer: str = ""
    draft: str = ""
    note: str = ""

    def dates_in(self, year: int) -> tuple[date, date]:
        """First and last day (inclusive) of this observance in ``year``."""
        if self.kind == "month":
            return date(year, self.month, 1), date(year, self.month,
                                                   calendar.monthrange(year, self.month)[1])
        if self.weekday is not None:
            days = [date(year, self.month, d)
                    for d in range(1, calendar.monthrange(year, self.month)[1] + 1)
                    if date(year, self.month, d).weekday() == self.weekday]
            first = days[(self.nth or 1) - 1 if (self.nth or 1) > 0 else self.nth]
        else:
            first = date(year, self.month, self.day or 1)
        length = self.length_days if self.kind == "week" else 1
        return first, first + timedelta(days=length - 1)


@dataclass(frozen=True, slots=True)
class ObservanceDay:
    """An observance placed in a given year."""

    observance: Observance
    first: date
    last: date

    @property
    def label(self) -> str:
        return self.observance.name


def _observance(entry: dict[str, object], source: Path) -> Observance:
    try:
        kind = str(entry["kind"])
        weekday = entry.get("weekday")
        observance = Observance(
            key=str(entry["key"]), name=str(entry["name"]), kind=kind, month=int(entry["month"]),
            day=int(entry["day"]) if "day" in entry else None,
            weekday=WEEKDAYS.index(str(weekday).upper()) if weekday is not None else None,
            nth=int(entry["nth"]) if "nth" in entry else None,
            length_days=int(entry.get("length_days", 7)),
            organizer=str(entry.get("organizer", "")), draft=str(entry.get("draft", "")).strip(),
            note=str(entry.get("note", "")),
        )
    except (KeyError, ValueError, TypeError) as exc:
        key = entry.get("key", "?")
        raise UserError(f"{source}: observance {key} is incomplete ({exc}).") from None
    if kind not in KINDS:
        raise UserError(f"{source}: observance {observance.key} has an unknown kind '{kind}'.")
    observance.dates_in(2000)  # a rule that cannot be placed fails here, at load time
    return observance


@cache
def load_catalog(path: Path | None = None) -> tuple[Observance, ...]:
    """The shipped catalog (or the one at ``path``), in calendar order."""
    source = path or resource_path("planning", "observances.toml")
    with source.open("rb") as handle:
        data = tomllib.load(handle)
    entries = [_observance(entry, source) for entry in data.get("observance", [])]
    return tuple(sorted(entries, key=lambda o: (o.month, KINDS.index(o.kind), o.name)))


def observances_between(first: date, last: date,
                        catalog: Sequence[Observance] | None = None) -> list[ObservanceDay]:
    """Observances overlapping the days ``first`` to ``last`` inclusive, in date order."""
    found: list[ObservanceDay] = []
    for year in range(first.year - 1, last.year + 1):
        for observance in catalog if catalog is not None else load_catalog():
            start, end = observance.dates_in(year)
            if start <= last and end >= first:
                found.append(ObservanceDay(observance, start, end))
    return sorted(found, key=lambda o: (o.first, KINDS.index(o.observance.kind), o.label))


def find_observance(key: str, catalog: Sequence[Observance] | None = None) -> Observance:
    for observance in catalog if catalog is not None else load_catalog():
        if observance.key == key:
            return observance
    raise UserError(f"There is no health observance called '{key}' in the calendar.")


def draft_for(observance: Observance, year: int, zone: ZoneInfo,
              networks: Sequence[str] = ()) -> PostDraft:
    """A draft post for ``observance``: its text, dated on its first day at the usual time."""
    first, _last = observance.dates_in(year)
    return PostDraft(body=observance.draft, title=f"{observance.name} {year}",
                     networks=tuple(networks),
                     scheduled_at=local_to_utc(first, DEFAULT_POST_TIME, zone))


def create_observance_draft(session: Session, key: str, year: int, zone: ZoneInfo, *,
                            networks: Sequence[str] = (), actor: str = "",
                            catalog: Sequence[Observance] | None = None) -> tuple[Post, Changes]:
    """Turn a suggestion into a draft post (dated, but a draft: it will not go out by itself)."""
    draft = draft_for(find_observance(key, catalog), year, zone, networks)
    return create_post(session, draft, actor=actor, status=PostStatus.DRAFT)
