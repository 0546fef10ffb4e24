"""Spanish and bilingual posts get the same five checks (labels sheet, rule 12)."""

import pytest

from clinicstudio.domain import Category, Severity
from tests.helpers.compliance_checkers import clinic_checker


def _categories(text: str, kind: str = "post") -> set[str]:
    result = clinic_checker("family").check(text, kind=kind, reply_to="Hola")
    return {str(f.category) for f in result.findings if f.severity is not Severity.INFO}


def test_a_spanish_post_naming_a_patient_and_her_therapy_blocks():
    result = clinic_checker("family").check(
        "Felicidades a María Gómez por terminar su fisioterapia de rodilla!")
    assert any(f.category is Category.PHI and f.blocks for f in result.findings)


@pytest.mark.parametrize(("text", "kind", "category"), [
    ("Nuestro tratamiento cura la diabetes para siempre, garantizado.", "post", "claim"),
    ("¿Le duele la espalda todas las mañanas? Tenemos citas el sábado.", "post", "attribute"),
    ("¿Se ha sentido triste o sin ganas últimamente? Llámenos.", "post", "attribute"),
    ("Envíenos una foto de su sarpullido por mensaje privado.", "post", "advice"),
    ("Deje de tomar la metformina y tome 500 mg de canela al día.", "reply", "advice"),
    ("Deja una reseña de 5 estrellas y recibe un facial gratis.", "post", "endorsement"),
    ("Antes y después: tres sesiones de láser. ¡Increíble!", "post", "endorsement"),
])
def test_spanish_problems_are_found(text, kind, category):
    assert category in _categories(text, kind)


@pytest.mark.parametrize("text", [
    "Vacunas contra la gripe sin cita, de lunes a viernes. ¡Los esperamos!",
    "La diabetes tipo 2 afecta a 1 de cada 10 adultos. Aprenda más en nuestra charla.",
    "Hablamos español. Llame al (555) 214-7700 para hacer una cita.",
])
def test_plain_spanish_information_is_clean(text):
    assert not _categories(text) - {"spelling", "readability", "accessibility"}


@pytest.mark.parametrize("text", [
    "Sr. Anaya: su receta de metformina ya está lista en nuestra farmacia.",
    "Miren la sonrisa de Rocío después de sus carillas. ¡Increíble!",
    "¡Felicidades a la familia Ramírez! Los cinco terminaron sus limpiezas hoy sin caries.",
])
def test_spanish_names_titles_and_care_words_are_read(text):
    result = clinic_checker("family").check(text)
    assert any(f.category is Category.PHI and f.blocks for f in result.findings)


def test_a_spanish_day_is_not_a_given_name():
    # "Día" without its accent is the given name "Dia"; with it, it is a day.
    assert not _categories("Día de vacunas: sábado 9 de agosto, de 9am a 1pm.") & {"phi"}
