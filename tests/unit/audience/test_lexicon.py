from __future__ import annotations

import pytest

from clinicstudio.audience.lexicon import (
    TermKind,
    find_mentions,
    health_mentions,
    patient_data_mentions,
    weight_or_cosmetic_mentions,
)


@pytest.mark.parametrize("text, term", [
    ("Diabetics", "Diabetics"),
    ("People with anxiety", "anxiety"),
    ("IVF couples", "IVF"),
    ("Alzheimer's caregivers", "Alzheimer's"),
    ("Type 2 diabetes", "Type 2 diabetes"),
    ("Asthmatics in Springfield", "Asthmatics"),
    ("AIDS awareness", "AIDS"),
    ("PrEP users", "PrEP"),
    ("Ozempic users", "Ozempic"),
    ("Those living with arthritis", "living with"),
])
def test_health_wording_is_found_with_plurals_and_possessives(text: str, term: str) -> None:
    assert health_mentions(text)[0].text == term


@pytest.mark.parametrize("text", [
    "Parents of young children", "Adults 50+", "Athletes", "New residents", "school physicals",
    "healthy eating", "hearing aids", "meal prep", "police officers", "flu shots",
    "allergy season", "heart health", "Jackson, MS", "New patients welcome",
])
def test_demographic_and_everyday_wording_passes(text: str) -> None:
    assert find_mentions(text, (TermKind.CONDITION, TermKind.PHRASE,
                                TermKind.PATIENT_DATA)) == []


def test_patient_lists_and_patients_are_patient_data() -> None:
    assert [m.text for m in patient_data_mentions("Weight loss patients")] == ["patients"]
    assert patient_data_mentions("Lookalike of our email list")
    assert patient_data_mentions("New patients") == []


def test_weight_loss_and_cosmetic_subjects() -> None:
    assert [m.text for m in weight_or_cosmetic_mentions("Summer slim-down")] == ["slim-down"]
    assert weight_or_cosmetic_mentions("Botox evenings")
    assert weight_or_cosmetic_mentions("Back to school") == []


def test_chronic_conditions_carry_an_age_hint() -> None:
    assert health_mentions("Diabetics")[0].age_hint == 50
    assert health_mentions("anxiety")[0].age_hint is None


def test_overlapping_terms_keep_the_longest() -> None:
    found = health_mentions("type 2 diabetes support")
    assert [(m.start, m.end) for m in found] == [(0, 15)]
