import pytest

from clinicstudio.compliance import ImageFacts
from clinicstudio.domain import Severity
from tests.helpers.compliance_checkers import clinic_checker, flagged, rules


@pytest.mark.parametrize(("text", "rule"), [
    ('"I lost 42 pounds in 8 weeks on the semaglutide plan!" — Dana. *Results may vary.',
     "CLM-005"),
    ("One Emsculpt session and my belly fat was GONE. 🔥", "CLM-005"),
    ("Obsessed with my lip filler from @GlowMedSpa!!! 💋 #glow #spon", "CLM-006"),
    ("Leave us a 5-star Google review and get $20 off your next whitening!", "CLM-007"),
    ("Happy with your visit? Review us on Google! Not happy? Call us first instead.", "CLM-007"),
    ("Before ➡️ After: 2 weeks post-rhinoplasty! DM to book.", "CLM-008"),
    ("My go-to collagen powder for every patient: use code DRSAM15!", "PRO-008"),
])
def test_endorsement_problems_are_found(text, rule):
    assert rule in rules(clinic_checker().check(text).findings)


@pytest.mark.parametrize("text", [
    "We'd love your honest feedback. Reviews help other families find care.",
    "#ad I got my lip filler free from @GlowMedSpa in exchange for this post.",
    "'The staff explained everything and I felt comfortable.' — a patient",
])
def test_disclosed_or_experience_only_endorsements_pass(text):
    assert not flagged(text, "endorsement")


def test_before_after_with_consent_and_typical_results_passes():
    text = ("Before and after, same patient, unretouched. Typical results take 2 to 4 "
            "sessions; yours may differ.")
    images = [ImageFacts("Smile before and after whitening", consent_ref="AUTH-2024-031")]
    assert not clinic_checker().check(text, images=images).findings


def test_before_after_without_consent_blocks():
    result = clinic_checker().check("Before and after: wow!")
    assert any(f.rule == "CLM-008" and f.severity is Severity.BLOCK for f in result.findings)
