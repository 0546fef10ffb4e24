from clinicstudio.compliance.context import ClinicContext
from clinicstudio.compliance.identifiers import find_identifiers
from clinicstudio.domain import ClinicIdentity

CLINIC = ClinicContext.build(ClinicIdentity(
    phones=("(555) 214-7700",), emails=("frontdesk@maplegrovefm.com",),
    websites=("maplegrovefm.com",), addresses=("410 Oak Street, Maple Grove, OH 43001",)))


def kinds(text: str) -> list[tuple[str, str, bool]]:
    return [(i.kind, text[i.start:i.end], i.personal) for i in find_identifiers(text, CLINIC)]


def test_the_clinics_own_contact_details_are_not_identifiers():
    text = ("Call (555) 214-7700, email frontdesk@maplegrovefm.com, book at maplegrovefm.com, "
            "or visit 410 Oak Street, Maple Grove, OH 43001.")
    assert kinds(text) == []


def test_other_phone_numbers_and_emails_are_found_but_not_inherently_personal():
    assert kinds("Her cell is 555-903-4478, her mail jess.m1987@mail.com") == [
        ("phone", "555-903-4478", False), ("email", "jess.m1987@mail.com", False)]


def test_numbers_the_post_offers_as_contact_details_are_the_clinics():
    assert kinds("Call us at 555-903-4478, or email our front desk at desk@other.org.") == []
    assert kinds("Flu shots! Call 555-903-4478 today.") == []


def test_labelled_numbers_are_personal_identifiers():
    found = kinds("MRN 00482913, member ID W123456789, Medicare card number 1EG4-TE5-MK72, "
                  "SSN 536-22-8741")
    assert {(k, v) for k, v, _ in found} >= {("id", "00482913"), ("id", "W123456789"),
                                             ("id", "1EG4-TE5-MK72"), ("ssn", "536-22-8741")}
    assert all(personal for _, _, personal in found)


def test_personal_pages_and_ip_addresses():
    found = kinds("Donate at gofundme.com/help-jake or see cdc.gov; server 192.168.4.20")
    assert ("url", "gofundme.com/help-jake", True) in found
    assert ("url", "cdc.gov", False) in found
    assert ("ip", "192.168.4.20", True) in found


def test_street_addresses_and_zip_codes():
    found = kinds("She lives at 22 Birch Lane, near ZIP 02139.")
    assert ("street", "22 Birch Lane", False) in found
    assert ("zip", "02139", False) in found


def test_npi_numbers_of_clinicians_are_public():
    assert kinds("Dr. Sharma, NPI 1234567890") == []
