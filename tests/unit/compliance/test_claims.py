import pytest

from tests.helpers.compliance_checkers import clinic_checker, flagged, rules


@pytest.mark.parametrize(("text", "rule"), [
    ("Our regenerative PRP injections CURE knee arthritis!", "CLM-001"),
    ("Guaranteed results or your money back: lose 30 lbs in 30 days!", "CLM-001"),
    ("Painless, permanent, and 100% effective laser hair removal.", "CLM-001"),
    ("Clinically proven to melt fat in just 3 sessions!", "CLM-002"),
    ("Protect yourself this flu season with our Immunity IV Drip!", "CLM-003"),
    ("The best cosmetic dentist in Austin!", "CLM-004"),
    ("Ozempic melts the weight off. Start today!", "CLM-010"),
    ("FDA-approved semaglutide injections, only $249/mo!", "CLM-011"),
    ("Our compounded tirzepatide has the same active ingredient as Mounjaro.", "CLM-011"),
    ("Stem cell therapy can reverse autism symptoms.", "CLM-012"),
    ("Summer's coming. Don't let your muffin top ruin beach season!", "CLM-013"),
    ("Meet our board-eligible cosmetic surgery specialist!", "CLM-014"),
    ("FREE exam and X-rays! We'll just bill your insurance.", "CLM-015"),
])
def test_claims_are_found(text, rule):
    assert rule in rules(clinic_checker().check(text).findings)


@pytest.mark.parametrize("text", [
    "There is no cure for the common cold.",
    "Researchers are still searching for a cure for Alzheimer's disease.",
    "PRP may help some people with knee pain. Ask whether you're a good candidate.",
    "Most patients describe the treatment as mildly uncomfortable; numbing cream is available.",
    "Compounded semaglutide is not FDA-approved and is not the same as Wegovy.",
    "Voted Best Family Practice by the Millbrook Gazette Readers' Poll 2024.",
    "Feeling run-down? Our IV hydration is a wellness service and is not a treatment for any "
    "illness.",
    "We do our best to see every patient on time.",
    "Gum disease is often painless at first.",
    "No one can guarantee you won't catch the flu, but the vaccine lowers your risk.",
])
def test_negated_qualified_or_sourced_wording_passes(text):
    assert not flagged(text, "claim")
