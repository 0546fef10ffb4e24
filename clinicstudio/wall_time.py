"""Clock times as a person types them, in the clinic's time zone, read without guessing.

Twice a year a wall-clock time is not one moment: in spring an hour is skipped (02:30 does not
exist), in autumn an hour happens twice (01:30 comes round again). :func:`resolve` refuses both
with the two possible readings, so the person chooses; the window asks, the command line says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from clinicstudio.domain import UserError

# Scheduling further ahead than this is a typing mistake (and far years overflow conversions).
LATEST_YEAR = 2199


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to understand a wall-clock time: the moment, as the clinic's clock shows it."""

    moment: datetime

    @property
    def words(self) -> str:
        return f"{self.moment:%Y-%m-%d %H:%M} {self.moment.tzname()} ({self.moment.isoformat()})"


class UnclearTime(UserError):
    """A wall-clock time in a daylight-saving gap or overlap: it has two readings."""

    def __init__(self, message: str, readings: tuple[Reading, Reading]) -> None:
        super().__init__(message)
        self.readings = readings


def readings(naive: datetime, zone: ZoneInfo) -> tuple[Reading, ...]:
    """The moments a wall-clock time may mean: one usually, two in a gap or an overlap."""
    early, late = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if early.utcoffset() == late.utcoffset():
        return (Reading(early),)
    # In a gap neither reading round-trips to the typed time; the clocks show them an hour apart.
    if early.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        before = (early.astimezone(UTC)).astimezone(zone)
        after = (late.astimezone(UTC)).astimezone(zone)
        return tuple(sorted((Reading(before), Reading(after)), key=lambda r: r.moment))
    return (Reading(early), Reading(late))


def resolve(naive: datetime, zone: ZoneInfo) -> datetime:
    """The one moment ``naive`` (a clinic wall-clock time) means, or :class:`UnclearTime`."""
    if naive.year > LATEST_YEAR:
        raise UserError(f"{naive:%Y-%m-%d} is too far ahead to schedule; pick a date before "
                        f"{LATEST_YEAR + 1}.")
    found = readings(naive, zone)
    if len(found) == 1:
        return found[0].moment
    first, second = found
    typed = f"{naive:%Y-%m-%d %H:%M}"
    if first.moment.replace(tzinfo=None) != naive:
        message = (f"{typed} does not exist in {zone.key}: the clocks skip that hour. Did you "
                   f"mean {first.words} or {second.words}? Give one of those.")
    else:
        message = (f"{typed} happens twice in {zone.key} (the clocks go back): {first.words} "
                   f"or {second.words}? Give the time with its offset.")
    raise UnclearTime(message, (first, second))


def refuse_past(when: datetime, now: datetime | None = None, *, late_ok: bool = False,
                hint: str = "add --late-ok to publish it as soon as possible") -> None:
    """Scheduling for a time already gone is a mistake unless the person says it is not."""
    now = now or datetime.now(UTC)
    if when < now - timedelta(minutes=1) and not late_ok:
        raise UserError(f"{when:%Y-%m-%d %H:%M} has already passed; pick a time still to come, "
                        f"or {hint}.")
