import pytest

from clinicstudio.domain import Severity
from tests.helpers.compliance_checkers import clinic_checker, flagged


@pytest.mark.parametrize("text", [
    "Thank you for visiting us!",
    "We're glad your treatment went well.",
    "Sorry about your bill; your insurance denied the claim.",
    "Hi Jordan, our records show you missed two appointments.",
    "We hope your back pain is improving!",
    "The root canal was necessary because of the infection.",
    "We refunded $150 as agreed.",
    "See you at your next cleaning!",
])
def test_replies_that_confirm_care_block(text):
    assert flagged(text, "phi", kind="reply", at_least=Severity.BLOCK)


@pytest.mark.parametrize("text", [
    "Thank you for your feedback; please call our office at (555) 214-7700.",
    "We appreciate the kind words! Our team works hard to make every visit comfortable.",
    "We're sorry to hear about your experience. Please contact our office manager directly.",
])
def test_generic_replies_pass(text):
    assert not flagged(text, "phi", kind="reply", at_least=Severity.WARN)


def test_a_name_the_review_did_not_show_blocks_and_one_it_showed_warns():
    checker = clinic_checker()
    hidden = checker.check("Thanks, Robert!", kind="reply", reply_to="Great staff. — R.")
    shown = checker.check("Thanks, Robert!", kind="reply", reply_to="Robert K.: great staff")
    assert hidden.blocked
    assert not shown.blocked and shown.findings


def test_the_same_words_in_a_post_are_not_reply_findings():
    result = clinic_checker().check("Book your visit online today!")
    assert not result.findings
