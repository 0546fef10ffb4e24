"""How many LinkedIn followers a segment is likely to reach, to warn before LinkedIn refuses.

LinkedIn shows a targeted organic post only when at least 300 of the Page's followers match the
targeting. ClinicStudio cannot ask LinkedIn offline, so it estimates:

    followers matching = Page followers x share of them in the places x share using the languages

* Page followers: the latest follower count read from LinkedIn (an account-level metric
  snapshot); until one exists, an assumed 1,000, which is generous for a small clinic's Page.
* Places (shares of a local clinic's followers, most of whom live nearby but not all): a whole
  country 100 %, a state or region 70 %, a town 40 % (60 % with a radius of 25 km or more, 25 %
  under 10 km), a single postcode 10 %. Several places add up, to at most 100 %.
* Languages: LinkedIn matches the language people use LinkedIn in; when English is not among
  the chosen languages, 20 % (in the clinic's area most members use LinkedIn in English).
* Age does not narrow the LinkedIn audience: LinkedIn cannot aim by age, so it is not sent.

The figures are deliberately rough; the point is to catch the clearly too-narrow segment (one
postcode, a 5 km circle, a language few followers use) before the post is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from clinicstudio.audience.segment import Place, SegmentSpec

LINKEDIN_MINIMUM = 300
ASSUMED_FOLLOWERS = 1000


@dataclass(frozen=True, slots=True)
class ReachEstimate:
    """An estimate of matching LinkedIn followers and the follower count it started from."""

    members: int
    followers: int
    followers_assumed: bool
    share: float

    @property
    def likely_too_small(self) -> bool:
        return self.members < LINKEDIN_MINIMUM


def place_share(place: Place) -> float:
    """The share of a local clinic's followers who live in ``place`` (see the module notes)."""
    if place.kind == "country":
        return 1.0
    if place.kind == "region":
        return 0.7
    if place.kind == "postcode":
        return 0.1
    radius = place.radius_km
    if radius is None:
        return 0.4
    if radius >= 25:
        return 0.6
    return 0.25 if radius < 10 else 0.4


def language_share(languages: tuple[str, ...]) -> float:
    return 1.0 if not languages or "en" in languages else 0.2


def estimate_linkedin_reach(spec: SegmentSpec, followers: int | None = None) -> ReachEstimate:
    """Followers of the clinic's LinkedIn Page likely to match ``spec``'s places and languages."""
    known = followers is not None and followers > 0
    base = followers if known and followers is not None else ASSUMED_FOLLOWERS
    places = min(1.0, sum(place_share(p) for p in spec.places)) if spec.places else 1.0
    share = places * language_share(spec.languages)
    return ReachEstimate(round(base * share), base, not known, share)
