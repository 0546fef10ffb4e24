import re

from clinicstudio.compliance.patterns import matches
from tests.helpers.compliance_checkers import clinic_checker, rules


def test_matches_equals_finditer_when_trying_only_at_prefixes():
    pattern = re.compile(r"\b(?:best|top)\s+\w+", re.IGNORECASE)
    text = "Best care, top team and the best smiles. Besties."
    expected = [m.span() for m in pattern.finditer(text)]
    got = [m.span() for m in matches(pattern, ("best", "top"), text, text.lower())]
    assert got == expected


def test_rule_prefixes_with_spaces_still_match_across_line_breaks():
    result = clinic_checker().check("Leave us a 5-star\nreview and get $20 off!")
    assert "CLM-007" in rules(result.findings)


def test_negated_claims_are_not_reported():
    checker = clinic_checker()
    assert "CLM-001" in rules(checker.check("Our drops cure allergies.").findings)
    assert "CLM-001" not in rules(checker.check("Nothing can cure allergies.").findings)


def test_unless_pattern_in_scope_cancels_a_finding():
    checker = clinic_checker()
    bare = checker.check("Botox: smooth, wrinkle-free skin in 3 days!").findings
    balanced = checker.check("Botox: smooth, wrinkle-free skin in 3 days! Possible side "
                             "effects include headache; full safety info at our site.").findings
    assert "CLM-010" in rules(bare) and "CLM-010" not in rules(balanced)


def test_replace_map_offers_a_fix_in_matching_case():
    finding = next(f for f in clinic_checker().check("Laser CURES acne scars.").findings
                   if f.rule == "CLM-001")
    assert finding.fixes and finding.fixes[0].replacement == "May help with"
