from clinicstudio.compliance.readability import grade_level, syllables
from clinicstudio.compliance.text import Text
from tests.helpers.compliance_checkers import clinic_checker, rules

HARD = ("Influenza immunization substantially attenuates hospitalization risk among "
        "immunocompromised individuals with comorbidities. Vaccination is particularly "
        "recommended for individuals with chronic cardiovascular conditions. Administration is "
        "contraindicated for individuals with documented hypersensitivity reactions.")
EASY = ("Flu shots are here. Walk in any weekday. It takes five minutes and helps keep your "
        "family safe. Bring your card. We will see you soon.")


def test_syllable_counts_are_close_to_dictionary_counts():
    assert [syllables(w) for w in ("flu", "vaccine", "family", "immunization", "made")] == [
        1, 2, 3, 5, 1]


def test_grade_level_orders_hard_and_easy_text():
    hard, _, _ = grade_level(Text(HARD))
    easy, _, _ = grade_level(Text(EASY))
    assert hard > 14 and easy < 4


def test_hard_text_warns_and_short_captions_are_not_graded():
    assert "A11Y-001" in rules(clinic_checker().check(HARD).findings)
    assert "A11Y-001" not in rules(clinic_checker().check("Immunocompromised? Ask us.").findings)


def test_unexplained_jargon_is_a_note_but_explained_jargon_is_not():
    found = clinic_checker().check("Pts with DM2 and HTN should check BP BID.").findings
    assert {text for text in ("DM2", "HTN", "BID")} <= {
        "Pts with DM2 and HTN should check BP BID."[f.start:f.end] for f in found
        if f.rule == "A11Y-007"}
    explained = clinic_checker().check("Hypertension (high blood pressure) is common.").findings
    assert "A11Y-007" not in rules(explained)


def test_short_posts_warn_only_when_clearly_hard():
    text = ("Congratulations to our own Elena Petrova on completing the Boston Marathon! Elena has "
            "been a physical therapist here for eight years. We're so proud of you, Elena!")
    found = [f for f in clinic_checker("pt").check(text).findings if f.rule == "A11Y-001"]
    assert all(f.severity.value == "info" for f in found)
