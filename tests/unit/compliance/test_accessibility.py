from clinicstudio.compliance import ImageFacts
from tests.helpers.compliance_checkers import clinic_checker, rules


def findings(text: str, images=()):
    return clinic_checker().check(text, images=images).findings


def test_lower_case_hashtags_get_a_camel_case_fix():
    text = "#hearthealthmonth #HeartHealthMonth #wellness"
    found = [f for f in findings(text) if f.rule == "A11Y-002"]
    assert [f.fixes[0].replacement for f in found] == ["#HeartHealthMonth"]


def test_fancy_letters_are_converted_to_plain_ones():
    text = "𝐅𝐑𝐄𝐄 𝐅𝐋𝐔 𝐒𝐇𝐎𝐓𝐒 today"
    finding = next(f for f in findings(text) if f.rule == "A11Y-006")
    assert finding.fixes[0].apply(text) == "FREE FLU SHOTS today"


def test_emoji_runs_bullets_and_emoji_between_words():
    assert "A11Y-005" in rules(findings("💉💉💉💉 Get 👉 your 👈 flu shot!!!"))
    assert "A11Y-005" in rules(findings("🦷 Cleanings\n🦷 Fillings"))
    assert "A11Y-005" not in rules(findings("Get your flu shot this week. 💉"))


def test_images_need_useful_alt_text():
    assert "A11Y-003" in rules(findings("Flu shots!", [ImageFacts("IMG_2231.jpg")]))
    good = ImageFacts("Nurse giving a flu shot to a smiling older man in a clinic chair.")
    assert "A11Y-003" not in rules(findings("Flu shots!", [good]))


def test_image_of_a_person_without_consent_blocks_and_alt_text_is_checked_for_phi():
    result = clinic_checker().check("Another happy smile!", images=[
        ImageFacts("Maria Lopez in the dental chair after her crown", shows_person=True)])
    assert result.blocked
    assert {"PHI-006", "PHI-001"} <= rules(result.findings)
