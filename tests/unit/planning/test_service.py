"""CalendarService: the pane's door to the database, returning plain data and Changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from clinicstudio.domain import UserError
from clinicstudio.planning import CalendarService
from clinicstudio.planning.series import SeriesScope
from clinicstudio.store.database import Database
from clinicstudio.store.posts import PostDraft
from tests.helpers.planning_posts import NOW, add_post, set_up_clinic


def test_service_reads_moves_and_refuses_in_the_clinic_zone(db: Database) -> None:
    campaign_id, _segment_id = set_up_clinic(db)
    with db.transaction() as session:
        post_id = add_post(session, datetime(2026, 11, 10, 14, tzinfo=UTC)).id
    service = CalendarService(db, actor="Dana", now=lambda: NOW)
    assert service.zone().key == "America/New_York"
    assert service.today() == date(2026, 11, 2)
    assert service.local_to_utc(date(2026, 11, 20)) == datetime(2026, 11, 20, 14, tzinfo=UTC)
    choices = service.filter_choices()
    assert (campaign_id, "Flu season") in choices.campaigns
    assert ("facebook", "Facebook") in choices.networks
    assert service.move_post(post_id, date(2026, 11, 11)).posts == frozenset({post_id})
    assert [p.id for p in service.agenda(date(2026, 11, 11), 1)] == [post_id]
    assert service.move_post(post_id, date(2026, 11, 11)).empty  # already there
    with pytest.raises(UserError):
        service.move_post(post_id, date(2026, 10, 1))


def test_series_through_the_service(db: Database) -> None:
    set_up_clinic(db)
    service = CalendarService(db, now=lambda: NOW)
    first = datetime(2026, 11, 2, 14, tzinfo=UTC)
    series_id, changes = service.create_series(
        "Monday tips", "FREQ=WEEKLY;BYDAY=MO", first,
        PostDraft(body="Tip", title="Monday tip", networks=("facebook",)))
    assert series_id > 0 and len(changes.posts) == 13  # 9 Nov to 1 Feb; 2 Nov 09:00 is past
    later = sorted(changes.posts)[5]
    edited = service.edit_series(later, PostDraft(body="New tip", networks=("facebook",),
                                                  scheduled_at=None), SeriesScope.FOLLOWING)
    assert len(edited.posts) == 8  # the sixth to the thirteenth
    assert service.extend_series().empty
