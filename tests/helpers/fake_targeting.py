"""The targeting vocabulary the loopback Facebook and LinkedIn know, and their checks of it.

Facebook's targeting search (``GET /search?type=adgeolocation|adlocale``) and LinkedIn's
typeahead (``GET /rest/adTargetingEntities?q=typeahead``) answer from these small tables; the
fakes refuse targeting that names a place or language by anything but these keys, as the real
APIs do, so a test sees exactly what a network would accept.
"""

from __future__ import annotations

from typing import Any

# Facebook: adgeolocation answers by type, adlocale answers.
FACEBOOK_PLACES: dict[str, list[dict[str, Any]]] = {
    "city": [
        {"key": "2490299", "name": "Springfield", "type": "city", "region": "Illinois",
         "region_id": 3856, "country_code": "US"},
        {"key": "2512345", "name": "Springfield", "type": "city", "region": "Missouri",
         "region_id": 3867, "country_code": "US"},
        {"key": "2421836", "name": "Chatham", "type": "city", "region": "Illinois",
         "region_id": 3856, "country_code": "US"},
    ],
    "region": [{"key": "3856", "name": "Illinois", "type": "region", "country_code": "US"}],
    "zip": [{"key": "US:62701", "name": "62701", "type": "zip", "country_code": "US"}],
}
FACEBOOK_LOCALES = [{"key": 6, "name": "English (US)"}, {"key": 23, "name": "Spanish"},
                    {"key": 7, "name": "Spanish (Spain)"}, {"key": 27, "name": "Vietnamese"}]

# LinkedIn: typeahead answers for the locations facet.
LINKEDIN_PLACES = [
    {"urn": "urn:li:geo:104937023", "name": "Springfield, Illinois, United States",
     "facetUrn": "urn:li:adTargetingFacet:locations"},
    {"urn": "urn:li:geo:106224388", "name": "Springfield, Missouri, United States",
     "facetUrn": "urn:li:adTargetingFacet:locations"},
    {"urn": "urn:li:geo:101630962", "name": "Illinois, United States",
     "facetUrn": "urn:li:adTargetingFacet:locations"},
    {"urn": "urn:li:geo:90009587", "name": "62701, Illinois, United States",
     "facetUrn": "urn:li:adTargetingFacet:locations"},
    {"urn": "urn:li:geo:103644278", "name": "United States",
     "facetUrn": "urn:li:adTargetingFacet:locations"},
]
LINKEDIN_FACETS = {"geoLocations", "seniorities", "industries", "jobFunctions",
                   "staffCountRanges", "interfaceLocales", "degrees", "fieldsOfStudy", "schools"}


def facebook_search(kind: str, query: str, location_types: list[str]) -> list[dict[str, Any]]:
    if kind == "adlocale":
        return [item for item in FACEBOOK_LOCALES
                if item["name"].casefold().startswith(query.casefold())]
    types = location_types or list(FACEBOOK_PLACES)
    return [item for kind_ in types for item in FACEBOOK_PLACES.get(kind_, [])
            if item["name"].casefold().startswith(query.casefold())]


def facebook_targeting_problem(targeting: Any, feed: Any) -> str | None:
    """Why Facebook would refuse these ``targeting`` / ``feed_targeting`` fields, or None."""
    keys = {item["key"] for items in FACEBOOK_PLACES.values() for item in items}
    locales = {item["key"] for item in FACEBOOK_LOCALES}
    if targeting is not None:
        if not isinstance(targeting, dict) or set(targeting) - {"geo_locations", "locales",
                                                                "age_min"}:
            return "Invalid targeting spec"
        geo = targeting.get("geo_locations", {})
        if set(geo) - {"countries", "regions", "cities", "zips", "custom_locations"}:
            return "Invalid geo_locations"
        for kind in ("regions", "cities", "zips"):
            for item in geo.get(kind, []):
                if not isinstance(item, dict) or item.get("key") not in keys:
                    return f"Invalid {kind} key: {item!r}"
        for city in geo.get("cities", []):
            if "radius" in city and not (17 <= city["radius"] <= 80
                                         and city.get("distance_unit") == "kilometer"):
                return "Invalid city radius"
        if any(code not in locales for code in targeting.get("locales", [])):
            return "Invalid locales"
        if not 13 <= targeting.get("age_min", 13) <= 65:
            return "Invalid age_min"
    if feed is not None:
        if not isinstance(feed, dict) or set(feed) - {"age_max", "age_min"}:
            return "Invalid feed_targeting spec"
        low = (targeting or {}).get("age_min", 13)
        if not low <= feed.get("age_max", 65) <= 65:
            return "Invalid age_max"
    return None


def linkedin_typeahead(query: str) -> list[dict[str, Any]]:
    return [item for item in LINKEDIN_PLACES
            if item["name"].casefold().startswith(query.casefold())]


def linkedin_targeting_problem(entities: Any) -> str | None:
    """Why LinkedIn would refuse these ``targetEntities``, or None."""
    known = {item["urn"] for item in LINKEDIN_PLACES}
    if not isinstance(entities, list):
        return "targetEntities must be an array"
    for entity in entities:
        if not isinstance(entity, dict) or set(entity) - LINKEDIN_FACETS:
            return f"Unknown targeting facet in {entity!r}"
        if any(urn not in known for urn in entity.get("geoLocations", [])):
            return "geoLocations must be urn:li:geo ids"
        for locale in entity.get("interfaceLocales", []):
            if not isinstance(locale, dict) or len(str(locale.get("language", ""))) != 2:
                return "interfaceLocales must be locale records"
    return None
