"""Spelling in Spanish where the text is Spanish, never Spanish words as English typos, and the
clinic's own words accepted."""

from clinicstudio.compliance import Checker
from clinicstudio.domain import Category, ClinicIdentity

CHECKER = Checker(ClinicIdentity(name="Sol Clinic", words=("Zumbalift",)), use_model=False)


def _misspelled(text: str) -> list[str]:
    return [text[f.start:f.end] for f in CHECKER.check(text).findings
            if f.category is Category.SPELLING]


def test_correct_spanish_is_not_flagged():
    assert _misspelled("Gracias por su visita, la atención de nuestra clínica es muy "
                       "importante para nosotros.") == []


def test_spanish_typos_get_spanish_suggestions():
    text = "Gracias por su vistia, la atencion de nuestra clinica es muy importante."
    findings = [f for f in CHECKER.check(text).findings if f.category is Category.SPELLING]
    assert [text[f.start:f.end] for f in findings] == ["vistia", "atencion", "clinica"]
    assert "atención" in findings[1].message


def test_a_clinic_word_is_not_a_typo_but_a_real_typo_still_is():
    assert _misspelled("Try our Zumbalift sesion today.") == ["sesion"]
