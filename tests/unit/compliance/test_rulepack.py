import re

import pytest

from clinicstudio.compliance.rulepack import match_prefixes, rule_pack
from clinicstudio.domain import Category, Severity

CATALOG_IDS = re.compile(r"^(?:PHI|CLM|PRO|PLT|A11Y|SPL)-\d{3}$")


def test_every_rule_has_a_catalog_id_category_and_plain_message():
    pack = rule_pack()
    assert len(pack.rules) > 40
    for rule in pack.rules:
        assert CATALOG_IDS.match(rule.id), rule.id
        assert rule.category in Category and rule.category is not Category.PLATFORM
        assert rule.message and rule.message.lstrip("“")[0].isupper()
        assert rule.kind in ("any", "post", "reply")


def test_rules_for_returns_variants_in_pack_order():
    block, warn = rule_pack().rules_for("PHI-003")
    assert (block.severity, warn.severity) == (Severity.BLOCK, Severity.WARN)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?:cure|cures)\b", ("cure",)),
    (r"(?P<hit>\b(?:you|your)\s+x)", ("you ", "your")),  # \s reads as " " (Text.flat)
    (r"\b(?:a|an)\s+cure", ("a ", "an ")),
    (r"\b(?:a|i)\w+", ()),  # one-letter starts are too common to help
    (r"[a-z]+ing", ()),
])
def test_match_prefixes_are_the_literal_starts_of_every_match(pattern, expected):
    assert match_prefixes(pattern) == expected


def test_prefix_filter_never_drops_a_real_match():
    for rule in rule_pack().pattern_rules:
        for pattern in rule.patterns:
            if pattern.prefixes and not pattern.tagged:
                sample = "x " + pattern.prefixes[0]
                match = pattern.regex.search(sample)
                assert match is None or any(
                    sample.lower()[match.start():].startswith(p) for p in pattern.prefixes)


def test_pattern_analysis_is_kept_and_reused(tmp_path, monkeypatch):
    """The start-up cache: a second reading of the packs finds every analysis in the file."""
    from clinicstudio.compliance import rulepack

    saved = tmp_path / "patterns.bin"
    monkeypatch.setenv("CLINICSTUDIO_PATTERN_CACHE", str(saved))
    rulepack.rule_pack.cache_clear()
    try:
        first = rulepack.rule_pack()
        assert saved.is_file()
        monkeypatch.setattr(rulepack, "match_prefixes", None)  # must not be needed now
        monkeypatch.setattr(rulepack, "first_characters", None)
        rulepack.rule_pack.cache_clear()
        second = rulepack.rule_pack()
        assert [p.prefixes for r in second.rules for p in r.patterns] == [
            p.prefixes for r in first.rules for p in r.patterns]
    finally:
        rulepack.rule_pack.cache_clear()
