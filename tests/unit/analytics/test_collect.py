"""Reading each network's figures and follower counts from the loopback networks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from clinicstudio.accounts import SecretVault
from clinicstudio.analytics import schedule
from clinicstudio.analytics.collect import collect
from clinicstudio.domain import Platform
from clinicstudio.store.database import Database
from clinicstudio.store.models import (
    CollectionSchedule,
    FollowerSnapshot,
    MetricSnapshot,
    OutboxEntry,
)
from tests.helpers.fake_mastodon import INVALID_TOKEN
from tests.helpers.fake_x import rate_limited

FIGURES = ("likes", "shares", "comments", "quotes", "saves", "impressions", "reach",
           "link_clicks")


def remote_ids(db: Database, post_id: int) -> dict[Platform, str]:
    with db.session() as session:
        return {Platform(e.network): e.remote_id for e in session.scalars(
            select(OutboxEntry).where(OutboxEntry.post_id == post_id))}


def readings(db: Database, post_id: int) -> dict[str, list[tuple[int | None, ...]]]:
    with db.session() as session:
        rows = session.scalars(select(MetricSnapshot).where(MetricSnapshot.post_id == post_id)
                               .order_by(MetricSnapshot.taken_at, MetricSnapshot.id))
        found: dict[str, list[tuple[int | None, ...]]] = {}
        for row in rows:
            found.setdefault(row.network, []).append(tuple(getattr(row, f) for f in FIGURES))
        return found


def set_counts(fakes: dict[Platform, Any], ids: dict[Platform, str], scale: int = 1) -> None:
    fakes[Platform.FACEBOOK].counts[ids[Platform.FACEBOOK]] = {
        "reactions": 12 * scale, "comments": 3, "shares": 2, "post_media_view": 400,
        "post_total_media_view_unique": 310, "post_clicks": 9}
    fakes[Platform.INSTAGRAM].counts[ids[Platform.INSTAGRAM]] = {
        "likes": 30 * scale, "comments": 4, "shares": 1, "saved": 5, "views": 800,
        "reach": 600}
    fakes[Platform.X].counts[ids[Platform.X]] = {
        "like_count": 7 * scale, "retweet_count": 2, "reply_count": 1, "quote_count": 1,
        "bookmark_count": 3, "impression_count": 900, "url_link_clicks": 11}
    fakes[Platform.LINKEDIN].counts[ids[Platform.LINKEDIN]] = {
        "likeCount": 9 * scale, "commentCount": 2, "shareCount": 1, "impressionCount": 500,
        "uniqueImpressionsCount": 420, "clickCount": 14}
    fakes[Platform.MASTODON].counts[ids[Platform.MASTODON]] = {
        "favourites_count": 5 * scale, "reblogs_count": 3, "replies_count": 2,
        "quotes_count": 1}
    fakes[Platform.BLUESKY].counts[ids[Platform.BLUESKY]] = {
        "likeCount": 6 * scale, "repostCount": 2, "replyCount": 1, "quoteCount": 1,
        "bookmarkCount": 4}


def test_each_network_gives_what_it_reports_and_null_for_the_rest(
        db: Database, vault: SecretVault, fakes: dict[Platform, Any],
        published: Callable[..., int]) -> None:
    post_id = published("Flu shots are in! https://maplefamilyclinic.com/flu")
    set_counts(fakes, remote_ids(db, post_id))
    for number, fake in enumerate(fakes.values()):
        fake.follower_count = 100 + number

    report = collect(db, vault=vault, everything=True)

    assert report.problems == []
    assert report.posts_read == 6 and report.accounts_read == 6
    # likes, reposts, replies, quotes, saves, impressions, reach, clicks
    assert readings(db, post_id) == {
        "facebook": [(12, 2, 3, None, None, 400, 310, 9)],
        "instagram": [(30, 1, 4, None, 5, 800, 600, None)],
        "x": [(7, 2, 1, 1, 3, 900, None, 11)],
        "linkedin": [(9, 1, 2, None, None, 500, 420, 14)],
        "mastodon": [(5, 3, 2, 1, None, None, None, None)],
        "bluesky": [(6, 2, 1, 1, 4, None, None, None)],
    }
    with db.session() as session:
        followers = {f.network: f.followers for f in session.scalars(select(FollowerSnapshot))}
    assert followers == {n.value: 100 + i for i, n in enumerate(fakes)}


def test_readings_are_added_never_overwritten(
        db: Database, vault: SecretVault, fakes: dict[Platform, Any],
        published: Callable[..., int]) -> None:
    post_id = published("Our new hours start Monday.", [Platform.MASTODON, Platform.BLUESKY])
    ids = remote_ids(db, post_id)
    fakes[Platform.MASTODON].counts[ids[Platform.MASTODON]] = {"favourites_count": 2}
    first = datetime.now(UTC)
    collect(db, vault=vault, now=first)
    fakes[Platform.MASTODON].counts[ids[Platform.MASTODON]] = {"favourites_count": 9}

    # Not due yet: a post in its first days is read hourly.
    assert collect(db, vault=vault, now=first + timedelta(minutes=20)).posts_read == 0
    collect(db, vault=vault, now=first + timedelta(minutes=61))

    likes = [r[0] for r in readings(db, post_id)["mastodon"]]
    assert likes == [2, 9]


def test_networks_without_insight_permissions_still_give_their_counts(
        db: Database, vault: SecretVault, fakes: dict[Platform, Any],
        published: Callable[..., int]) -> None:
    post_id = published("Walk-in flu shots all week.")
    ids = remote_ids(db, post_id)
    set_counts(fakes, ids)
    fakes[Platform.FACEBOOK].insights_allowed = False
    fakes[Platform.INSTAGRAM].insights_allowed = False
    fakes[Platform.LINKEDIN].statistics_allowed = False
    fakes[Platform.MASTODON].quotes_supported = False  # a server older than 4.4
    fakes[Platform.MASTODON].counts[ids[Platform.MASTODON]].pop("quotes_count")
    fakes[Platform.X].old_posts.add(ids[Platform.X])  # past X's 30 days of non-public metrics
    fakes[Platform.FACEBOOK].counts[ids[Platform.FACEBOOK]]["shares"] = 0

    report = collect(db, vault=vault, everything=True)

    assert report.problems == []
    found = {network: rows[0] for network, rows in readings(db, post_id).items()}
    assert found["facebook"] == (12, 0, 3, None, None, None, None, None)
    assert found["instagram"] == (30, None, 4, None, None, None, None, None)
    assert found["linkedin"] == (9, None, 2, None, None, None, None, None)
    assert found["mastodon"] == (5, 3, 2, None, None, None, None, None)
    assert found["x"] == (7, 2, 1, 1, 3, 900, None, None)


def test_a_rate_limit_on_one_network_waits_for_its_reset_and_spares_the_others(
        db: Database, vault: SecretVault, fakes: dict[Platform, Any],
        published: Callable[..., int]) -> None:
    post_id = published("Closed Thursday for staff training.")
    set_counts(fakes, remote_ids(db, post_id))
    limited = rate_limited(reset_in=3 * 3600)
    fakes[Platform.X].fault("GET", "/2/tweets", reply=limited)
    now = datetime.now(UTC)

    report = collect(db, vault=vault, now=now, everything=True)

    assert [p.split(":")[0] for p in report.problems] == ["X"]
    assert "slow down" in report.problems[0]
    assert set(readings(db, post_id)) == {p.value for p in Platform} - {"x"}
    with db.session() as session:
        entry = session.scalars(select(OutboxEntry).where(
            OutboxEntry.post_id == post_id, OutboxEntry.network == "x")).one()
        slot = session.scalars(select(CollectionSchedule).where(
            CollectionSchedule.kind == "post", CollectionSchedule.ref_id == entry.id)).one()
    assert slot.next_at is not None and slot.next_at >= now + timedelta(hours=2, minutes=55)
    assert slot.failures == 1


def test_headers_saying_the_allowance_is_used_up_stop_reading_until_the_reset(
        db: Database, vault: SecretVault, fakes: dict[Platform, Any],
        published: Callable[..., int]) -> None:
    post_id = published("Sports physicals this Saturday.", [Platform.X])
    set_counts(fakes, remote_ids(db, post_id) | {p: "-" for p in Platform if p != Platform.X})
    fakes[Platform.X].remaining = 0
    now = datetime.now(UTC)

    report = collect(db, vault=vault, now=now, everything=True)

    assert report.posts_read == 1
    assert report.accounts_read < 6  # X's follower count waits for the reset
    with db.session() as session:
        x_followers = session.scalars(select(FollowerSnapshot).where(
            FollowerSnapshot.network == "x")).all()
        slots = session.scalars(select(CollectionSchedule).where(
            CollectionSchedule.kind == "account")).all()
    assert x_followers == []
    assert max(s.next_at for s in slots if s.next_at) >= now + timedelta(minutes=14)


def test_an_expired_connection_gets_a_plain_message_and_is_read_again_later(
        db: Database, vault: SecretVault, fakes: dict[Platform, Any],
        published: Callable[..., int]) -> None:
    post_id = published("New patients welcome.", [Platform.MASTODON, Platform.BLUESKY])
    fakes[Platform.MASTODON].fault("GET", "/api/v1/statuses", reply=INVALID_TOKEN)
    now = datetime.now(UTC)

    report = collect(db, vault=vault, now=now)

    assert report.problems == ["Mastodon: Your Mastodon connection has expired or was revoked. "
                               "Reconnect it in Accounts; the figures will be read again "
                               "after that."]
    assert set(readings(db, post_id)) == {"bluesky"}
    # After the wait, the next run reads it (the fake answers normally again).
    later = collect(db, vault=vault, now=now + timedelta(hours=1, minutes=1))
    assert "mastodon" in readings(db, post_id) and later.problems == []


def test_a_network_that_is_down_is_tried_again_with_growing_waits(
        db: Database, vault: SecretVault, fakes: dict[Platform, Any],
        published: Callable[..., int]) -> None:
    published("Flu clinic on Saturday.", [Platform.BLUESKY])
    fakes[Platform.BLUESKY].error("GET", "/xrpc/app.bsky.feed.getPosts", 502,
                                  {"error": "UpstreamFailure", "message": "Bad gateway"},
                                  times=5)
    now = datetime.now(UTC)
    report = collect(db, vault=vault, now=now)
    assert report.problems and "could not be reached" in report.problems[0]
    waits = []
    for _ in range(2):
        with db.session() as session:
            slot = session.scalars(select(CollectionSchedule).where(
                CollectionSchedule.kind == "post")).one()
        waits.append(slot.next_at - now)
        now = slot.next_at
        collect(db, vault=vault, now=now)
    assert waits[1] > waits[0]


def test_reading_slows_down_as_a_post_ages() -> None:
    assert schedule.post_interval(timedelta(hours=3)) == timedelta(hours=1)
    assert schedule.post_interval(timedelta(days=3)) == timedelta(hours=6)
    assert schedule.post_interval(timedelta(days=40)) == timedelta(days=1)
    assert schedule.post_interval(timedelta(days=400)) is None
