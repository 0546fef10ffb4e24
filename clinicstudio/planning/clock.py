"""The clinic's clock: calendar days and wall-clock times in the clinic's zone, turned into UTC.

Every day boundary the calendar uses is computed here, in the clinic's own zone, so a day is the
clinic's day (23 or 25 hours long when daylight saving time starts or ends), not a UTC day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from clinicstudio.domain import UserError
from clinicstudio.store.clinic import get_profile

#: When a post started from a day (not from a time slot) is proposed to go out.
DEFAULT_POST_TIME = time(9, 0)
#: US wall calendars start the week on Sunday (Python's weekday 6).
FIRST_WEEKDAY = 6


def load_zone(name: str | None) -> ZoneInfo:
    """The zone called ``name`` (an IANA name such as ``America/Chicago``)."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"'{name}' is not a time zone ClinicStudio knows; set one like "
                        "America/Chicago in the clinic profile.") from None


def clinic_zone(session: Session) -> ZoneInfo:
    """The clinic's time zone from its profile (UTC until one is set)."""
    profile = get_profile(session)
    return load_zone(profile.time_zone if profile is not None else "UTC")


def local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of wall-clock ``at`` on ``day`` in ``zone``.

    A time skipped when clocks spring forward (02:30) lands one hour later (03:30), so the post
    still goes out that morning; a time that happens twice in autumn means the first one.
    """
    return datetime.combine(day, at.replace(tzinfo=None)).replace(tzinfo=zone).astimezone(UTC)


def day_start_utc(day: date, zone: ZoneInfo) -> datetime:
    return local_to_utc(day, time(0), zone)


def days_span_utc(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC bounds [start, end) of the clinic's days ``first`` to ``last`` inclusive."""
    return day_start_utc(first, zone), day_start_utc(last + timedelta(days=1), zone)


def week_start(day: date) -> date:
    """The first day (Sunday) of the calendar week holding ``day``."""
    return day - timedelta(days=(day.weekday() - FIRST_WEEKDAY) % 7)


def month_grid_first_day(year: int, month: int) -> date:
    """The first day shown in a six-week month grid (the Sunday on or before the 1st)."""
    return week_start(date(year, month, 1))


def today_in(zone: ZoneInfo, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(zone).date()


def zone_caption(zone: ZoneInfo, at: datetime | None = None) -> str:
    """How the pane names the zone: 'America/New_York (EST, UTC-05:00)'."""
    moment = (at or datetime.now(UTC)).astimezone(zone)
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{zone.key} ({moment.tzname()}, UTC{sign}{hours:02d}:{rest:02d})"


def time_text(at: time | datetime) -> str:
    """A time as a US office writes it: '9:00 AM', '12:30 PM'."""
    suffix = "AM" if at.hour < 12 else "PM"
    return f"{at.hour % 12 or 12}:{at.minute:02d} {suffix}"


def short_time_text(at: time | datetime) -> str:
    """The compact form on a calendar chip: '9a', '12:30p'."""
    minutes = f":{at.minute:02d}" if at.minute else ""
    return f"{at.hour % 12 or 12}{minutes}{'a' if at.hour < 12 else 'p'}"
