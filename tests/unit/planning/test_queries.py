"""What the month, week and agenda show, with days cut at the clinic's midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime

from clinicstudio.domain import PostStatus
from clinicstudio.planning.clock import load_zone
from clinicstudio.planning.queries import (
    CalendarFilter,
    agenda,
    fetch_posts,
    month_period,
    week_period,
)
from clinicstudio.store.database import Database
from tests.helpers.planning_posts import NOW, ZONE, add_post, set_up_clinic

NEW_YORK = load_zone(ZONE)


def test_month_is_six_weeks_from_sunday_with_posts_on_their_local_day(db: Database) -> None:
    set_up_clinic(db)
    with db.transaction() as session:
        # 23:30 in New York on Saturday 31 October is already 1 November in UTC.
        late = add_post(session, datetime(2026, 11, 1, 3, 30, tzinfo=UTC), title="Late")
        morning = add_post(session, datetime(2026, 11, 18, 14, 0, tzinfo=UTC), title="Morning")
    with db.session() as session:
        period = month_period(session, 2026, 11, NEW_YORK, now=NOW)
    assert len(period.days) == 42 and period.days[0].day == date(2026, 11, 1)
    assert period.title == "November 2026" and period.zone == ZONE
    by_day = {cell.day: [p.id for p in cell.posts] for cell in period.days}
    assert late.id not in by_day[date(2026, 11, 1)]
    assert by_day[date(2026, 11, 18)] == [morning.id]
    assert period.find(morning.id) is not None and period.find(morning.id).local.hour == 9
    assert [c.day for c in period.days if c.is_today] == [date(2026, 11, 2)]
    assert not period.days[-1].in_focus
    with db.session() as session:
        october = month_period(session, 2026, 10, NEW_YORK, now=NOW)
    assert [p.id for p in next(c for c in october.days if c.day == date(2026, 10, 31)).posts] \
        == [late.id]


def test_published_posts_sit_on_the_day_they_went_out(db: Database) -> None:
    set_up_clinic(db)
    with db.transaction() as session:
        post = add_post(session, datetime(2026, 11, 3, 15, tzinfo=UTC), status=PostStatus.DRAFT)
        post.status = str(PostStatus.PUBLISHED)
        post.published_at = datetime(2026, 11, 5, 15, tzinfo=UTC)
        post_id = post.id
    with db.session() as session:
        found = fetch_posts(session, datetime(2026, 11, 1, tzinfo=UTC),
                            datetime(2026, 12, 1, tzinfo=UTC), NEW_YORK)
    assert [(p.id, p.local.day, p.movable) for p in found] == [(post_id, 5, False)]


def test_filters_by_network_state_campaign_and_segment(db: Database) -> None:
    campaign_id, segment_id = set_up_clinic(db)
    when = datetime(2026, 11, 10, 15, tzinfo=UTC)
    with db.transaction() as session:
        facebook = add_post(session, when, networks=("facebook",), campaign_id=campaign_id).id
        instagram = add_post(session, when, networks=("instagram", "x"),
                             segment_id=segment_id).id
        draft = add_post(session, when, networks=("x",), status=PostStatus.DRAFT).id
    start, end = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)

    def shown(wanted: CalendarFilter) -> list[int]:
        with db.session() as session:
            return sorted(p.id for p in fetch_posts(session, start, end, NEW_YORK, wanted))

    assert shown(CalendarFilter()) == sorted([facebook, instagram, draft])
    assert shown(CalendarFilter(networks=frozenset({"x"}))) == sorted([instagram, draft])
    assert shown(CalendarFilter(statuses=frozenset({"draft"}))) == [draft]
    assert shown(CalendarFilter(campaign_id=campaign_id)) == [facebook]
    assert shown(CalendarFilter(segment_id=segment_id)) == [instagram]
    with db.session() as session:
        networks = {p.id: p.networks for p in fetch_posts(session, start, end, NEW_YORK)}
    assert networks[instagram] == ("instagram", "x")


def test_week_and_agenda(db: Database) -> None:
    set_up_clinic(db)
    with db.transaction() as session:
        first = add_post(session, datetime(2026, 11, 12, 20, tzinfo=UTC), title="Thursday").id
        second = add_post(session, datetime(2026, 11, 9, 14, tzinfo=UTC), title="Monday").id
        add_post(session, datetime(2026, 12, 20, 14, tzinfo=UTC), title="Later")
    with db.session() as session:
        week = week_period(session, date(2026, 11, 11), NEW_YORK, now=NOW)
        listed = agenda(session, date(2026, 11, 1), 30, NEW_YORK)
    assert week.days[0].day == date(2026, 11, 8) and len(week.days) == 7
    assert week.title == "Nov 8 – Nov 14, 2026"
    assert [p.id for c in week.days for p in c.posts] == [second, first]
    assert [p.id for p in listed] == [second, first]


def test_observances_are_placed_in_the_period(db: Database) -> None:
    set_up_clinic(db)
    with db.session() as session:
        period = month_period(session, 2026, 11, NEW_YORK, now=NOW)
    month_names = [o.label for o in period.month_observances]
    assert "National Diabetes Month" in month_names
    day = next(c for c in period.days if c.day == date(2026, 11, 14))
    assert [o.label for o in day.observances] == ["World Diabetes Day"]
    # December days at the end of the grid show December's day observances.
    assert any(o.label == "World AIDS Day" for c in period.days for o in c.observances)
