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


@pytest.mark.parametrize(("text", "kind"), [
    ("So happy to hear this! If you post that on Google, we'll take $20 off your next copay!",
     "reply"),
    ("Share it on Yelp and get a free facial on your next visit!", "post"),
    ("Comment why you love the clinic and you could win AirPods! Positive vibes only.", "post"),
])
def test_a_reward_for_moving_praise_to_a_review_site_or_the_comments_is_found(text, kind):
    result = clinic_checker().check(text, kind=kind, reply_to="Loved my first visit!")
    assert "CLM-007" in rules(result.findings)


def test_asking_for_photos_on_a_page_is_not_a_review_reward():
    result = clinic_checker().check("Post it on our Facebook page: we love seeing your photos!")
    assert "CLM-007" not in rules(result.findings)
