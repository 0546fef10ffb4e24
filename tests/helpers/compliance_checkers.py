"""Checkers for the compliance tests, built from the sample clinic files in tests/data/clinics."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from clinicstudio.compliance import Checker
from clinicstudio.compliance.clinicfile import load_clinic_file
from clinicstudio.domain import Category, Finding, Severity

CLINICS = Path(__file__).resolve().parent.parent / "data" / "clinics"
CORPUS = CLINICS.parent / "compliance_corpus.jsonl"


@cache
def clinic_checker(name: str = "family") -> Checker:
    return Checker(load_clinic_file(CLINICS / f"{name}.toml"))


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def categories(findings: list[Finding], at_least: Severity = Severity.INFO) -> set[Category]:
    order = [Severity.INFO, Severity.WARN, Severity.BLOCK]
    return {f.category for f in findings if order.index(f.severity) >= order.index(at_least)}


def flagged(text: str, category: str, *, clinic: str = "family", kind: str = "post",
            reply_to: str = "", at_least: Severity = Severity.WARN) -> bool:
    result = clinic_checker(clinic).check(text, kind=kind, reply_to=reply_to)
    return Category(category) in categories(result.findings, at_least)
