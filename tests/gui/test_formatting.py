"""Times read the way the calendar shows them, in the clinic's own zone."""

from __future__ import annotations

from datetime import UTC, datetime

from clinicstudio.ui.formatting import when_text


def test_times_use_the_calendars_clock_in_the_clinics_zone() -> None:
    assert when_text(datetime(2027, 2, 17, 23, 0, tzinfo=UTC), "America/Chicago") == \
        "Wed 17 Feb, 5:00 PM"
    assert when_text(datetime(2027, 2, 17, 6, 5, tzinfo=UTC), "America/Chicago") == \
        "Wed 17 Feb, 12:05 AM"
    assert when_text(datetime(2027, 2, 17, 18, 0, tzinfo=UTC), "America/Chicago") == \
        "Wed 17 Feb, 12:00 PM"
    assert when_text(None, "America/Chicago") == "Not scheduled"
