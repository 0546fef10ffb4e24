from __future__ import annotations

from clinicstudio.audience import Place, SegmentSpec, all_networks, network_targeting
from clinicstudio.domain import Platform

SPEC = SegmentSpec(name="Adults 50+", age_min=50, age_max=64, languages=("Spanish",),
                   topics=("healthy eating",),
                   places=(Place("city", "Springfield, IL", 25), Place("postcode", "62701"),
                           Place("region", "Illinois"), Place("country", "US")))


def test_facebook_receives_places_languages_and_ages() -> None:
    target = network_targeting(SPEC, "facebook")
    assert target.payload == {
        "targeting": {
            "geo_locations": {
                "cities": [{"name": "Springfield, IL", "radius": 25, "distance_unit": "kilometer"}],
                "zips": ["62701"], "regions": [{"name": "Illinois"}], "countries": ["US"]},
            "locales": ["es"], "age_min": 50},
        "feed_targeting": {"age_max": 64},
    }
    assert target.sentence.startswith("Facebook shows the post only to people aged 50 to 64")


def test_facebook_radius_is_kept_within_what_it_accepts() -> None:
    spec = SegmentSpec(name="n", places=(Place("city", "Springfield, IL", 5),
                                         Place("postcode", "62701", 120)))
    geo = network_targeting(spec, "facebook").payload["targeting"]["geo_locations"]
    assert geo["cities"][0]["radius"] == 17
    assert geo["custom_locations"][0]["radius"] == 80
    # The sentence tells the distance Facebook will really use.
    assert "(within 17 km)" in network_targeting(spec, "facebook").sentence


def test_topics_are_never_sent() -> None:
    for target in all_networks(SPEC):
        assert "healthy eating" not in repr(target.payload)


def test_linkedin_receives_target_entities_without_age_or_distance() -> None:
    target = network_targeting(SPEC, "linkedin")
    assert target.payload == {"distribution": {"targetEntities": [{
        "geoLocations": ["Springfield, IL", "62701", "Illinois", "US"],
        "interfaceLocales": ["es"]}]}}
    assert "cannot aim by age or distance" in target.sentence


def test_networks_without_targeting_receive_nothing_and_say_so() -> None:
    for network in ("instagram", "x", "mastodon", "bluesky"):
        target = network_targeting(SPEC, network)
        assert target.payload is None and not target.targeted
        assert "cannot be aimed at an audience" in target.sentence


def test_a_segment_not_used_on_a_network_sends_nothing_there() -> None:
    spec = SegmentSpec(name="n", age_min=30, networks=("linkedin",))
    target = network_targeting(spec, "facebook")
    assert target.payload is None and "not used on Facebook" in target.sentence


def test_an_empty_segment_targets_nobody_in_particular() -> None:
    assert network_targeting(SegmentSpec(name="All"), "facebook").payload is None
    assert [t.network for t in all_networks(SegmentSpec(name="All"))] == [p.value for p in Platform]
