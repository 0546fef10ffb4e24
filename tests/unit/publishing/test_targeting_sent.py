"""A post aimed at a segment reaches Facebook and LinkedIn with the targeting the Audience pane
described; the networks without organic targeting receive none, as the pane says."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from clinicstudio.audience import Place, SegmentSpec, all_networks
from clinicstudio.audience.operations import create_segment, linkedin_followers
from clinicstudio.domain import Platform, PostStatus
from clinicstudio.publishing import Publisher
from clinicstudio.store.database import Database
from clinicstudio.store.models import MetricSnapshot
from clinicstudio.store.posts import PostDraft, create_post

SEGMENT = SegmentSpec(
    name="Older adults around Springfield",
    places=(Place("city", "Springfield, Illinois", 25), Place("region", "Illinois"),
            Place("postcode", "62701")),
    age_min=50, age_max=64, languages=("en", "es"))


def aimed_post(db: Database, spec: SegmentSpec, networks: list[str]) -> int:
    with db.transaction() as session:
        segment, _ = create_segment(session, spec)
        post, _ = create_post(session, PostDraft(
            body="Our walking group meets Saturdays at 9. All welcome!", networks=networks,
            segment_id=segment.id))
        return post.id


def test_facebook_and_linkedin_receive_the_targeting_the_pane_described(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    said = {t.network: t.sentence for t in all_networks(SEGMENT)}
    assert said["facebook"] == ("Facebook shows the post only to people aged 50 to 64, in "
                                "Springfield, Illinois (within 25 km), Illinois or postcode "
                                "62701, who use English or Spanish.")
    assert said["linkedin"].startswith("LinkedIn shows the post only to the Page's followers "
                                       "in Springfield, Illinois, Illinois or postcode 62701, "
                                       "who use LinkedIn in English or Spanish.")
    assert "cannot aim by age or distance, so those are not sent" in said["linkedin"]
    assert said["bluesky"].startswith("Bluesky posts cannot be aimed at an audience")
    post_id = aimed_post(db, SEGMENT, ["facebook", "linkedin", "bluesky"])

    report = publisher.publish_now(post_id)

    assert report.status is PostStatus.PUBLISHED, [o.line for o in report.outcomes]
    facebook = fakes[Platform.FACEBOOK].published[0]
    assert facebook["targeting"] == {
        "geo_locations": {"cities": [{"key": "2490299", "radius": 25,
                                      "distance_unit": "kilometer"}],
                          "regions": [{"key": "3856"}], "zips": [{"key": "US:62701"}]},
        "locales": [6, 23], "age_min": 50}
    assert facebook["feed_targeting"] == {"age_max": 64}
    linkedin = fakes[Platform.LINKEDIN].published[0]
    assert linkedin["targetEntities"] == [{
        "geoLocations": ["urn:li:geo:104937023", "urn:li:geo:101630962", "urn:li:geo:90009587"],
        "interfaceLocales": [{"language": "en"}, {"language": "es"}]}]
    record = fakes[Platform.BLUESKY].published[0]["record"]
    assert set(record) - {"uri"} == {"$type", "text", "createdAt", "langs"}  # no audience


def test_an_unknown_place_stops_the_network_with_a_plain_reason(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    spec = SegmentSpec(name="Far away", places=(Place("city", "Atlantis"),))
    post_id = aimed_post(db, spec, ["facebook", "linkedin"])
    report = publisher.publish_now(post_id)
    lines = {o.network: o.message for o in report.outcomes}
    assert "Facebook does not know the place “Atlantis”" in lines["facebook"]
    assert "LinkedIn does not know the place “Atlantis”" in lines["linkedin"]
    assert fakes[Platform.FACEBOOK].published == fakes[Platform.LINKEDIN].published == []


def test_a_linkedin_post_with_targeting_keeps_the_pages_follower_count(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    fakes[Platform.LINKEDIN].followers = 812
    spec = SegmentSpec(name="Illinois", places=(Place("region", "Illinois"),))
    publisher.publish_now(aimed_post(db, spec, ["linkedin"]))
    with db.session() as session:
        assert linkedin_followers(session) == 812
        assert session.scalar(select(MetricSnapshot.post_id)) is None


def test_the_fakes_refuse_targeting_by_name(fakes: dict[Platform, Any]) -> None:
    """The loopback networks check what they receive, so the tests above can fail."""
    import requests

    facebook = fakes[Platform.FACEBOOK]
    response = requests.post(f"{facebook.base_url}/{facebook.page_id}/feed", data={
        "message": "hi", "access_token": facebook.page_token,
        "targeting": json.dumps({"geo_locations": {"cities": [{"name": "Springfield"}]}})},
        timeout=5)
    assert response.status_code == 400
