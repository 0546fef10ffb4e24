"""The clinic's clock: day boundaries and times in the clinic's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from clinicstudio.domain import UserError
from clinicstudio.planning.clock import (
    days_span_utc,
    load_zone,
    local_to_utc,
    month_grid_first_day,
    short_time_text,
    time_text,
    zone_caption,
)

NEW_YORK = ZoneInfo("America/New_York")


def test_days_when_clocks_change_are_23_and_25_hours_long() -> None:
    start, end = days_span_utc(date(2027, 3, 14), date(2027, 3, 14), NEW_YORK)
    assert end - start == timedelta(hours=23)
    start, end = days_span_utc(date(2026, 11, 1), date(2026, 11, 1), NEW_YORK)
    assert end - start == timedelta(hours=25)
    assert start == datetime(2026, 11, 1, 4, 0, tzinfo=UTC)


def test_a_skipped_time_moves_forward_and_a_repeated_time_means_the_first() -> None:
    assert local_to_utc(date(2027, 3, 14), time(2, 30), NEW_YORK) == \
        datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    assert local_to_utc(date(2026, 11, 1), time(1, 30), NEW_YORK) == \
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_month_grid_starts_on_the_sunday_before_the_first() -> None:
    assert month_grid_first_day(2026, 11) == date(2026, 11, 1)
    assert month_grid_first_day(2026, 12) == date(2026, 11, 29)


def test_zone_names_and_times_read_as_an_office_writes_them() -> None:
    assert zone_caption(NEW_YORK, datetime(2026, 12, 1, tzinfo=UTC)) == \
        "America/New_York (EST, UTC-05:00)"
    assert zone_caption(ZoneInfo("Asia/Kolkata"), datetime(2026, 12, 1, tzinfo=UTC)) == \
        "Asia/Kolkata (IST, UTC+05:30)"
    assert time_text(time(0, 5)) == "12:05 AM" and time_text(time(13, 0)) == "1:00 PM"
    assert short_time_text(time(9, 0)) == "9a" and short_time_text(time(12, 30)) == "12:30p"


def test_an_unknown_zone_is_a_plain_error() -> None:
    with pytest.raises(UserError, match="not a time zone"):
        load_zone("Mars/Olympus")
