from clinicstudio.compliance.report import position, render
from tests.helpers.compliance_checkers import clinic_checker


def test_render_underlines_spans_and_lists_each_finding():
    text = "Line one.\nCongrats to Maria Lopez on her knee rehab!"
    out = render(text, clinic_checker().check(text).findings)
    lines = out.splitlines()
    assert lines[1] == "2 | Congrats to Maria Lopez on her knee rehab!"
    assert lines[2] == "  |             ^^^^^^^^^^^"
    assert "[1] BLOCK  phi  PHI-001  line 2, col 13:" in out
    assert "Fix: Replace “Maria Lopez” with “our patient”" in out


def test_render_without_findings_says_so():
    assert render("Flu shots today.", []).endswith("No problems found.")


def test_long_texts_show_only_lines_with_findings():
    text = "Plain line.\n" * 300 + "Her cell is 555-903-4478."
    out = render(text, clinic_checker().check(text).findings)
    assert out.count("Plain line.") == 0 and "301 | Her cell is 555-903-4478." in out


def test_position_is_one_based():
    assert position("ab\ncd", 4) == (2, 2)
