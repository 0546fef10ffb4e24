"""Bare presumptive questions, unnamed patients picked out by a visit, advice by message."""

import pytest

from clinicstudio.domain import Severity
from tests.helpers.compliance_checkers import flagged


@pytest.mark.parametrize("text", [
    "Bad knees? Our PT program starts Monday.",
    "Stuffy nose? Saline drops help babies breathe.",
    "Migraines again? Book with Dr. Sharma.",
])
def test_a_short_question_naming_a_symptom_presumes(text):
    assert flagged(text, "attribute")


@pytest.mark.parametrize("text", [
    "What is eczema? A short guide for parents.",
    "Need a flu shot? Walk in any weekday.",
    "Looking for a therapist? Same-week visits available.",
])
def test_general_questions_and_offers_do_not(text):
    assert not flagged(text, "attribute")


def test_an_unnamed_patient_picked_out_by_a_visit_blocks():
    assert flagged("To the lady with the purple bike who came in for her filling this morning: "
                   "you were a star!", "phi", at_least=Severity.BLOCK)


@pytest.mark.parametrize("text", [
    "Text a photo of your rash to (555) 214-7701 and we'll tell you if it needs to be seen.",
    "Message us with your child's name, date of birth and current dose for a refill.",
])
def test_inviting_photos_or_health_details_by_message_is_advice(text):
    assert flagged(text, "advice")
