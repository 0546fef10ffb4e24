import pytest

from clinicstudio.compliance.clinicfile import ClinicFileError, load_clinic_file


def test_a_clinic_file_becomes_an_identity(tmp_path):
    path = tmp_path / "clinic.toml"
    path.write_text('name = "Bayview Dental"\nphones = ["555-380-2211"]\nstaff = "Dr. Park"\n',
                    encoding="utf-8")
    identity = load_clinic_file(path)
    assert identity.name == "Bayview Dental"
    assert identity.phones == ("555-380-2211",)
    assert identity.staff == ("Dr. Park",)


@pytest.mark.parametrize("content", ['name = [1]', 'phones = [1, 2]', 'not toml at all ='])
def test_bad_clinic_files_are_refused_with_a_reason(tmp_path, content):
    path = tmp_path / "clinic.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ClinicFileError, match="clinic file"):
        load_clinic_file(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ClinicFileError, match="cannot read"):
        load_clinic_file(tmp_path / "nope.toml")
