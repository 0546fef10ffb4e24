import pytest

from clinicstudio.domain import Severity
from tests.helpers.compliance_checkers import clinic_checker, flagged, rules


@pytest.mark.parametrize("text", [
    "Congrats to Maria Lopez on finishing her knee rehab!",
    "Huge congrats to Maria G. — 6 weeks after her knee replacement she's back on the court!",
    "Shout-out to @tom.builds for finally getting that wisdom tooth out 😅",
    "We loved seeing Mrs. Patel's whole family for their flu shots today!",
    "Welcome to the world, baby Leo! Born March 4 at 7 lb 2 oz.",
    "Happy 93rd birthday to our longest-standing patient! 🎂",
    "Lost wallet with insurance card ID W123456789 in our lobby.",
    "Jess, we emailed your labs to jess.m1987@mail.com, check spam!",
    "Proud of our Millbrook cancer survivor who rang the bell this morning!",
    "Dr. Okafor treated Mr. Alvarez for pneumonia last week.",
])
def test_patient_identifiers_with_care_context_block(text):
    assert flagged(text, "phi", at_least=Severity.BLOCK)


@pytest.mark.parametrize("text", [
    "Knee replacement recovery usually takes 6 to 12 weeks. Ask our PT team what to expect.",
    "Welcome Dr. Amy Chen, our new family physician! She loves treating patients of all ages.",
    "Dr. Anita Sharma will speak about healthy aging on November 3 at 2pm.",
    "Call (555) 214-7700 or visit maplegrovefm.com. We are at 410 Oak Street.",
    "Flu clinic: Saturday, Oct 12, 9am to 1pm.",
    "Adults over 65 should ask about the high-dose flu vaccine.",
    "Diabetes affects 1 in 10 adults.",
    "Lisa Tran, our nurse practitioner, runs the blood pressure check on Saturday.",
])
def test_clinic_details_staff_events_and_education_do_not_block(text):
    assert not flagged(text, "phi", at_least=Severity.BLOCK)


def test_staff_story_about_one_patients_visit_today_blocks():
    # Labels sheet, rule 5: a day tied to one patient's care is patient information even
    # without a name (the rules warn; with the model the whole story blocks).
    result = clinic_checker().check("Had a patient today insist her toothache was from 5G. 🙄")
    assert "PHI-010" in rules(result.findings) and result.blocked


def test_a_phone_number_without_context_only_warns():
    result = clinic_checker().check("Pharmacy line: 555-903-4478.")
    assert [(f.rule, f.severity) for f in result.findings] == [("PHI-003", Severity.WARN)]


def test_a_referenced_authorization_turns_the_block_into_a_warning():
    text = ("Patient spotlight: Carlos beat his prediabetes with our program! Shared with "
            "Carlos's written permission (AUTH-2024-031).")
    result = clinic_checker().check(text)
    assert not result.blocked
    assert "PHI-001" in rules(result.findings)


def test_name_fix_replaces_the_name():
    text = "Congrats to Maria Lopez on finishing her knee rehab!"
    finding = next(f for f in clinic_checker().check(text).findings if f.rule == "PHI-001")
    assert finding.fixes[0].apply(text) == "Congrats to our patient on finishing her knee rehab!"


def test_identifier_fix_redacts_the_number():
    text = "Reminder for Jenna: your lab results are ready, call 555-903-4478."
    finding = next(f for f in clinic_checker().check(text).findings if f.rule == "PHI-003")
    assert "[phone removed]" in finding.fixes[0].apply(text)


def test_an_age_over_89_written_after_a_name_blocks():
    text = "Grandpa Joe, 94, still comes in every month for his blood pressure check."
    assert "PHI-004" in rules(clinic_checker().check(text).findings)


def test_without_a_clinic_identity_offered_contact_numbers_are_not_patient_numbers():
    from clinicstudio.compliance import Checker

    assert not Checker().check("Call us at (555) 214-7700 to book your flu shot.").findings


@pytest.mark.parametrize("text", [
    "Reminder to our 2pm Botox client today: no lying down for 4 hours!",
    "Shoutout to our 2:30 Mohs patient today who brought the whole team donuts.",
    "Sorry for the wait, everyone. Our client in Room 2 needed extra time.",
])
def test_one_patient_picked_out_by_appointment_slot_or_room_blocks(text):
    assert any(f.rule == "PHI-010" and f.blocks for f in clinic_checker().check(text).findings)


@pytest.mark.parametrize("text", [
    "Our 9am appointments are open for new patients.",
    "The 10am class is full; our 2pm patients can park in back.",
])
def test_appointment_times_for_everyone_are_not_a_patient(text):
    assert not [f for f in clinic_checker().check(text).findings if f.rule == "PHI-010"]
