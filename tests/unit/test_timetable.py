"""The timetable's plain parts: the repeats offered for a date and the status-bar line."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from clinicstudio.domain import Changes
from clinicstudio.planning.recurrence import occurrences, parse_rule
from clinicstudio.timetable import DueRun, repeat_choices, with_end

CHICAGO = ZoneInfo("America/Chicago")


def test_repeats_follow_the_chosen_date() -> None:
    choices = repeat_choices(date(2026, 12, 1))  # the first Tuesday of December
    assert [c.label for c in choices] == [
        "Every week on Tuesday", "Every 2 weeks on Tuesday",
        "The first Tuesday of each month", "Day 1 of each month"]
    assert [c.rule for c in choices] == [
        "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "FREQ=MONTHLY;BYDAY=1TU", "FREQ=MONTHLY;BYMONTHDAY=1"]


def test_a_fifth_weekday_repeats_on_the_last_one() -> None:
    monthly = repeat_choices(date(2026, 12, 29))[2]
    assert monthly.label == "The last Tuesday of each month"
    assert monthly.rule == "FREQ=MONTHLY;BYDAY=-1TU"


def test_the_monthly_weekday_keeps_its_local_time_across_daylight_saving() -> None:
    rule = parse_rule(repeat_choices(date(2027, 2, 2))[2].rule)
    start = datetime(2027, 2, 2, 9, 0, tzinfo=CHICAGO)
    found = list(occurrences(rule, start, CHICAGO))[:3]
    assert [(m.astimezone(CHICAGO).day, m.astimezone(CHICAGO).hour) for m in found] == [
        (2, 9), (2, 9), (6, 9)]  # Feb 2, Mar 2, Apr 6, always 9:00 in Chicago


def test_an_end_date_is_inclusive_and_optional() -> None:
    assert with_end("FREQ=WEEKLY;BYDAY=TU", None) == "FREQ=WEEKLY;BYDAY=TU"
    ended = with_end("FREQ=WEEKLY;BYDAY=TU", date(2027, 1, 26))
    assert ended == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270126"
    start = datetime(2027, 1, 5, 21, 0, tzinfo=CHICAGO)
    assert len(list(occurrences(parse_rule(ended), start, CHICAGO))) == 4  # 5, 12, 19, 26


def test_the_status_line_speaks_in_clinic_time() -> None:
    at = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # 9:00 in Chicago
    run = DueRun(at, went_out=(4, 5), failed=(), waiting=(), late=(), changes=Changes())
    assert run.message(CHICAGO) == "2 scheduled posts went out at 9:00 AM."
    one_failed = DueRun(at, went_out=(), failed=(6,), waiting=(), late=(), changes=Changes())
    assert one_failed.message(CHICAGO).startswith("1 scheduled post could not go out at 9:00 AM")
    quiet = DueRun(at, went_out=(), failed=(), waiting=(), late=(), changes=Changes())
    assert quiet.message(CHICAGO) == ""
