from clinicstudio.compliance.context import ClinicContext
from clinicstudio.compliance.lexicons import english_frequency, english_words, lexicons, tagger
from clinicstudio.compliance.people import PeopleFinder
from clinicstudio.compliance.text import Text
from clinicstudio.domain import ClinicIdentity

FINDER = PeopleFinder(lexicons(), english_frequency(), ClinicContext.build(ClinicIdentity(
    name="Bright Smile Dental", staff=("Dr. Kevin Park", "Megan Brooks"),
    handles=("@brightsmile",))), english_words())


def people(text: str) -> list[tuple[str, bool]]:
    read = Text(text)
    read.tag(*tagger().mask(read.lower))
    return [(p.text, p.staff) for p in FINDER.find(read)]


def test_names_with_surnames_initials_and_handles():
    assert people("Congrats to Maria Lopez and Jake G. and @tom.builds!") == [
        ("Maria Lopez", False), ("Jake G", False), ("@tom.builds", False)]


def test_staff_and_clinicians_are_marked_as_staff():
    assert people("Dr. Park and Megan will see you.") == [("Dr. Park", True), ("Megan", True)]
    assert people("Our hygienist Sofia taught brushing.") == [("hygienist Sofia", True)]
    assert people("Sofia, our front desk lead, says hi.") == [("Sofia", True)]


def test_courtesy_titles_are_never_staff_even_with_a_staff_surname():
    assert people("We saw Mrs. Park today.") == [("Mrs. Park", False)]


def test_names_that_are_also_words_need_a_cue():
    assert people("Grace and hope matter. May is here.") == []
    assert people("Congrats to Grace on her recovery!") == [("Grace", False)]
    assert people("We are proud of Taylor, who spoke today.") == [("Taylor", False)]


def test_places_brands_and_months_are_not_people():
    assert people("Now serving Austin. Botox Fridays in June.") == []


def test_business_handles_and_the_clinics_own_handle_are_not_people():
    assert people("Thanks @GlowMedSpa and @brightsmile!") == []


def test_quoted_testimonials_attribute_a_person():
    assert people('"My pain is gone." — J., 34') == [("J", False)]


def test_initials_families_and_casual_lower_case_names():
    assert people("Thank you J.R. for trusting us with your cancer care.") == [("J.R", False)]
    assert people("Welcome the Hernandez triplets to our practice!") == [("Hernandez", False)]
    assert people("congrats to jenna on her last chemo session!") == [("jenna", False)]
    assert people("Ask about the U.S. guidelines.") == []


def test_public_figures_who_spoke_about_their_health_are_not_patients():
    assert people("Serena Williams opened up about her blood clot scare.") == []


def test_given_names_inside_place_names_are_not_people():
    assert people("Join us at the Madison County Fair and Lincoln High.") == []
    assert people("Welcome to our practice, Father Michael!") == [("Father Michael", False)]
