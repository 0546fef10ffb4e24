from __future__ import annotations

from clinicstudio.audience import Place, SegmentSpec
from clinicstudio.audience.reach import ASSUMED_FOLLOWERS, estimate_linkedin_reach


def test_wider_places_reach_more_followers() -> None:
    def reach(*places: Place) -> int:
        return estimate_linkedin_reach(SegmentSpec(places=places), 2000).members

    assert (reach(Place("postcode", "62701")) < reach(Place("city", "Springfield", 5))
            < reach(Place("city", "Springfield", 30)) < reach(Place("region", "Illinois"))
            < reach(Place("country", "US")) == 2000)


def test_unknown_follower_count_is_assumed_and_said() -> None:
    estimate = estimate_linkedin_reach(SegmentSpec(places=(Place("postcode", "62701"),)))
    assert estimate.followers_assumed and estimate.followers == ASSUMED_FOLLOWERS
    assert estimate.likely_too_small


def test_languages_other_than_english_narrow_and_age_does_not() -> None:
    base = SegmentSpec(places=(Place("region", "Illinois"),))
    spanish = SegmentSpec(places=base.places, languages=("es",))
    older = SegmentSpec(places=base.places, age_min=60)
    assert (estimate_linkedin_reach(spanish, 1000).members
            < estimate_linkedin_reach(base, 1000).members)
    assert estimate_linkedin_reach(older, 1000) == estimate_linkedin_reach(base, 1000)
