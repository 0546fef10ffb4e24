import pytest

from clinicstudio.compliance.advice import CRISIS_LINE, EMERGENCY_LINE
from tests.helpers.compliance_checkers import clinic_checker, flagged, rules


@pytest.mark.parametrize(("text", "kind", "rule"), [
    ("@Rita you can safely double your metformin if your sugars stay high.", "reply", "PRO-001"),
    ("That sounds like a UTI. Just drink cranberry juice and you'll be fine!", "reply", "PRO-001"),
    ("From your photo that mole looks benign. Nothing to worry about!", "reply", "PRO-002"),
    ("What's your worst migraine symptom? Tell us in the comments! 👇", "post", "PRO-003"),
    ("Tag a friend who's struggling with infertility 💕", "post", "PRO-003"),
    ("Know the signs of a stroke: face drooping, arm weakness. DM us!", "post", "PRO-004"),
    ("Questions after your procedure? Message me on my personal IG.", "post", "PRO-005"),
    ("It's obvious your intelligence is in question. Get a life.", "reply", "PRO-006"),
])
def test_boundary_problems_are_found(text, kind, rule):
    assert rule in rules(clinic_checker().check(text, kind=kind).findings)


@pytest.mark.parametrize("text", [
    "Thanks for asking! We can't give personal medical advice here. Please call us.",
    "Which migraine myth surprised you most? A, B or C?",
    "Stroke signs: face drooping, arm weakness, speech trouble. If you see them, call 911.",
    "So proud of Tom: three months after his heart attack he walked the 5K.",
    "Needle anxiety is common! Here are 3 tips our nurses use to make shots easier.",
])
def test_safe_wording_passes(text):
    assert not flagged(text, "advice")


def test_emergency_fix_appends_the_911_line():
    text = "Chest pain? Message us."
    finding = next(f for f in clinic_checker().check(text).findings if f.rule == "PRO-004")
    assert finding.fixes[0].apply(text).endswith(EMERGENCY_LINE)


def test_crisis_wording_needs_988():
    text = "Feeling hopeless lately? Comment below and our counselors will reach out."
    finding = next(f for f in clinic_checker().check(text).findings if f.rule == "PRO-004")
    assert finding.fixes[0].apply(text).endswith(CRISIS_LINE)
    assert "PRO-004" not in rules(clinic_checker().check(text + " " + CRISIS_LINE).findings)


def test_a_redirect_to_the_clinic_makes_the_missing_911_line_a_note():
    from clinicstudio.domain import Severity

    text = "Call us if your child has trouble breathing or a fever for three days."
    finding = next(f for f in clinic_checker().check(text).findings if f.rule == "PRO-004")
    assert finding.severity is Severity.INFO
