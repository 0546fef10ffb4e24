"""Mechanisms added after the held-out corpus: each is a general rule, tested here on wording
that appears in neither corpus."""

import random
import re

import pytest

from clinicstudio.compliance.context import ClinicContext
from clinicstudio.compliance.lexicons import english_frequency, english_words, lexicons, tagger
from clinicstudio.compliance.patterns import PrefixScanner
from clinicstudio.compliance.people import PeopleFinder
from clinicstudio.compliance.rulepack import first_characters, rule_pack
from clinicstudio.compliance.text import Text
from clinicstudio.domain import ClinicIdentity
from tests.helpers.compliance_checkers import clinic_checker, flagged, rules

FINDER = PeopleFinder(lexicons(), english_frequency(), ClinicContext.build(ClinicIdentity(
    name="Bright Smile Dental", staff=("Dr. Kevin Park", "Megan Brooks"))), english_words())


def people(text: str) -> list[tuple[str, bool]]:
    read = Text(text)
    read.tag(*tagger().mask(read.lower))
    return [(p.text, p.staff) for p in FINDER.find(read)]


@pytest.mark.parametrize(("text", "name"), [
    ("big day for lucas t. today", "lucas"),
    ("get well soon ms. whitaker", "ms. whitaker"),
    ("thinking of prof. hartley this week", "prof. hartley"),
    ("Thank you, Cpl. Mendez, for your service", "Cpl. Mendez"),
    ("Señora Castillo brought tamales", "Señora Castillo"),
])
def test_casual_and_titled_names_are_people(text, name):
    assert name in [found for found, _ in people(text)]


def test_a_possessive_after_a_place_word_is_still_a_person():
    assert people("Look at Kendra's skin after her peel") == [("Kendra's", False)]


@pytest.mark.parametrize("text", [
    "Ask about Damon braces for teens.",
    "The OB/GYN team is hiring.",
    "Taylor Swift's red lip is a classic look.",
])
def test_eponyms_acronyms_and_public_figures_are_not_people(text):
    assert people(text) == []


def test_a_title_does_not_make_a_declared_patient_staff():
    assert people("Dr. Jane Doyle (our patient!) loved it") == [("Dr. Jane Doyle", False)]
    assert people("Dr. Jane Doyle is joining us") == [("Dr. Jane Doyle", True)]


def test_a_role_word_across_a_verb_does_not_make_someone_staff():
    assert people("Our team fitted Pastor Hughes today") == [("Pastor Hughes", False)]
    assert [staff for _, staff in people("Say hi to our receptionist Sara Lund")] == [True]


def test_words_that_are_talked_about_are_not_claims():
    assert flagged("Our laser is guaranteed to work.", "claim")
    assert not flagged("Never trust ads that use the words cure or guarantee.", "claim")
    assert not flagged("\"Risk-free\" is a red flag in any clinic ad.", "claim")


def test_negated_approval_in_the_window_cancels_an_fda_claim():
    assert flagged("Compounded tirzepatide, FDA-approved!", "claim")
    assert not flagged("The FDA has not approved compounded tirzepatide. Brand products are "
                       "FDA-approved.", "claim")


def test_a_cause_name_is_not_an_emergency():
    assert not flagged("Our team walked 10K for suicide prevention on Sunday!", "advice")
    assert flagged("Having thoughts of suicide? DM us.", "advice")


def test_spanish_sentences_are_not_spell_checked_but_english_ones_are():
    checker = clinic_checker()
    found = checker.check("Gracias por su visita, nos vemos pronto. Remeber your card!").findings
    assert [f.rule for f in found if f.rule == "SPL-001"] == ["SPL-001"]


def test_spanish_replies_that_mention_the_visit_block():
    result = clinic_checker().check("Sentimos la demora en su consulta de ayer.", kind="reply",
                                    reply_to="Muy lento")
    assert "PHI-002" in rules(result.findings)


def test_patient_as_a_modifier_is_not_one_patient():
    assert not clinic_checker().check(
        "Lab results are in the patient portal by 02/01.").blocked


def test_prefix_scanner_finds_what_str_find_finds():
    prefixes = ["a ", "an ", "cur", "cure", "free", "#1", "100%", "don't"]
    rng = random.Random(7)
    text = " ".join(rng.choice(["a", "an", "cure", "cured", "freely", "#1", "100%", "don't",
                                "x", "cur"]) for _ in range(400))
    found = PrefixScanner(prefixes).positions(text)
    for prefix in prefixes:
        expected = [m.start() for m in re.finditer(f"(?={re.escape(prefix)})", text)]
        assert found.get(prefix, []) == expected


def test_first_character_guards_do_not_change_what_rules_match():
    assert first_characters(r"\b(?:\d+%|\$\d+|free)") == r"[\$\df]"
    assert first_characters(r"\w+x") is None  # any word character may start it
    assert first_characters(r"(?:a|b)?c") == "[abc]"
    for rule in rule_pack().rules:
        for pattern in rule.patterns:
            if pattern.regex.pattern.startswith("(?=["):
                plain = re.compile(pattern.regex.pattern.split(")(?:", 1)[1][:-1],
                                   re.IGNORECASE)
                sample = "Free 100% $20 off Guaranteed! 5-star review and get 10% off " * 3
                assert [m.span() for m in plain.finditer(sample)] == [
                    m.span() for m in pattern.regex.finditer(sample)]


@pytest.mark.parametrize("text", [
    "Say hi to our therapy dog Bruno after your checkup!",
    "Luna, our office cat, is home after her spay surgery.",
    "Tommy John surgery is for elbows, not teeth.",
])
def test_pets_and_eponyms_are_not_patients(text):
    assert not clinic_checker().check(text).blocked


def test_an_event_date_next_to_a_speaker_and_a_topic_is_not_a_date_of_care():
    assert not clinic_checker().check(
        "Prof. Ana Ruiz will speak on sleep and stress at our free talk, 14/11, 6pm.").blocked
    assert clinic_checker().check("Mrs. Ana Ruiz had her knee surgery with us on 14/11.").blocked


def test_an_accented_word_confirms_a_short_spanish_sentence():
    found = clinic_checker().check("Hablamos español. Ask our front desk.").findings
    assert "SPL-001" not in rules(found)
