"""Showing times and lists the way the office reads them (in the clinic's own time zone)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from clinicstudio.domain import Platform


def clinic_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def when_text(when: datetime | None, zone: str) -> str:
    if when is None:
        return "Not scheduled"
    local = when.astimezone(clinic_zone(zone))
    # The same clock as the calendar and the schedule dialog ("5:00 PM"), so one post does
    # not read as 17:00 in the list and 5p on the calendar.
    clock = f"{local.hour % 12 or 12}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
    return f"{local:%a} {local.day} {local:%b}, {clock}"


def networks_text(networks: Iterable[Platform]) -> str:
    return ", ".join(n.label for n in networks) or "No network"
