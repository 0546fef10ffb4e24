from clinicstudio.compliance.context import ClinicContext, address_key, domain_of, phone_digits
from clinicstudio.domain import ClinicIdentity

CLINIC = ClinicContext.build(ClinicIdentity(
    name="Maple Grove Family Medicine", phones=("+1 (555) 214-7700",),
    emails=("frontdesk@maplegrovefm.com",), websites=("https://www.maplegrovefm.com/",),
    addresses=("410 Oak Street, Maple Grove, OH",), staff=("Dr. Anita Sharma", "Lisa Tran"),
    handles=("@maplegrovefm",)))


def test_numbers_and_links_are_normalised():
    assert phone_digits("+1 (555) 214-7700") == "5552147700"
    assert domain_of("HTTPS://www.Example.org/path?x=1") == "example.org"
    assert address_key("410 Oak St.") == ("410", "oak")


def test_the_clinic_recognises_its_own_details_in_other_spellings():
    assert CLINIC.is_own_phone("555.214.7700")
    assert CLINIC.is_own_email("billing@maplegrovefm.com")
    assert CLINIC.is_own_url("maplegrovefm.com/book")
    assert CLINIC.is_own_address("410 Oak St")
    assert CLINIC.is_own_handle("@MapleGroveFM")
    assert not CLINIC.is_own_phone("555-214-7799")


def test_staff_names_match_by_full_name_or_title_and_surname():
    # Labels sheet rule 10: a surname alone may be a patient's; with a title it is staff.
    assert not CLINIC.is_staff_name(["Sharma"])
    assert CLINIC.is_staff_name(["Sharma"], titled=True)
    assert CLINIC.is_staff_name(["Lisa", "Tran"])
    assert not CLINIC.is_staff_name(["Maria", "Lopez"])
