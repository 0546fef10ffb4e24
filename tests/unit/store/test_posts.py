"""Post operations: the rules of a post's life, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clinicstudio.domain import PostStatus, UserError
from clinicstudio.store import posts
from clinicstudio.store.audit import events_for_post
from clinicstudio.store.posts import EditConflict, PostDraft

SOON = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def add(db, **fields) -> int:
    with db.transaction() as session:
        post, changes = posts.create_post(session, PostDraft(**fields), actor="dana")
        assert changes.posts == {post.id}
        return post.id


def test_a_post_keeps_its_master_text_and_per_network_overrides(db) -> None:
    post_id = add(db, body="Flu shots this Saturday.", networks=["facebook", "x", "bluesky"],
                  overrides={"x": "Flu shots Sat! #FluSeason"})
    with db.transaction() as session:
        post = posts.get_post(session, post_id)
        assert post.text_for("x") == "Flu shots Sat! #FluSeason"
        assert post.text_for("facebook") == "Flu shots this Saturday."
        assert post.networks == ["bluesky", "facebook", "x"]
        assert post.status == PostStatus.DRAFT
        assert post.title == "Flu shots this Saturday."


def test_an_unknown_network_is_refused_in_plain_words(db) -> None:
    with pytest.raises(UserError, match="'myspace' is not a network"):
        add(db, body="Hello", networks=["myspace"])


def test_turning_a_network_off_keeps_its_override_for_later(db) -> None:
    post_id = add(db, body="Hello", networks=["x", "facebook"], overrides={"x": "Hi"})
    with db.transaction() as session:
        posts.update_post(session, post_id, PostDraft(body="Hello", networks=["facebook"]))
    with db.transaction() as session:
        post = posts.get_post(session, post_id)
        assert post.networks == ["facebook"]
        assert post.text_for("x") == "Hi"


def test_a_stale_edit_from_another_desktop_is_refused(db) -> None:
    post_id = add(db, body="v1", networks=["facebook"])
    with db.transaction() as session:
        posts.update_post(session, post_id, PostDraft(body="v2 from desk A", networks=["facebook"]),
                          expected_revision=1)
    with pytest.raises(EditConflict), db.transaction() as session:
        posts.update_post(session, post_id, PostDraft(body="v2 from desk B", networks=["facebook"]),
                          expected_revision=1)
    with db.transaction() as session:
        assert posts.get_post(session, post_id).body == "v2 from desk A"


def test_status_changes_follow_the_allowed_path_and_are_audited(db) -> None:
    post_id = add(db, body="Hello", networks=["facebook"])
    with db.transaction() as session:
        posts.set_status(session, post_id, PostStatus.IN_REVIEW, actor="marcus")
        posts.set_status(session, post_id, PostStatus.APPROVED, actor="priya")
    with pytest.raises(UserError, match="Pick a date"), db.transaction() as session:
        posts.set_status(session, post_id, PostStatus.SCHEDULED)
    with pytest.raises(UserError, match="cannot become published"), db.transaction() as session:
        posts.set_status(session, post_id, PostStatus.PUBLISHED)
    with db.transaction() as session:
        actions = [(e.action, e.actor) for e in events_for_post(session, post_id)]
    assert actions == [("post_created", "dana"), ("post_status_changed", "marcus"),
                       ("post_status_changed", "priya")]


def test_a_published_post_cannot_be_edited_moved_or_deleted(db) -> None:
    post_id = add(db, body="Out there", networks=["facebook"])
    with db.transaction() as session:
        posts.get_post(session, post_id).status = str(PostStatus.PUBLISHED)
    for attempt in (
        lambda s: posts.update_post(s, post_id, PostDraft(body="changed", networks=["x"])),
        lambda s: posts.reschedule(s, post_id, SOON),
        lambda s: posts.delete_post(s, post_id),
    ):
        with pytest.raises(UserError, match="gone out"), db.transaction() as session:
            attempt(session)
    with db.transaction() as session:
        assert posts.get_post(session, post_id).body == "Out there"


def test_rescheduling_moves_a_post_and_unscheduling_makes_it_a_draft(db) -> None:
    post_id = add(db, body="Tip", networks=["x"], scheduled_at=SOON)
    with db.transaction() as session:
        post, _ = posts.reschedule(session, post_id, SOON + timedelta(days=2))
        assert post.status == PostStatus.SCHEDULED
    with db.transaction() as session:
        post = posts.get_post(session, post_id)
        assert post.scheduled_at == SOON + timedelta(days=2)
        assert post.scheduled_at.tzinfo is not None
        posts.reschedule(session, post_id, None)
    with db.transaction() as session:
        assert posts.get_post(session, post_id).status == PostStatus.DRAFT


def test_posts_between_returns_the_window_in_time_order(db) -> None:
    ids = [add(db, body=f"post {i}", networks=["x"], scheduled_at=SOON + timedelta(days=i))
           for i in (3, 0, 1, 10)]
    with db.transaction() as session:
        found = posts.posts_between(session, SOON, SOON + timedelta(days=4))
        assert [p.id for p in found] == [ids[1], ids[2], ids[0]]


def test_search_filters_by_text_status_and_network(db) -> None:
    flu = add(db, body="Flu shots Saturday", networks=["facebook", "x"])
    add(db, body="Walking group", networks=["facebook"])
    add(db, body="Flu clinic for employers", networks=["linkedin"], scheduled_at=SOON)
    with db.transaction() as session:
        assert [p.id for p in posts.search_posts(session, text="FLU", network="x")] == [flu]
        assert len(posts.search_posts(session, text="flu")) == 2
        found = posts.search_posts(session, statuses=["scheduled"])
        assert [p.body for p in found] == ["Flu clinic for employers"]


def test_deleting_a_draft_removes_it_but_keeps_its_audit_trail(db) -> None:
    post_id = add(db, body="Oops", networks=["x"])
    with db.transaction() as session:
        posts.delete_post(session, post_id, actor="dana")
    with db.transaction() as session:
        with pytest.raises(posts.PostNotFound):
            posts.get_post(session, post_id)
        assert [e.action for e in events_for_post(session, post_id)][-1] == "post_deleted"


def test_the_list_shows_what_is_coming_up_first_then_the_most_recent_past(db) -> None:
    now = SOON
    far, next_week, tomorrow = (add(db, body=f"in {d} days", networks=["x"],
                                    scheduled_at=now + timedelta(days=d)) for d in (60, 7, 1))
    yesterday, last_month = (add(db, body=f"{d} days ago", networks=["x"],
                                 scheduled_at=now - timedelta(days=d)) for d in (1, 30))
    with db.transaction() as session:
        order = [p.id for p in posts.search_posts(session, now=now)]
    assert order == [tomorrow, next_week, far, yesterday, last_month]


def test_duplicating_a_published_post_gives_a_new_undated_draft_with_its_content(db) -> None:
    original = add(db, body="Walk-in flu shots Saturday.", networks=["facebook", "x"],
                   overrides={"x": "Flu shots Sat! #FluSeason"}, scheduled_at=SOON)
    with db.transaction() as session:
        posts.get_post(session, original).status = str(PostStatus.PUBLISHED)
    with db.transaction() as session:
        copy, changes = posts.duplicate_post(session, original, actor="dana")
        copy_id = copy.id
    assert changes.posts == {copy_id} and copy_id != original
    with db.transaction() as session:
        copy = posts.get_post(session, copy_id)
        assert copy.status == PostStatus.DRAFT and copy.scheduled_at is None
        assert copy.body == "Walk-in flu shots Saturday."
        assert copy.networks == ["facebook", "x"]
        assert copy.text_for("x") == "Flu shots Sat! #FluSeason"
        assert posts.get_post(session, original).status == PostStatus.PUBLISHED
        assert events_for_post(session, copy_id)[-1].action == "post_duplicated"
