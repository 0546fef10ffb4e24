import pytest

from tests.helpers.compliance_checkers import flagged


@pytest.mark.parametrize("text", [
    "Do you have type 2 diabetes? Our program can help.",
    "Struggling with your anxiety? Book a same-week therapy visit.",
    "Meet other single moms with PCOS at our support night.",
    "Are you depressed after the holidays?",
    "Worried about your toddler's autism? Call us.",
    "Your depression does not define you.",
])
def test_wording_that_implies_the_readers_health_is_flagged(text):
    assert flagged(text, "attribute")


@pytest.mark.parametrize("text", [
    "Type 2 diabetes affects about 1 in 10 adults. Our program teaches practical ways to manage "
    "blood sugar.",
    "Looking for a therapist? Same-week visits available.",
    "Lower your risk of heart disease with a daily walk.",
    "Get your flu shot this week.",
    "Many adults are living with diabetes without knowing it.",
])
def test_general_education_and_plain_you_pass(text):
    assert not flagged(text, "attribute")


def test_replies_use_the_privacy_rule_instead():
    assert not flagged("We hope your anxiety is better.", "attribute", kind="reply")
