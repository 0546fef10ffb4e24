from __future__ import annotations

from clinicstudio.audience import Place, SegmentSpec, ValidationContext, validate_segment
from clinicstudio.audience.findings import (
    RULE_ADULTS_ONLY,
    RULE_AGES,
    RULE_HEALTH_TARGETING,
    RULE_LINKEDIN_SIZE,
    RULE_NAME,
    RULE_PATIENT_DATA,
    RULE_RADIUS,
)
from clinicstudio.domain import Category, Severity

SPRINGFIELD = Place("city", "Springfield, IL", 20)


def rules(spec: SegmentSpec, context: ValidationContext | None = None) -> dict[str, Severity]:
    # The most severe finding of each rule (findings come blocking first).
    return {f.rule: f.severity for f in reversed(validate_segment(spec, context))}


def test_a_demographic_segment_has_nothing_blocking() -> None:
    spec = SegmentSpec(name="Adults 50+ near Springfield", age_min=50, places=(SPRINGFIELD,),
                       topics=("healthy eating",))
    assert not any(f.blocks for f in validate_segment(spec))


def test_a_condition_name_blocks_with_a_demographic_alternative() -> None:
    spec = SegmentSpec(name="Diabetics", places=(Place("city", "Springfield, IL", 15),))
    finding = next(f for f in validate_segment(spec) if f.field == "name")
    assert finding.blocks and finding.rule == RULE_PATIENT_DATA
    assert finding.finding.category is Category.PHI
    assert "Adults 50+ within 15 km of Springfield, IL" in finding.suggestion
    fixed = finding.remedy.apply(spec)
    assert fixed.name == "Adults 50+ within 15 km of Springfield, IL" and fixed.age_min == 50
    assert not any(f.blocks for f in validate_segment(fixed))


def test_the_alternative_keeps_the_segments_own_ages() -> None:
    spec = SegmentSpec(name="People with anxiety", age_min=25, age_max=40)
    finding = validate_segment(spec)[0]
    assert finding.remedy.apply(spec).name == "Adults 25–40"


def test_patients_and_uploaded_lists_are_refused() -> None:
    for name in ("IVF patients", "Lookalike of our email list", "Existing patients"):
        finding = validate_segment(SegmentSpec(name=name))[0]
        assert finding.blocks and finding.rule == RULE_PATIENT_DATA
    assert "authorization" in validate_segment(SegmentSpec(name="Existing patients"))[0].message


def test_health_in_the_description_topics_and_places_blocks() -> None:
    spec = SegmentSpec(name="Springfield adults", description="for our depression program",
                       topics=("healthy eating", "diabetes care"),
                       places=(Place("city", "Springfield Cancer Center"), SPRINGFIELD))
    found = [f for f in validate_segment(spec) if f.blocks]
    assert {f.field for f in found} == {"description", "topics", "places"}
    topic = next(f for f in found if f.field == "topics")
    assert topic.rule == RULE_HEALTH_TARGETING and topic.item == 1
    assert topic.remedy.apply(spec).topics == ("healthy eating",)
    place = next(f for f in found if f.field == "places")
    assert place.remedy.apply(spec).places == (SPRINGFIELD,)


def test_weight_loss_or_cosmetic_content_needs_adults() -> None:
    teens = SegmentSpec(name="Summer slim-down", age_min=13, places=(SPRINGFIELD,))
    assert rules(teens)[RULE_ADULTS_ONLY] is Severity.BLOCK
    unset = SegmentSpec(name="Botox evenings")
    assert rules(unset)[RULE_ADULTS_ONLY] is Severity.BLOCK
    fixed = next(f for f in validate_segment(teens) if f.rule == RULE_ADULTS_ONLY).remedy
    assert RULE_ADULTS_ONLY not in rules(fixed.apply(teens))
    # The post's own words count too, not only the segment's.
    plain = SegmentSpec(name="Teens in Springfield", age_min=13, age_max=17)
    assert RULE_ADULTS_ONLY not in rules(plain)
    context = ValidationContext(content="Try our semaglutide weight loss program")
    assert rules(plain, context)[RULE_ADULTS_ONLY] is Severity.BLOCK


def test_age_sanity() -> None:
    assert rules(SegmentSpec(name="Kids", age_min=8))[RULE_AGES] is Severity.BLOCK
    assert rules(SegmentSpec(name="Older", age_min=70))[RULE_AGES] is Severity.BLOCK
    upside_down = SegmentSpec(name="Upside down", age_min=40, age_max=30)
    assert rules(upside_down)[RULE_AGES] is Severity.BLOCK
    over = SegmentSpec(name="Seniors", age_min=60, age_max=90)
    finding = next(f for f in validate_segment(over) if f.rule == RULE_AGES)
    assert finding.severity is Severity.WARN and finding.remedy.apply(over).age_max is None


def test_radius_limits_per_network() -> None:
    small = SegmentSpec(name="Near the clinic", places=(Place("city", "Springfield, IL", 5),),
                        networks=("facebook",))
    finding = next(f for f in validate_segment(small) if f.rule == RULE_RADIUS)
    assert finding.severity is Severity.WARN and "17" in finding.message
    assert finding.remedy.apply(small).places[0].radius_km == 17
    # The same radius is fine where Facebook is not used.
    assert RULE_RADIUS not in rules(SegmentSpec(name="x", places=small.places,
                                                networks=("x",)))
    silly = SegmentSpec(name="Everywhere", places=(Place("city", "Springfield, IL", 900),))
    assert rules(silly)[RULE_RADIUS] is Severity.BLOCK


def test_linkedin_small_audiences_are_warned() -> None:
    narrow = SegmentSpec(name="One postcode", places=(Place("postcode", "62701"),),
                         networks=("linkedin",))
    finding = next(f for f in validate_segment(narrow) if f.rule == RULE_LINKEDIN_SIZE)
    assert finding.severity is Severity.WARN and "300" in finding.message
    assert "assuming about 1,000 followers" in finding.message
    wide = SegmentSpec(name="Illinois", places=(Place("region", "Illinois"),),
                       networks=("linkedin",))
    assert RULE_LINKEDIN_SIZE not in rules(wide)
    assert RULE_LINKEDIN_SIZE in rules(wide, ValidationContext(linkedin_followers=250))
    # Not used on LinkedIn: nothing to warn about.
    assert RULE_LINKEDIN_SIZE not in rules(SegmentSpec(name="x", places=narrow.places,
                                                       networks=("facebook",)))


def test_names_are_required_and_unique() -> None:
    assert rules(SegmentSpec(name="  "))[RULE_NAME] is Severity.BLOCK
    taken = ValidationContext(taken_names=frozenset({"parents of young children"}))
    assert rules(SegmentSpec(name="Parents of Young Children"), taken)[RULE_NAME] is Severity.BLOCK


def test_blocking_findings_come_first() -> None:
    spec = SegmentSpec(name="Diabetics", places=(Place("city", "Springfield, IL", 5),))
    severities = [f.severity for f in validate_segment(spec)]
    assert severities[0] is Severity.BLOCK and severities == sorted(
        severities, key=[Severity.BLOCK, Severity.WARN, Severity.INFO].index)
