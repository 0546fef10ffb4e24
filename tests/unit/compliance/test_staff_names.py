"""Rule 10 of the labels sheet: the clinic is not a patient, and a patient is not staff.

A staff member is matched by full name, by title plus surname, or by a first name the profile
marks as the staff's own; a first name a patient shares with a staff member is still the
patient's name."""

from clinicstudio.compliance import Checker
from clinicstudio.compliance.clinicfile import load_clinic_file
from clinicstudio.compliance.context import ClinicContext
from clinicstudio.domain import Category, ClinicIdentity, Severity

IDENTITY = ClinicIdentity(
    name="Cedar Ridge Family Health",
    staff=("Dr. Maria Santos, MD", "Kevin Lopez, PA-C", "Tina Brooks, front desk"),
    staff_first_names=("Tina",),
)


def test_credentials_and_roles_after_a_name_are_not_part_of_it():
    context = ClinicContext.build(IDENTITY)
    assert "maria santos" in context.staff_full_names
    assert "tina brooks" in context.staff_full_names
    assert "desk" not in context.staff_words and "front" not in context.staff_words


def test_full_name_title_and_surname_and_marked_first_name_are_staff():
    context = ClinicContext.build(IDENTITY)
    assert context.is_staff_name(["Maria", "Santos"])
    assert context.is_staff_name(["Santos"], titled=True)
    assert context.is_staff_name(["Tina"])


def test_an_unmarked_staff_first_name_or_a_mixed_name_may_be_a_patient():
    context = ClinicContext.build(IDENTITY)
    assert not context.is_staff_name(["Maria"])
    assert not context.is_staff_name(["Kevin"])
    assert not context.is_staff_name(["Santos"])
    assert not context.is_staff_name(["Maria", "Lopez"])


def test_the_clinic_brand_is_not_a_person():
    context = ClinicContext.build(IDENTITY)
    assert context.is_staff_name(["Cedar", "Ridge"])


def _phi(checker: Checker, text: str) -> bool:
    return any(f.category is Category.PHI and f.severity is Severity.BLOCK
               for f in checker.check(text).findings)


def test_a_patient_who_shares_a_staff_first_name_is_still_a_patient():
    checker = Checker(IDENTITY, use_model=False)
    assert _phi(checker, "Congrats to Maria Lopez on finishing her knee rehab!")
    assert not _phi(checker, "Dr. Santos will give flu shots on Saturday.")


def test_the_clinic_file_reads_staff_first_names_and_words(tmp_path):
    path = tmp_path / "clinic.toml"
    path.write_text('name = "Glow"\nstaff = ["Ana Ruiz, front desk"]\n'
                    'staff_first_names = ["Ana"]\nwords = ["Glowderm"]\n', encoding="utf-8")
    identity = load_clinic_file(path)
    assert identity.staff_first_names == ("Ana",)
    assert identity.words == ("Glowderm",)


def test_spanish_titles_compound_given_names_and_accents_match_the_profile():
    context = ClinicContext.build(ClinicIdentity(
        name="Sol y Luna Pediatría",
        staff=("Dra. Valeria Ruiz-Ochoa, MD", "Ana Lucía Ferrer, CPNP",
               "Sofia Navarro, licensed esthetician")))
    assert context.is_staff_name(["Valeria", "Ruiz-Ochoa"])
    assert context.is_staff_name(["Ruiz-Ochoa"], titled=True)
    assert context.is_staff_name(["Ana", "Lucía"])
    assert context.is_staff_name(["Sofía", "Navarro"])  # the post adds the accent
    assert not context.is_staff_name(["Ana"])


def test_a_staff_first_name_written_with_an_accent_is_staff_at_work():
    checker = Checker(ClinicIdentity(name="Glow Ridge Dermatology", phones=("(520) 555-0136",),
                                     staff=("Sofia Navarro, licensed esthetician",)))
    result = checker.check("Antes y después: 2 sesiones de láser. ¡Agende con Sofía al "
                           "(520) 555-0136!")
    assert not [f for f in result.findings
                if f.category is Category.PHI and f.severity is Severity.BLOCK]


def test_a_staff_first_name_spoken_to_about_their_own_care_is_a_patient_who_shares_it():
    checker = Checker(ClinicIdentity(name="Harbor Counseling",
                                     staff=("Keisha Morgan, intake coordinator",),
                                     staff_first_names=("Keisha",)))

    def blocked(text: str) -> bool:
        return any(f.category is Category.PHI and f.severity is Severity.BLOCK
                   for f in checker.check(text).findings)

    assert blocked("Keisha, we are SO proud of you for finishing all 12 weeks of DBT skills "
                   "group! Your hard work shows.")
    assert not blocked("Keisha, thank you for taking such good care of our patients' "
                       "appointments and checkups!")
    assert not blocked("Keisha, thanks for covering the front desk today! You rock.")
