"""What each network receives when a post is aimed at a segment, and the sentence that says so.

* Facebook Page posts take a ``targeting`` object (who may see the post: places, languages,
  youngest age) and ``feed_targeting`` for the oldest age. Place names and language codes are
  sent to the publisher as written; it looks up Facebook's keys for them when it sends.
  Facebook's post targeting is not re-confirmed for the current Graph API version, so the
  publisher treats it as optional.
* LinkedIn Page posts take ``distribution.targetEntities`` (places and interface languages;
  LinkedIn has no age and no distance). The publisher turns place names into LinkedIn place ids.
* Instagram, X, Mastodon and Bluesky cannot aim an ordinary post at an audience, so they
  receive nothing and the interface says so.

Topics are never sent anywhere: targeting by interest is how health targeting creeps in, and
topics exist to plan content and compare results.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from clinicstudio.audience.segment import (
    LANGUAGE_NAMES,
    OLDEST_AGE,
    YOUNGEST_AGE,
    SegmentSpec,
)
from clinicstudio.audience.validation import FACEBOOK_CITY_RADIUS, FACEBOOK_POSTCODE_RADIUS
from clinicstudio.domain import Platform

NO_TARGETING = {
    Platform.INSTAGRAM: "Instagram posts cannot be aimed at an audience, so the segment is not "
                        "sent: everyone who follows the clinic can see the post.",
    Platform.X: "X posts cannot be aimed at an audience, so the segment is not sent: anyone on X "
                "can see the post.",
    Platform.MASTODON: "Mastodon posts cannot be aimed at an audience, so the segment is not "
                       "sent: the clinic's followers and the public timeline see the post.",
    Platform.BLUESKY: "Bluesky posts cannot be aimed at an audience, so the segment is not sent: "
                      "anyone on Bluesky can see the post.",
}


@dataclass(frozen=True, slots=True)
class NetworkTargeting:
    """What ``network`` receives for a post aimed at a segment.

    ``payload`` is the targeting part of the network's request (None when nothing is sent);
    ``sentence`` is what the interface shows, in plain words.
    """

    network: str
    payload: dict[str, Any] | None
    sentence: str

    @property
    def targeted(self) -> bool:
        return self.payload is not None

    def as_json(self) -> dict[str, Any]:
        return {"network": self.network, "targeted": self.targeted, "payload": self.payload,
                "sentence": self.sentence}


def _either(items: list[str]) -> str:
    """"a", "a or b", "a, b or c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _languages(spec: SegmentSpec) -> str:
    return _either([LANGUAGE_NAMES.get(code, code) for code in spec.languages])


def _ages(spec: SegmentSpec) -> str:
    low = spec.age_min if spec.age_min is not None else YOUNGEST_AGE
    if spec.age_max is None or spec.age_max >= OLDEST_AGE:
        return f"aged {low} and over"
    return f"aged {low} to {spec.age_max}"


def _who(spec: SegmentSpec) -> str:
    parts = ["people"]
    if spec.age_min is not None or spec.age_max is not None:
        parts.append(_ages(spec))
    if spec.places:
        parts.append("in " + _either([place.label for place in spec.places]))
    if spec.languages:
        parts.append(f"who use {_languages(spec)}")
    return ", ".join([" ".join(parts[:2]), *parts[2:]]) if len(parts) > 2 else " ".join(parts)


def _clamp(value: int, bounds: tuple[int, int]) -> int:
    return min(max(value, bounds[0]), bounds[1])


def facebook_targeting(spec: SegmentSpec) -> NetworkTargeting:
    geo: dict[str, list[Any]] = {}
    for place in spec.places:
        if place.kind == "country":
            geo.setdefault("countries", []).append(place.value)
        elif place.kind == "region":
            geo.setdefault("regions", []).append({"name": place.value})
        elif place.kind == "city":
            city: dict[str, Any] = {"name": place.value}
            if place.radius_km:
                city |= {"radius": _clamp(place.radius_km, FACEBOOK_CITY_RADIUS),
                         "distance_unit": "kilometer"}
            geo.setdefault("cities", []).append(city)
        elif place.radius_km:
            geo.setdefault("custom_locations", []).append({
                "address_string": place.value, "distance_unit": "kilometer",
                "radius": _clamp(place.radius_km, FACEBOOK_POSTCODE_RADIUS)})
        else:
            geo.setdefault("zips", []).append(place.value)
    targeting: dict[str, Any] = {}
    if geo:
        targeting["geo_locations"] = geo
    if spec.languages:
        targeting["locales"] = list(spec.languages)
    if spec.age_min is not None:
        targeting["age_min"] = spec.age_min
    payload: dict[str, Any] = {}
    if targeting:
        payload["targeting"] = targeting
    if spec.age_max is not None and spec.age_max < OLDEST_AGE:
        payload["feed_targeting"] = {"age_max": spec.age_max}
    if not payload:
        return NetworkTargeting(Platform.FACEBOOK.value, None,
                                "Facebook shows the post to everyone who follows the Page: this "
                                "segment sets no place, age or language.")
    # The sentence tells the distances Facebook will really use.
    shown = replace(spec, places=tuple(
        replace(p, radius_km=_clamp(p.radius_km, FACEBOOK_CITY_RADIUS if p.kind == "city"
                                    else FACEBOOK_POSTCODE_RADIUS)) if p.radius_km else p
        for p in spec.places))
    return NetworkTargeting(Platform.FACEBOOK.value, payload,
                            f"Facebook shows the post only to {_who(shown)}.")


def linkedin_targeting(spec: SegmentSpec) -> NetworkTargeting:
    entity: dict[str, Any] = {}
    if spec.places:
        entity["geoLocations"] = [place.value for place in spec.places]
    if spec.languages:
        entity["interfaceLocales"] = list(spec.languages)
    left_out = []
    if spec.age_min is not None or spec.age_max is not None:
        left_out.append("age")
    if any(place.radius_km for place in spec.places):
        left_out.append("distance")
    note = (f" LinkedIn cannot aim by {' or '.join(left_out)}, so "
            f"{'that is' if len(left_out) == 1 else 'those are'} not sent.") if left_out else ""
    if not entity:
        return NetworkTargeting(Platform.LINKEDIN.value, None,
                                "LinkedIn shows the post to all the Page's followers: this segment "
                                "sets no place or language." + note)
    names = [f"postcode {p.value}" if p.kind == "postcode" else p.value for p in spec.places]
    parts = [f"in {_either(names)}"] if names else []
    if spec.languages:
        parts.append(f"who use LinkedIn in {_languages(spec)}")
    payload = {"distribution": {"targetEntities": [entity]}}
    return NetworkTargeting(Platform.LINKEDIN.value, payload,
                            f"LinkedIn shows the post only to the Page's followers "
                            f"{', '.join(parts)}.{note}")


def network_targeting(spec: SegmentSpec, network: str) -> NetworkTargeting:
    """What ``network`` receives for a post aimed at ``spec``."""
    platform = Platform(network)
    spec = spec.normalised()
    if not spec.applies_to(platform.value):
        return NetworkTargeting(platform.value, None,
                                f"This segment is not used on {platform.label}, so the post goes "
                                f"to everyone who follows the clinic there.")
    if platform is Platform.FACEBOOK:
        return facebook_targeting(spec)
    if platform is Platform.LINKEDIN:
        return linkedin_targeting(spec)
    return NetworkTargeting(platform.value, None, NO_TARGETING[platform])


def all_networks(spec: SegmentSpec) -> list[NetworkTargeting]:
    """The targeting for every network, in the usual order (Facebook first)."""
    return [network_targeting(spec, platform.value) for platform in Platform]
