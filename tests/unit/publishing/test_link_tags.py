"""Campaign tags (UTM) on links when a post is published, off per link, refused when they
would reveal health information; the preview shows the tagged link."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

from clinicstudio.domain import OutboxState, Platform
from clinicstudio.publishing import Publisher
from clinicstudio.publishing.tagging import set_untagged
from clinicstudio.store.database import Database
from clinicstudio.store.models import Campaign, Post
from clinicstudio.studio_views import PostSnapshot
from clinicstudio.ui.preview_adapter import tagged
from tests.helpers.publishing_setup import add_post

BOOK = "https://maplefamilyclinic.com/book"
HOURS = "https://maplefamilyclinic.com/hours"


def tags_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def in_campaign(db: Database, post_id: int, slug: str | None, **utm: str) -> None:
    with db.transaction() as session:
        campaign = Campaign(name=f"Campaign {slug}", slug=slug, utm_defaults=utm)
        session.add(campaign)
        session.flush()
        post = session.get(Post, post_id)
        assert post is not None
        post.campaign_id = campaign.id


def test_links_go_out_tagged_with_network_campaign_and_post(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    networks = [Platform.MASTODON, Platform.X, Platform.BLUESKY, Platform.FACEBOOK]
    post_id = add_post(db, f"Flu shots are in! Book: {BOOK} Hours: {HOURS}", networks)
    in_campaign(db, post_id, "flu-shots-fall")
    with db.transaction() as session:
        set_untagged(session, post_id, HOURS, True)

    report = publisher.publish_now(post_id)

    assert {o.state for o in report.outcomes} == {OutboxState.SENT}
    x_text = fakes[Platform.X].published[0]["text"]
    booked = next(w for w in x_text.split() if w.startswith(BOOK))
    assert tags_of(booked) == {"utm_source": "x", "utm_medium": "social",
                               "utm_campaign": "flu-shots-fall", "utm_content": f"post-{post_id}"}
    assert x_text.endswith(f"Hours: {HOURS}")  # tags turned off for this link
    mastodon = fakes[Platform.MASTODON].published[0]["content"]
    assert "utm_source=mastodon" in mastodon and "utm_campaign=flu-shots-fall" in mastodon
    facebook = fakes[Platform.FACEBOOK].published[0]
    assert tags_of(facebook["link"])["utm_source"] == "facebook"
    # Bluesky shows the link as written (within 300 characters); the click carries the tags.
    record = fakes[Platform.BLUESKY].published[0]["record"]
    assert BOOK + " " in record["text"] and "utm_" not in record["text"]
    uris = [f["features"][0]["uri"] for f in record["facets"]]
    assert tags_of(uris[0])["utm_source"] == "bluesky" and uris[1] == HOURS


def test_a_post_without_campaign_still_says_where_visitors_came_from(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    post_id = add_post(db, f"Open Saturday. {BOOK}", [Platform.MASTODON])
    publisher.publish_now(post_id)
    content = fakes[Platform.MASTODON].published[0]["content"]
    assert "utm_source=mastodon" in content and "utm_campaign" not in content


def test_a_campaign_tag_that_reveals_health_stops_the_post_with_a_plain_reason(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    post_id = add_post(db, f"Check-ups this month. {BOOK}", [Platform.MASTODON])
    in_campaign(db, post_id, None, utm_campaign="diabetes-screening")

    report = publisher.publish_now(post_id)

    outcome = report.outcomes[0]
    assert outcome.state is OutboxState.FAILED
    assert "could reveal health information" in outcome.message
    assert fakes[Platform.MASTODON].published == []


def test_the_preview_shows_the_tagged_link(db: Database) -> None:
    post_id = add_post(db, f"Book now: {BOOK}", [Platform.LINKEDIN])
    in_campaign(db, post_id, "spring-checkups")
    with db.session() as session:
        campaign_id = session.get(Post, post_id).campaign_id  # type: ignore[union-attr]
    snapshot = PostSnapshot(id=post_id, revision=1, status="draft",  # type: ignore[arg-type]
                            body=f"Book now: {BOOK}", networks=(Platform.LINKEDIN,),
                            campaign_id=campaign_id)
    shown = tagged(SimpleNamespace(db=db), snapshot, Platform.LINKEDIN)  # type: ignore[arg-type]
    link = shown.removeprefix("Book now: ")
    assert tags_of(link) == {"utm_source": "linkedin", "utm_medium": "social",
                             "utm_campaign": "spring-checkups", "utm_content": f"post-{post_id}"}
