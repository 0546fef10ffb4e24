"""Checks on a segment: never by health, never from patient lists, adults for weight loss and
cosmetics, ages and distances the networks accept, LinkedIn's 300-follower floor.

Every check is pure: :func:`validate_segment` takes the segment and a
:class:`~clinicstudio.audience.findings.ValidationContext` and returns findings, blocking first.
"""

from __future__ import annotations

from dataclasses import replace

from clinicstudio.audience.findings import (
    RULE_ADULTS_ONLY,
    RULE_AGES,
    RULE_HEALTH_TARGETING,
    RULE_LINKEDIN_SIZE,
    RULE_NAME,
    RULE_NO_TARGETING,
    RULE_PATIENT_DATA,
    RULE_RADIUS,
    Remedy,
    SegmentFinding,
    ValidationContext,
    by_severity,
    make,
)
from clinicstudio.audience.lexicon import (
    Mention,
    health_mentions,
    patient_data_mentions,
    weight_or_cosmetic_mentions,
)
from clinicstudio.audience.reach import LINKEDIN_MINIMUM, estimate_linkedin_reach
from clinicstudio.audience.segment import (
    OLDEST_AGE,
    RADIUS_KINDS,
    YOUNGEST_AGE,
    SegmentSpec,
    demographic_name,
)
from clinicstudio.domain import Platform, Severity

# Facebook: a radius around a town is 17 to 80 km (10 to 50 miles); around a postcode or
# address 1 to 80 km. Outside that, Facebook refuses the targeting or finds nobody.
FACEBOOK_CITY_RADIUS = (17, 80)
FACEBOOK_POSTCODE_RADIUS = (1, 80)
RADIUS_SANITY = (1, 500)
TARGETING_NETWORKS = (Platform.FACEBOOK.value, Platform.LINKEDIN.value)

BLOCK, WARN, INFO = Severity.BLOCK, Severity.WARN, Severity.INFO
HEALTH_WHY = ("Facebook and Google refuse audiences built around health, and a segment "
              "described this way can reveal who is a patient.")
PATIENT_WHY = ("Patient lists never leave ClinicStudio: aiming posts at patients needs each "
               "patient's written authorization, and the networks will not sign to protect it.")


def _quoted(mentions: list[Mention]) -> str:
    words = list(dict.fromkeys(f"“{m.text}”" for m in mentions))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _health_in_text(spec: SegmentSpec, field: str, text: str) -> list[SegmentFinding]:
    health, patients = health_mentions(text), patient_data_mentions(text)
    if not health and not patients:
        return []
    hint = next((m.age_hint for m in health if m.age_hint), None)
    alternative = demographic_name(spec, hint)
    first = (health + patients)[0]
    if patients:
        message = (f"{_quoted(patients)} means this audience comes from the clinic's "
                   f"patients. {PATIENT_WHY}")
    else:
        message = f"{_quoted(health)} describes people by their health. {HEALTH_WHY}"
    if field == "name":
        suggestion = (f"Name the segment by age and place instead, for example “{alternative}”, "
                      "and let the post itself talk about the subject.")
        # The new name promises an age range, so the remedy sets it too.
        age_min = spec.age_min if spec.age_min is not None else (hint or 18)
        remedy = Remedy(f"Rename to “{alternative}”",
                        (("name", alternative), ("age_min", age_min)))
    else:
        suggestion = "Describe who the people are (age, place, language), not their health."
        remedy = Remedy("Clear the description", (("description", ""),))
    return [make(RULE_PATIENT_DATA, BLOCK, message, field=field, suggestion=suggestion,
                 span=(first.start, first.end), remedy=remedy)]


def _health_in_items(spec: SegmentSpec) -> list[SegmentFinding]:
    findings = []
    for index, topic in enumerate(spec.topics):
        found = patient_data_mentions(topic) or health_mentions(topic)
        if not found:
            continue
        rule = RULE_PATIENT_DATA if patient_data_mentions(topic) else RULE_HEALTH_TARGETING
        remaining = spec.topics[:index] + spec.topics[index + 1:]
        findings.append(make(
            rule, BLOCK,
            f"The topic “{topic}” aims at people by their health ({_quoted(found)}), which "
            "the networks refuse.",
            field="topics", item=index, span=(found[0].start, found[0].end),
            suggestion="Keep the subject for the post's own words; choose a general theme such "
                       "as “healthy living” or “family health” for the segment.",
            remedy=Remedy(f"Remove the topic “{topic}”", (("topics", remaining),))))
    for index, place in enumerate(spec.places):
        found = patient_data_mentions(place.value) or health_mentions(place.value)
        if not found:
            continue
        remaining_places = spec.places[:index] + spec.places[index + 1:]
        findings.append(make(
            RULE_HEALTH_TARGETING, BLOCK,
            f"The place “{place.value}” is named after a health service or condition "
            f"({_quoted(found)}), so it aims at the people treated there, which the networks "
            "refuse.",
            field="places", item=index, span=(found[0].start, found[0].end),
            suggestion="Use the town, postcode or region instead.",
            remedy=Remedy(f"Remove the place “{place.value}”", (("places", remaining_places),))))
    return findings


def _adults_only(spec: SegmentSpec, content: str) -> list[SegmentFinding]:
    words = " \n".join([spec.name, spec.description, *spec.topics, content])
    found = weight_or_cosmetic_mentions(words)
    if not found or (spec.age_min is not None and spec.age_min >= 18):
        return []
    reach = ("sets no youngest age, so teenagers from 13 could see it" if spec.age_min is None
             else f"starts at age {spec.age_min}")
    age_max = spec.age_max if spec.age_max is None or spec.age_max >= 18 else None
    return [make(
        RULE_ADULTS_ONLY, BLOCK,
        f"This segment is for weight-loss or cosmetic content ({_quoted(found)}) and {reach}. "
        "Weight-loss and cosmetic posts may only be aimed at adults (Meta requires 18 and over).",
        field="ages", suggestion="Set the youngest age to 18.",
        remedy=Remedy("Set the youngest age to 18", (("age_min", 18), ("age_max", age_max))))]


def _ages(spec: SegmentSpec) -> list[SegmentFinding]:
    low, high = spec.age_min, spec.age_max
    found = []
    if low is not None and low < YOUNGEST_AGE:
        found.append(make(RULE_AGES, BLOCK, f"Social networks have no members under 13, so a "
                          f"segment cannot start at age {low}.", field="ages",
                          remedy=Remedy("Start at 13", (("age_min", YOUNGEST_AGE),))))
    if low is not None and low > OLDEST_AGE:
        found.append(make(RULE_AGES, BLOCK, "Networks group everyone 65 and over together, so "
                          "the youngest age can be at most 65.", field="ages",
                          remedy=Remedy("Use 65 and over", (("age_min", 65), ("age_max", None)))))
    if high is not None and high < YOUNGEST_AGE:
        found.append(make(RULE_AGES, BLOCK, f"An oldest age of {high} leaves nobody: networks "
                          "have no members under 13.", field="ages",
                          remedy=Remedy("Remove the oldest age", (("age_max", None),))))
    elif high is not None and high > OLDEST_AGE:
        found.append(make(RULE_AGES, WARN, "Networks stop counting at 65, which means “65 and "
                          f"over”; an oldest age of {high} will be sent as 65+.", field="ages",
                          remedy=Remedy("Use 65 and over", (("age_max", None),))))
    if low is not None and high is not None and YOUNGEST_AGE <= high < low:
        found.append(make(RULE_AGES, BLOCK, f"The youngest age ({low}) is above the oldest "
                          f"({high}).", field="ages",
                          remedy=Remedy("Swap the two ages",
                                        (("age_min", high), ("age_max", low)))))
    return found


def _radius(spec: SegmentSpec) -> list[SegmentFinding]:
    found = []
    facebook = spec.applies_to(Platform.FACEBOOK.value)
    for index, place in enumerate(spec.places):
        radius = place.radius_km
        if radius is None:
            continue

        def with_radius(value: int | None, i: int = index) -> Remedy:
            label = f"Use {value} km" if value is not None else "Remove the radius"
            places = list(spec.places)
            places[i] = replace(places[i], radius_km=value)
            return Remedy(label, (("places", tuple(places)),))

        if place.kind not in RADIUS_KINDS:
            found.append(make(RULE_RADIUS, WARN, f"A radius only applies around a town or "
                              f"postcode; it means nothing for “{place.value}”.", field="places",
                              item=index, remedy=with_radius(None)))
            continue
        low, high = RADIUS_SANITY
        if not low <= radius <= high:
            found.append(make(RULE_RADIUS, BLOCK, f"A radius must be between {low} and {high} "
                              f"km; {radius} km is not.", field="places", item=index,
                              remedy=with_radius(min(max(radius, low), high))))
            continue
        fb_low, fb_high = FACEBOOK_CITY_RADIUS if place.kind == "city" else FACEBOOK_POSTCODE_RADIUS
        if facebook and not fb_low <= radius <= fb_high:
            nearest = min(max(radius, fb_low), fb_high)
            found.append(make(RULE_RADIUS, WARN, f"Facebook accepts a radius of {fb_low} to "
                              f"{fb_high} km around {place.value}; it will use {nearest} km "
                              f"instead of {radius} km.", field="places", item=index,
                              remedy=with_radius(nearest)))
    return found


def _linkedin(spec: SegmentSpec, followers: int | None) -> list[SegmentFinding]:
    if not spec.applies_to(Platform.LINKEDIN.value) or not (spec.places or spec.languages):
        return []
    found = []
    if any(p.radius_km for p in spec.places):
        found.append(make(RULE_RADIUS, INFO, "LinkedIn aims by town or region, not by "
                          "distance: it uses the places without the radius.", field="places"))
    estimate = estimate_linkedin_reach(spec, followers)
    if estimate.likely_too_small:
        basis = (f"assuming about {estimate.followers:,} followers, as the Page's follower count "
                 "has not been read yet" if estimate.followers_assumed
                 else f"from the Page's {estimate.followers:,} followers")
        found.append(make(
            RULE_LINKEDIN_SIZE, WARN,
            f"LinkedIn shows a targeted post only when at least {LINKEDIN_MINIMUM} followers "
            f"match. This segment probably reaches about {estimate.members:,} ({basis}).",
            field="places", suggestion="Widen the area or add places, or leave LinkedIn out of "
            "this segment so the post goes to all followers there."))
    return found


def _nothing_targeted(spec: SegmentSpec) -> list[SegmentFinding]:
    if not any(spec.applies_to(n) for n in TARGETING_NETWORKS):
        return [make(RULE_NO_TARGETING, INFO, "None of the chosen networks can aim a post at an "
                     "audience: this segment helps you plan posts and compare their results.",
                     field="networks")]
    if not (spec.places or spec.languages or spec.age_min is not None or spec.age_max is not None):
        return [make(RULE_NO_TARGETING, INFO, "This segment sets no place, age or language, so "
                     "every network shows its posts to everyone who follows the clinic.",
                     field="places")]
    return []


def validate_segment(spec: SegmentSpec,
                     context: ValidationContext | None = None) -> list[SegmentFinding]:
    """Everything wrong with ``spec`` (normalised first), blocking findings first."""
    context = context or ValidationContext()
    spec = spec.normalised()
    findings: list[SegmentFinding] = []
    if not spec.name:
        findings.append(make(RULE_NAME, BLOCK, "Give the segment a name, for example “Parents "
                             "of young children in Springfield”.", field="name"))
    elif spec.name.lower() in context.taken_names:
        findings.append(make(RULE_NAME, BLOCK, f"There is already a segment called "
                             f"“{spec.name}”. Choose another name.", field="name"))
    findings += _health_in_text(spec, "name", spec.name)
    findings += _health_in_text(spec, "description", spec.description)
    findings += _health_in_items(spec)
    findings += _adults_only(spec, context.content)
    findings += _ages(spec)
    findings += _radius(spec)
    findings += _linkedin(spec, context.linkedin_followers)
    findings += _nothing_targeted(spec)
    return by_severity(findings)


def blocking(findings: list[SegmentFinding]) -> list[SegmentFinding]:
    return [f for f in findings if f.blocks]
