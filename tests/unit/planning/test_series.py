"""Recurring series: posts created ahead, edits for one, all following, or all."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from clinicstudio.domain import PostStatus, UserError
from clinicstudio.planning.clock import load_zone
from clinicstudio.planning.series import (
    SeriesScope,
    change_series_rule,
    create_series,
    edit_series,
    extend_series,
    series_posts,
)
from clinicstudio.store.database import Database
from clinicstudio.store.models import Post, PostSeries
from clinicstudio.store.posts import PostDraft, delete_post, get_post, reschedule
from tests.helpers.planning_posts import NOW, ZONE, set_up_clinic

NEW_YORK = load_zone(ZONE)
# Monday 26 October 2026, 09:00 in New York (EDT); clocks fall back on 1 November.
FIRST = datetime(2026, 10, 26, 9, 0, tzinfo=NEW_YORK)
BEFORE = datetime(2026, 10, 1, tzinfo=UTC)
TIP = PostDraft(body="Monday tip: drink water.", title="Monday tip", networks=("facebook",))


def local_times(db: Database, series_id: int) -> list[tuple[int, int, int]]:
    with db.session() as session:
        return [(p.scheduled_at.astimezone(NEW_YORK).month, p.scheduled_at.astimezone(NEW_YORK)
                 .day, p.scheduled_at.astimezone(NEW_YORK).hour)
                for p in series_posts(session, series_id) if p.scheduled_at is not None]


def make_series(db: Database, rule: str = "FREQ=WEEKLY;BYDAY=MO",
                weeks: int = 4) -> tuple[int, list[int]]:
    with db.transaction() as session:
        series, changes = create_series(session, "Monday tips", rule, FIRST, TIP, NEW_YORK,
                                        through=FIRST + timedelta(weeks=weeks, hours=-1),
                                        actor="Dana", now=BEFORE)
        return series.id, sorted(changes.posts)


def test_a_series_creates_scheduled_posts_that_keep_nine_local(db: Database) -> None:
    set_up_clinic(db)
    series_id, created = make_series(db)
    assert len(created) == 4
    assert local_times(db, series_id) == [(10, 26, 9), (11, 2, 9), (11, 9, 9), (11, 16, 9)]
    with db.session() as session:
        posts = series_posts(session, series_id)
        assert {p.status for p in posts} == {PostStatus.SCHEDULED}
        assert {p.body for p in posts} == {TIP.body}


def test_extending_never_recreates_a_moved_or_deleted_occurrence(db: Database) -> None:
    set_up_clinic(db)
    series_id, created = make_series(db)
    with db.transaction() as session:
        reschedule(session, created[-1], datetime(2026, 11, 13, 15, tzinfo=UTC))
        delete_post(session, created[-2])
    with db.transaction() as session:
        changes = extend_series(session, series_id, NEW_YORK, FIRST + timedelta(weeks=6))
    assert len(changes.posts) == 2
    assert local_times(db, series_id) == [(10, 26, 9), (11, 2, 9), (11, 13, 10), (11, 23, 9),
                                          (11, 30, 9)]
    with db.transaction() as session:
        again = extend_series(session, series_id, NEW_YORK, FIRST + timedelta(weeks=6))
    assert again.empty


def test_edit_this_following_and_all(db: Database) -> None:
    set_up_clinic(db)
    series_id, created = make_series(db)
    with db.transaction() as session:
        published = session.get(Post, created[0])
        assert published is not None
        published.status = str(PostStatus.PUBLISHED)
    def bodies() -> list[str]:
        with db.session() as session:
            return [p.body for p in series_posts(session, series_id)]

    with db.transaction() as session:
        post = get_post(session, created[2])
        edit_series(session, created[2], replace(TIP, body="Only this one",
                                                 scheduled_at=post.scheduled_at),
                    SeriesScope.THIS, NEW_YORK)
    assert bodies() == [TIP.body, TIP.body, "Only this one", TIP.body]
    with db.transaction() as session:
        post = get_post(session, created[1])
        edit_series(session, created[1], replace(TIP, body="From here",
                                                 scheduled_at=post.scheduled_at),
                    SeriesScope.FOLLOWING, NEW_YORK)
    assert bodies() == [TIP.body, "From here", "From here", "From here"]
    with db.transaction() as session:
        post = get_post(session, created[3])
        changes = edit_series(session, created[3], replace(TIP, body="Everything",
                                                           scheduled_at=post.scheduled_at),
                              SeriesScope.ALL, NEW_YORK)
    assert bodies() == [TIP.body, "Everything", "Everything", "Everything"]
    assert changes.posts == frozenset(created[1:])


def test_a_new_time_for_all_following_splits_the_series(db: Database) -> None:
    set_up_clinic(db)
    series_id, created = make_series(db)
    with db.transaction() as session:
        post = get_post(session, created[2])
        later = post.scheduled_at + timedelta(hours=1)
        edit_series(session, created[2], replace(TIP, scheduled_at=later),
                    SeriesScope.FOLLOWING, NEW_YORK)
    assert local_times(db, series_id) == [(10, 26, 9), (11, 2, 9)]
    with db.session() as session:
        newest = session.scalars(select(PostSeries).order_by(PostSeries.id.desc())).first()
        assert newest is not None and newest.id != series_id
        old = session.get(PostSeries, series_id)
        assert old is not None and "UNTIL=" in old.rule
    assert local_times(db, newest.id) == [(11, 9, 10), (11, 16, 10)]
    with db.transaction() as session, pytest.raises(UserError, match="repeat rule"):
        post = get_post(session, created[3])
        edit_series(session, created[3], replace(TIP, scheduled_at=post.scheduled_at
                                                 + timedelta(days=1)),
                    SeriesScope.ALL, NEW_YORK)


def test_a_new_rule_for_all_following_replaces_the_future_posts(db: Database) -> None:
    set_up_clinic(db)
    series_id, created = make_series(db)
    with db.transaction() as session:
        changes = change_series_rule(session, created[2], "FREQ=WEEKLY;BYDAY=WE",
                                     SeriesScope.FOLLOWING, NEW_YORK,
                                     through=FIRST + timedelta(weeks=4), now=NOW)
    assert set(created[2:]) <= changes.posts
    assert local_times(db, series_id) == [(10, 26, 9), (11, 2, 9)]
    with db.session() as session:
        newest = session.scalars(select(PostSeries).order_by(PostSeries.id.desc())).first()
    assert newest is not None
    assert local_times(db, newest.id) == [(11, 11, 9), (11, 18, 9)]


def test_past_occurrences_are_skipped_and_a_rule_without_dates_is_refused(db: Database) -> None:
    set_up_clinic(db)
    with db.transaction() as session:
        series, _changes = create_series(session, "Tips", "FREQ=WEEKLY;BYDAY=MO;COUNT=3", FIRST,
                                         TIP, NEW_YORK, now=NOW)
        series_id = series.id
    assert local_times(db, series_id) == [(11, 9, 9)]  # 26 Oct and 2 Nov 09:00 are past
    with db.transaction() as session, pytest.raises(UserError, match="no dates still to come"):
        create_series(session, "Never", "FREQ=DAILY;UNTIL=20200101", FIRST, TIP, NEW_YORK,
                      now=NOW)


def test_publish_due_keeps_series_three_months_ahead_without_the_window(db: Database) -> None:
    from clinicstudio.publishing.scheduler import publish_due

    set_up_clinic(db)
    series_id, _ = make_series(db, weeks=1)
    later = FIRST + timedelta(days=2)  # nothing is due then: only the series grows

    report = publish_due(db, later.astimezone(UTC))

    assert len(report.extended) == 13  # three months of Mondays after the first
    with db.session() as session:
        assert len(series_posts(session, series_id)) == 14
    assert publish_due(db, later.astimezone(UTC)).extended == []
