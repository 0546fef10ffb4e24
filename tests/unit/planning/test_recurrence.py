"""Repeat rules: parsing, and occurrences that keep their wall-clock time across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from clinicstudio.planning.recurrence import RuleError, occurrences, parse_rule

NEW_YORK = ZoneInfo("America/New_York")


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=NEW_YORK)


def dates(rule: str, start: datetime, end: datetime | None = None) -> list[datetime]:
    return [o.astimezone(NEW_YORK) for o in occurrences(parse_rule(rule), start, NEW_YORK, end)]


def test_rule_round_trips_to_its_canonical_text() -> None:
    text = "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO,-1FR;COUNT=5"
    assert parse_rule(text).to_rule() == text
    assert parse_rule("RRULE:freq=weekly;byday=mo;until=20270101").to_rule() == \
        "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270101"


def test_weekly_tip_stays_at_nine_local_when_daylight_saving_time_ends() -> None:
    # Clocks fall back on Sunday 1 November 2026 in New York.
    found = dates("FREQ=WEEKLY;BYDAY=MO;COUNT=3", local(2026, 10, 26, 9, 0))
    assert [(d.date(), d.hour, d.minute) for d in found] == [
        (date(2026, 10, 26), 9, 0), (date(2026, 11, 2), 9, 0), (date(2026, 11, 9), 9, 0)]
    utc_hours = [d.astimezone(UTC).hour for d in found]
    assert utc_hours == [13, 14, 14]


def test_weekly_tip_stays_at_nine_local_when_daylight_saving_time_starts() -> None:
    found = dates("FREQ=WEEKLY;BYDAY=FR;COUNT=2", local(2027, 3, 12, 9, 0))
    assert [d.hour for d in found] == [9, 9]
    assert [d.astimezone(UTC).hour for d in found] == [14, 13]


def test_first_monday_and_last_friday_of_each_month() -> None:
    found = dates("FREQ=MONTHLY;BYDAY=1MO;COUNT=3", local(2026, 11, 1, 8, 30))
    assert [d.date() for d in found] == [date(2026, 11, 2), date(2026, 12, 7), date(2027, 1, 4)]
    last = dates("FREQ=MONTHLY;BYDAY=-1FR;COUNT=2", local(2026, 11, 1, 8, 30))
    assert [d.date() for d in last] == [date(2026, 11, 27), date(2026, 12, 25)]


def test_month_days_skip_short_months_and_count_from_the_end() -> None:
    thirty_first = dates("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", local(2027, 1, 1, 9))
    assert [d.date() for d in thirty_first] == [date(2027, 1, 31), date(2027, 3, 31),
                                                date(2027, 5, 31)]
    last_day = dates("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2", local(2027, 1, 1, 9))
    assert [d.date() for d in last_day] == [date(2027, 1, 31), date(2027, 2, 28)]


def test_interval_until_and_daily_weekdays() -> None:
    every_other = dates("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20261201", local(2026, 11, 3, 12))
    assert [d.date() for d in every_other] == [date(2026, 11, 3), date(2026, 11, 17),
                                               date(2026, 12, 1)]
    weekdays = dates("FREQ=DAILY;BYDAY=MO,WE,FR", local(2026, 11, 2, 9), local(2026, 11, 9))
    assert [d.day for d in weekdays] == [2, 4, 6]
    until_utc = dates("FREQ=DAILY;UNTIL=20261103T140000Z", local(2026, 11, 1, 9))
    assert [d.day for d in until_utc] == [1, 2, 3]


def test_occurrences_before_the_start_are_not_produced() -> None:
    found = dates("FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=2", local(2026, 11, 10, 9))
    assert [d.date() for d in found] == [date(2026, 11, 15), date(2026, 12, 1)]


@pytest.mark.parametrize("text", [
    "FREQ=YEARLY", "FREQ=WEEKLY;BYDAY=1MO", "FREQ=DAILY;COUNT=2;UNTIL=20270101",
    "FREQ=WEEKLY;BYSETPOS=1", "FREQ=WEEKLY;BYDAY=XX", "FREQ=DAILY;INTERVAL=0",
    "FREQ=WEEKLY;WKST=SU", "FREQ=MONTHLY;UNTIL=tomorrow", "FREQ",
])
def test_rules_we_cannot_follow_are_refused_in_plain_words(text: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_rule(text)
    assert "\n" not in str(caught.value) and str(caught.value).endswith(".")
