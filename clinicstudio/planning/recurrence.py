"""Recurring posts: the part of iCalendar's RRULE (RFC 5545 §3.3.10) a clinic needs.

Supported parts: ``FREQ`` (DAILY, WEEKLY, MONTHLY), ``INTERVAL``, ``BYDAY`` (``MO``; with MONTHLY
also ``1MO`` or ``-1FR``), ``BYMONTHDAY`` (``1`` to ``31``, ``-1`` for the last day), ``COUNT``
and ``UNTIL``. Weeks start on Monday (``WKST=MO``), as the RFC's default says.

Occurrences are worked out as wall-clock times in the clinic's zone and only then turned into
UTC, so a tip at 09:00 stays at 09:00 when daylight saving time starts or ends.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from clinicstudio.domain import UserError

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY")
# A rule that matches nothing (BYMONTHDAY=31 with BYDAY=1MO) must not loop for ever.
MAX_PERIODS = 5000


class RuleError(UserError):
    """The repeat rule cannot be used; the message says which part and why."""


@dataclass(frozen=True, slots=True)
class ByDay:
    """A weekday (0 = Monday), optionally the n-th of the month (1 first, -1 last)."""

    weekday: int
    ordinal: int = 0

    def __str__(self) -> str:
        return f"{self.ordinal or ''}{WEEKDAYS[self.weekday]}"


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A parsed repeat rule. ``until`` is UTC, a floating local time, or a date (inclusive)."""

    freq: str
    interval: int = 1
    by_day: tuple[ByDay, ...] = ()
    by_month_day: tuple[int, ...] = ()
    count: int | None = None
    until: datetime | date | None = None

    def to_rule(self) -> str:
        """The canonical RRULE value (what is stored on the series)."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.by_day:
            parts.append("BYDAY=" + ",".join(str(b) for b in self.by_day))
        if self.by_month_day:
            parts.append("BYMONTHDAY=" + ",".join(str(d) for d in self.by_month_day))
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if isinstance(self.until, datetime):
            suffix = "Z" if self.until.tzinfo is not None else ""
            parts.append(f"UNTIL={self.until.strftime('%Y%m%dT%H%M%S')}{suffix}")
        elif isinstance(self.until, date):
            parts.append(f"UNTIL={self.until.strftime('%Y%m%d')}")
        return ";".join(parts)

    def until_utc(self, zone: ZoneInfo) -> datetime | None:
        """The last moment an occurrence may have, in UTC."""
        if self.until is None:
            return None
        if isinstance(self.until, datetime):
            if self.until.tzinfo is not None:
                return self.until.astimezone(UTC)
            return self.until.replace(tzinfo=zone).astimezone(UTC)
        end_of_day = datetime.combine(self.until, time(23, 59, 59))
        return end_of_day.replace(tzinfo=zone).astimezone(UTC)


def _integer(name: str, text: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise RuleError(f"The repeat rule's {name} must be a whole number, not '{text}'.") from None
    if not low <= value <= high or value == 0:
        raise RuleError(f"The repeat rule's {name} {value} is out of range.")
    return value


def _by_day(text: str, freq: str) -> ByDay:
    code = text[-2:].upper()
    if code not in WEEKDAYS:
        raise RuleError(f"'{text}' is not a weekday in the repeat rule (use MO, TU, ... SU).")
    ordinal = _integer("week number", text[:-2], -5, 5) if text[:-2] else 0
    if ordinal and freq != "MONTHLY":
        raise RuleError(f"'{text}' (a numbered weekday) only works with monthly repeats.")
    return ByDay(WEEKDAYS.index(code), ordinal)


def _until(text: str) -> datetime | date:
    try:
        if "T" not in text:
            return datetime.strptime(text, "%Y%m%d").date()
        if text.endswith("Z"):
            return datetime.strptime(text[:-1], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        return datetime.strptime(text, "%Y%m%dT%H%M%S")
    except ValueError:
        raise RuleError(f"The repeat rule's end '{text}' is not a date like 20261231.") from None


def parse_rule(text: str) -> Recurrence:
    """Read an RRULE value such as ``FREQ=MONTHLY;BYDAY=1MO``; refuse what we do not support."""
    fields: dict[str, str] = {}
    for part in text.strip().removeprefix("RRULE:").split(";"):
        if not part:
            continue
        name, sep, value = part.partition("=")
        if not sep or not value:
            raise RuleError(f"'{part}' in the repeat rule is not NAME=VALUE.")
        fields[name.strip().upper()] = value.strip()
    freq = fields.pop("FREQ", "").upper()
    if freq not in FREQUENCIES:
        raise RuleError("Posts can repeat daily, weekly or monthly "
                        "(FREQ=DAILY, WEEKLY or MONTHLY).")
    interval = _integer("INTERVAL", fields.pop("INTERVAL", "1"), 1, 1000)
    by_day = tuple(_by_day(v, freq) for v in fields.pop("BYDAY", "").split(",") if v)
    by_month_day = tuple(
        _integer("BYMONTHDAY", v, -31, 31) for v in fields.pop("BYMONTHDAY", "").split(",") if v
    )
    count = _integer("COUNT", fields.pop("COUNT"), 1, 10000) if "COUNT" in fields else None
    until = _until(fields.pop("UNTIL")) if "UNTIL" in fields else None
    if fields.pop("WKST", "MO").upper() != "MO":
        raise RuleError("Only weeks starting on Monday (WKST=MO) are supported.")
    if count is not None and until is not None:
        raise RuleError("A repeat rule may end after a number of times or on a date, not both.")
    if fields:
        raise RuleError(f"The repeat rule part {sorted(fields)[0]} is not supported.")
    return Recurrence(freq, interval, by_day, by_month_day, count, until)


def _month_days(year: int, month: int, rule: Recurrence, default_day: int) -> list[int]:
    length = calendar.monthrange(year, month)[1]
    chosen: set[int] | None = None
    if rule.by_month_day:
        chosen = {d if d > 0 else length + 1 + d for d in rule.by_month_day}
    if rule.by_day:
        by_weekday: set[int] = set()
        for item in rule.by_day:
            matches = [d for d in range(1, length + 1)
                       if date(year, month, d).weekday() == item.weekday]
            if item.ordinal == 0:
                by_weekday.update(matches)
            elif abs(item.ordinal) <= len(matches):
                by_weekday.add(matches[item.ordinal - 1 if item.ordinal > 0 else item.ordinal])
        chosen = by_weekday if chosen is None else chosen & by_weekday
    if chosen is None:
        chosen = {default_day}
    return sorted(d for d in chosen if 1 <= d <= length)


def _wall_times(rule: Recurrence, start: datetime) -> Iterator[datetime]:
    """Candidate wall-clock times (naive, clinic zone) from the period holding ``start``."""
    at = start.time()
    weekdays = {b.weekday for b in rule.by_day}
    month_days = set(rule.by_month_day)
    if rule.freq == "DAILY":
        day = start.date()
        for _ in range(MAX_PERIODS * 7):
            length = calendar.monthrange(day.year, day.month)[1]
            day_ok = not month_days or day.day in month_days or day.day - length - 1 in month_days
            if (not weekdays or day.weekday() in weekdays) and day_ok:
                yield datetime.combine(day, at)
            day += timedelta(days=rule.interval)
    elif rule.freq == "WEEKLY":
        monday = start.date() - timedelta(days=start.weekday())
        for _ in range(MAX_PERIODS):
            for weekday in sorted(weekdays or {start.weekday()}):
                day = monday + timedelta(days=weekday)
                if not month_days or day.day in month_days:
                    yield datetime.combine(day, at)
            monday += timedelta(weeks=rule.interval)
    else:
        year, month = start.year, start.month
        for _ in range(MAX_PERIODS):
            for day_number in _month_days(year, month, rule, start.day):
                yield datetime.combine(date(year, month, day_number), at)
            month += rule.interval
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1


def occurrences(rule: Recurrence, start: datetime, zone: ZoneInfo,
                end: datetime | None = None) -> Iterator[datetime]:
    """The rule's occurrences from ``start`` (aware), as aware UTC times, before ``end`` if given.

    ``start`` is read as a wall-clock time in ``zone``: every occurrence keeps that time of day.
    """
    local_start = start.astimezone(zone).replace(tzinfo=None)
    last = rule.until_utc(zone)
    produced = 0
    for wall in _wall_times(rule, local_start):
        if wall < local_start:
            continue
        moment = wall.replace(tzinfo=zone).astimezone(UTC)
        if last is not None and moment > last:
            return
        if end is not None and moment >= end:
            return
        yield moment
        produced += 1
        if rule.count is not None and produced >= rule.count:
            return
