"""Showing findings in a terminal: the text with its problems underlined, then one line each.

    1 | Congrats to Maria Lopez on finishing her knee rehab!
      |             ^^^^^^^^^^^
    [1] BLOCK  phi  PHI-001  line 1, col 13: Names or tags a person together with health ...
        Suggestion: Remove the name or tag ...

Blocking spans are underlined with ``^``, warnings with ``~`` and notes with ``-``. Long texts
show only the lines that have findings.
"""

from __future__ import annotations

import unicodedata

from clinicstudio.domain import Finding, Severity

_MARK = {Severity.BLOCK: "^", Severity.WARN: "~", Severity.INFO: "-"}
_RANK = {Severity.BLOCK: 0, Severity.WARN: 1, Severity.INFO: 2}
FULL_TEXT_LIMIT = 2000  # characters; longer texts show only the lines with findings


def _width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``."""
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return line + 1, column + 1


def render(text: str, findings: list[Finding]) -> str:
    out: list[str] = []
    starts = _line_starts(text)
    show_all = len(text) <= FULL_TEXT_LIMIT
    gutter = len(str(len(starts)))
    for number, start in enumerate(starts, start=1):
        end = starts[number] - 1 if number < len(starts) else len(text)
        line = text[start:end]
        marks = [" "] * len(line)
        rank = [9] * len(line)
        for finding in findings:
            lo, hi = max(finding.start, start), min(finding.end, end)
            for i in range(lo - start, hi - start):
                if _RANK[finding.severity] < rank[i]:
                    marks[i], rank[i] = _MARK[finding.severity], _RANK[finding.severity]
        marked = any(m != " " for m in marks)
        if not show_all and not marked:
            continue
        out.append(f"{number:>{gutter}} | {line}")
        if marked:
            under = "".join(m * _width(ch) if m != " " else " " * _width(ch)
                            for m, ch in zip(marks, line, strict=True))
            out.append(f"{'':>{gutter}} | {under.rstrip()}")
    if out:
        out.append("")
    for index, finding in enumerate(findings, start=1):
        line, column = position(text, finding.start)
        where = "the images" if finding.start == finding.end == 0 and finding.rule in (
            "PHI-006", "A11Y-003") else f"line {line}, col {column}"
        out.append(f"[{index}] {finding.severity.value.upper():<5}  {finding.category.value}  "
                   f"{finding.rule}  {where}: {finding.message}")
        if finding.suggestion:
            out.append(f"    Suggestion: {finding.suggestion}")
        if finding.fixes:
            out.append("    Fix: " + "; ".join(fix.label for fix in finding.fixes))
    if not findings:
        out.append("No problems found.")
    return "\n".join(out)
