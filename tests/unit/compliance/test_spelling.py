from tests.helpers.compliance_checkers import clinic_checker


def spelling(text: str, clinic: str = "family") -> list[str]:
    result = clinic_checker(clinic).check(text)
    return [text[f.start:f.end] for f in result.findings if f.rule == "SPL-001"]


def test_misspellings_are_found_with_ordered_suggestions_as_fixes():
    text = "Get your apointment today at our ofice."
    assert spelling(text) == ["apointment", "ofice"]
    finding = next(f for f in clinic_checker().check(text).findings if f.rule == "SPL-001")
    assert finding.fixes[0].replacement == "appointment"


def test_medical_words_drug_names_and_clinic_names_are_known():
    text = ("Semaglutide, metformin and tonsillectomy questions? Ask Dr. Okafor at Maple Grove. "
            "Periodontitis and hyperpigmentation too.")
    assert spelling(text) == []


def test_names_brands_handles_links_and_acronyms_are_skipped():
    assert spelling("Thanks @jessfitmom and Xiomara from HydraGlowz! See maplegrovefm.com "
                    "and the CDC.") == []


def test_a_capitalised_typo_starting_a_sentence_is_checked():
    assert spelling("Remeber your card.") == ["Remeber"]


def test_public_suggestions_are_ordered_by_likelihood_and_reach_two_edits():
    checker = clinic_checker()
    assert checker.spelling_suggestions("diabetis")[0] == "diabetes"
    assert "appointment" in checker.spelling_suggestions("apointmnet")
    assert checker.spelling_suggestions("appointment") == []


def test_rare_words_next_to_very_common_ones_are_likely_typos():
    assert spelling("Stay hydrated this sumer.") == ["sumer"]
    assert spelling("Rinse, floss and brush; a splint or sling may help.") == []
