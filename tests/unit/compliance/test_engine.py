import pytest

from clinicstudio.compliance import Checker, CheckResult
from clinicstudio.domain import ClinicIdentity, Platform, Severity
from tests.helpers.compliance_checkers import clinic_checker


def test_result_is_sorted_blocked_and_serialisable():
    result = clinic_checker().check(
        "Congrats to Maria Lopez on her knee rehab! Our drops cure allergies.")
    assert isinstance(result, CheckResult)
    assert [f.start for f in result.findings] == sorted(f.start for f in result.findings)
    assert result.blocked
    data = result.as_json()
    assert data["blocked"] is True
    assert set(data["findings"][0]) == {"rule", "category", "severity", "start", "end",
                                        "message", "suggestion"}


def test_empty_and_whitespace_texts_have_no_findings():
    assert Checker().check("").findings == []
    assert Checker().check("   \n ").as_json() == {"blocked": False, "findings": []}


def test_a_very_long_text_is_checked_completely():
    text = ("Flu shots are here. " * 5000) + "Congrats to Maria Lopez on her knee surgery!"
    result = Checker().check(text)
    assert result.blocked and result.findings[-1].start > 99_000


def test_platform_is_accepted_and_kind_is_validated():
    assert not Checker().check("Flu shots today.", platform=Platform.X).findings
    with pytest.raises(ValueError):
        Checker().check("hi", kind="ad")


def test_the_clinic_identity_changes_what_counts_as_patient_information():
    text = "Questions? Call Lisa Tran at 555-214-7700 about your diabetes screening."
    stranger = Checker().check(text)
    clinic = Checker(ClinicIdentity(phones=("(555) 214-7700",), staff=("Lisa Tran",))).check(text)
    assert stranger.blocked
    assert not any(f.category.value == "phi" for f in clinic.findings)


def test_each_finding_has_a_plain_message_and_most_have_a_fix_or_suggestion():
    result = clinic_checker().check("Guaranteed painless cures! Call 555-903-4478. #flushotday")
    for finding in result.findings:
        assert finding.message and (finding.fixes or finding.suggestion)
    assert any(f.severity is Severity.BLOCK for f in result.findings)
