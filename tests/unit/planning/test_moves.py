"""Moving a post by drag and drop: a local day and time saved as UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from clinicstudio.domain import PostStatus, UserError
from clinicstudio.planning.clock import load_zone
from clinicstudio.planning.moves import move_post
from clinicstudio.store.audit import events_for_post
from clinicstudio.store.database import Database
from clinicstudio.store.models import Post
from tests.helpers.planning_posts import NOW, ZONE, add_post, set_up_clinic

NEW_YORK = load_zone(ZONE)


def test_a_day_move_keeps_the_local_time_across_the_clock_change(db: Database) -> None:
    set_up_clinic(db)
    with db.transaction() as session:
        # 09:00 EST on 3 November; moved to 2027-03-16, after clocks spring forward.
        post_id = add_post(session, datetime(2026, 11, 3, 14, tzinfo=UTC)).id
    with db.transaction() as session:
        changes = move_post(session, post_id, date(2027, 3, 16), None, NEW_YORK, actor="Dana",
                            now=NOW)
    assert changes.posts == frozenset({post_id})
    with db.session() as session:
        post = session.get(Post, post_id)
        assert post is not None
        assert post.scheduled_at == datetime(2027, 3, 16, 13, tzinfo=UTC)
        assert post.status == PostStatus.SCHEDULED
        assert events_for_post(session, post_id)[-1].actor == "Dana"


def test_a_slot_move_sets_the_local_time(db: Database) -> None:
    set_up_clinic(db)
    with db.transaction() as session:
        post_id = add_post(session, datetime(2026, 11, 3, 14, tzinfo=UTC),
                           status=PostStatus.DRAFT).id
    with db.transaction() as session:
        move_post(session, post_id, date(2026, 11, 20), time(16, 45), NEW_YORK, now=NOW)
    with db.session() as session:
        post = session.get(Post, post_id)
        assert post is not None and post.status == PostStatus.DRAFT
        assert post.scheduled_at == datetime(2026, 11, 20, 21, 45, tzinfo=UTC)


@pytest.mark.parametrize("status", [PostStatus.PUBLISHED, PostStatus.PUBLISHING,
                                    PostStatus.PARTLY_PUBLISHED])
def test_a_post_that_went_out_does_not_move(db: Database, status: PostStatus) -> None:
    set_up_clinic(db)
    with db.transaction() as session:
        post_id = add_post(session, datetime(2026, 11, 1, 14, tzinfo=UTC), status=status).id
    with db.transaction() as session, pytest.raises(UserError, match="already gone out"):
        move_post(session, post_id, date(2026, 11, 20), None, NEW_YORK, now=NOW)


def test_a_time_in_the_past_is_refused(db: Database) -> None:
    set_up_clinic(db)
    with db.transaction() as session:
        post_id = add_post(session, datetime(2026, 11, 20, 14, tzinfo=UTC)).id
    with db.transaction() as session, pytest.raises(UserError, match="already passed"):
        move_post(session, post_id, date(2026, 11, 2), time(9, 0), NEW_YORK, now=NOW)
    with db.transaction() as session, pytest.raises(UserError, match="no post number"):
        move_post(session, 999, date(2026, 11, 20), None, NEW_YORK, now=NOW)
