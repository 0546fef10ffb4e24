import re

from clinicstudio.compliance.lexicons import (
    english_frequency,
    english_words,
    lexicons,
    tagger,
    term_regex,
)


def test_lists_are_loaded_lower_case_and_non_empty():
    lex = lexicons()
    assert "diabetes" in lex.conditions
    assert "root canal" in lex.procedures
    assert "ozempic" in lex.rx_brands
    assert "maria" in lex.first_names and "grace" in lex.ambiguous_first_names
    assert "patel" in lex.surnames
    assert "semaglutide" in lex.medical_vocabulary


def test_term_regex_matches_whole_words_longest_first():
    regex = term_regex({"flu", "flu shot", "parkinson's"})
    assert [m.group() for m in regex.finditer("Flu shot? flu shots. Parkinson’s")] == [
        "Flu shot", "flu", "Parkinson’s"]
    assert regex.search("influenza") is None


def test_tagger_marks_terms_with_their_lexicons_and_keeps_offsets():
    tags = tagger()
    lower = "your knee arthritis and botox"
    masked, spans = tags.mask(lower)
    assert len(masked) == len(lower)
    conditions = re.compile(tags.placeholder("conditions"))
    rx = re.compile(tags.placeholder("rx"))
    assert conditions.search(masked).span() == (5, 19)
    assert rx.search(masked).span() == (24, 29)
    assert [(s, e) for s, e, _ in spans] == [(5, 19), (24, 29)]


def test_longer_terms_also_carry_the_terms_inside_them():
    tags = tagger()
    masked, _ = tags.mask("fever over 104")
    assert re.fullmatch(tags.placeholder("conditions"), masked)
    assert re.fullmatch(tags.placeholder("emergency"), masked)


def test_english_frequencies_rank_common_words_higher():
    words = english_frequency()
    assert words["the"] > words["appointment"] > 0


def test_rare_english_words_are_known_without_a_count():
    assert "prokaryotic" in english_words() and "prokaryotic" not in english_frequency()
    assert english_frequency().keys() <= english_words()
