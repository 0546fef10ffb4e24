"""The Checker: one call that runs every compliance check over a post or a reply.

Everything that does not depend on the clinic (word lists, compiled rule packs, detectors) is
built once per process and shared by every Checker, so opening a second Checker for another
clinic costs only the clinic's own names. ``check()`` splits the text once and hands the same
pieces to each detector; it is called on every pause in typing, so it stays in milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from clinicstudio.compiled_patterns import reusing_compiled_patterns
from clinicstudio.compliance.accessibility import AccessibilityChecker, ImageFacts
from clinicstudio.compliance.advice import EmergencyChecker
from clinicstudio.compliance.context import ClinicContext
from clinicstudio.compliance.endorsement import EndorsementChecker, authorization_referenced
from clinicstudio.compliance.identifiers import find_identifiers
from clinicstudio.compliance.lexicons import (
    Lexicons,
    Tagger,
    english_frequency,
    english_words,
    lexicons,
    tagger,
)
from clinicstudio.compliance.model.combine import apply_written_authorization, combine
from clinicstudio.compliance.model.features import Evidence
from clinicstudio.compliance.model.linear import LinearModel, shipped_model
from clinicstudio.compliance.patterns import run_pattern_rules, scanner_for
from clinicstudio.compliance.people import PeopleFinder, Person
from clinicstudio.compliance.phi import PhiDetector
from clinicstudio.compliance.presumption import PresumptionChecker
from clinicstudio.compliance.readability import ReadabilityChecker
from clinicstudio.compliance.reply import ReplyDetector
from clinicstudio.compliance.rulepack import RulePack, rule_pack
from clinicstudio.compliance.spelling import SpellChecker
from clinicstudio.compliance.text import Text
from clinicstudio.domain import Category, ClinicIdentity, Finding, Platform, Severity

KINDS = ("post", "reply")
_SEVERITY_ORDER = {Severity.BLOCK: 0, Severity.WARN: 1, Severity.INFO: 2}
# With a patient's authorization referenced, naming them is allowed but still worth a look.
_AUTHORIZABLE = frozenset({"PHI-001", "PHI-004", "PHI-005", "PHI-007"})


@dataclass(frozen=True)
class CheckResult:
    findings: list[Finding]

    @property
    def blocked(self) -> bool:
        return any(f.severity is Severity.BLOCK for f in self.findings)

    def as_json(self) -> dict[str, object]:
        return {"blocked": self.blocked, "findings": [f.as_json() for f in self.findings]}


@dataclass(frozen=True)
class _Shared:
    lex: Lexicons
    tags: Tagger
    english: dict[str, int]
    words: frozenset[str]
    rules: RulePack
    medical: frozenset[str]
    phi: PhiDetector
    reply: ReplyDetector
    readability: ReadabilityChecker
    emergency: EmergencyChecker
    endorsement: EndorsementChecker
    accessibility: AccessibilityChecker
    presumption: PresumptionChecker


@cache
def _shared() -> _Shared:
    # Hundreds of rule and word-list patterns: compiled once per computer, then reused.
    with reusing_compiled_patterns():
        return _build_shared()


def _build_shared() -> _Shared:
    lex, tags, english, rules = lexicons(), tagger(), english_frequency(), rule_pack()
    medical = lex.medical_vocabulary
    return _Shared(
        lex=lex, tags=tags, english=english, words=english_words(), rules=rules, medical=medical,
        phi=PhiDetector.build(tags, rules, english),
        reply=ReplyDetector(tags, rules),
        readability=ReadabilityChecker(lex, rules),
        emergency=EmergencyChecker(tags, rules),
        endorsement=EndorsementChecker(rules, tags),
        accessibility=AccessibilityChecker(rules, english, medical),
        presumption=PresumptionChecker(tags, rules.rules_for("PLT-001")[0]),
    )


class Checker:
    """Checks texts for one clinic. Build one per clinic identity and reuse it."""

    def __init__(self, clinic: ClinicIdentity = ClinicIdentity(),  # noqa: B008
                 *, use_model: bool = True) -> None:
        shared = _shared()
        self._shared = shared
        # The statistical model beside the rules (None: the rules work alone).
        self._model: LinearModel | None = shipped_model() if use_model else None
        self.clinic = ClinicContext.build(clinic)
        self._people = PeopleFinder(shared.lex, shared.english, self.clinic, shared.words)
        self._speller = SpellChecker(shared.lex, shared.english, self.clinic,
                                     shared.rules["SPL-001"], shared.medical, shared.words)
        self._pattern_rules = shared.rules.pattern_rules
        self._scanner = scanner_for(self._pattern_rules)

    def spelling_suggestions(self, word: str) -> list[str]:
        """Corrections for ``word``, most likely first (empty when the word is known)."""
        return self._speller.suggestions(word)

    @property
    def rules(self) -> RulePack:
        """The rule catalogue, for checks that word their findings from it (pictures)."""
        return self._shared.rules

    def people_named(self, text: str) -> list[Person]:
        """The people ``text`` names (staff marked as such), e.g. for text read in a picture."""
        return self._people.find(self._read(text)) if text.strip() else []

    def check(self, text: str, *, kind: str = "post", platform: Platform | None = None,
              reply_to: str = "", images: Sequence[ImageFacts] = ()) -> CheckResult:
        """Everything the compliance checks find in ``text``, sorted by position.

        ``platform`` is accepted so callers pass one context everywhere; network limits are
        checked by clinicstudio.platforms, not here.
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be 'post' or 'reply', not {kind!r}")
        del platform
        findings: list[Finding] = []
        if text.strip():
            findings.extend(self._check_text(self._read(text), kind, reply_to, images))
        findings.extend(self._check_images(images, kind))
        return CheckResult(_tidy(findings))

    def _read(self, raw: str) -> Text:
        text = Text(raw)
        masked, tags = self._shared.tags.mask(text.lower)
        if "#" in raw:
            tags = sorted(tags + self._shared.tags.hashtag_tags(raw))
        text.tag(masked, tags)
        return text

    def evidence(self, raw: str, *, kind: str = "post", reply_to: str = "") -> tuple[Text,
                                                                                  Evidence]:
        """The text as the engine reads it and what the rules alone found in it (the model's
        input; training uses it so that it sees exactly what checking sees)."""
        text = self._read(raw)
        findings, people, identifiers = self._rule_findings(text, kind, reply_to, ())
        return text, Evidence(people, identifiers, findings, kind)

    def _check_text(self, text: Text, kind: str, reply_to: str,
                    images: Sequence[ImageFacts]) -> list[Finding]:
        findings, people, identifiers = self._rule_findings(text, kind, reply_to, images)
        if self._model is not None:
            evidence = Evidence(people, identifiers, findings, kind,
                                any(image.consent_ref.strip() for image in images))
            findings = combine(text, evidence, findings, self._model.judge(text, evidence),
                               self._model)
        return apply_written_authorization(text, kind, findings)

    def _rule_findings(self, text: Text, kind: str, reply_to: str,
                       images: Sequence[ImageFacts]) -> tuple[list[Finding], list, list]:
        shared = self._shared
        people = self._people.find(text)
        identifiers = find_identifiers(text.raw, self.clinic)
        findings = run_pattern_rules(text, kind, self._pattern_rules, self._scanner)
        findings.extend(shared.phi.check(text, people, identifiers, kind))
        if kind == "reply":
            findings.extend(shared.reply.check(text, people, reply_to))
        findings.extend(shared.emergency.check(text))
        if kind == "post":
            findings.extend(shared.presumption.check(text))
        findings.extend(shared.endorsement.check(text, images))
        findings.extend(shared.readability.check(text))
        findings.extend(shared.accessibility.check(text, images))
        findings.extend(self._speller.check(text))
        authorized = kind == "post" and (authorization_referenced(text) or any(
            image.consent_ref.strip() for image in images))
        if authorized:
            findings = [
                replace(f, severity=Severity.WARN,
                        message=f.message + " An authorization is referenced: make sure it "
                                            "covers this post and this network.")
                if f.rule in _AUTHORIZABLE and f.severity is Severity.BLOCK else f
                for f in findings
            ]
        return findings, people, identifiers

    def _check_images(self, images: Sequence[ImageFacts], kind: str) -> list[Finding]:
        findings: list[Finding] = []
        rule = self._shared.rules["PHI-006"]
        for number, image in enumerate(images, start=1):
            if image.shows_person and not image.consent_ref.strip():
                findings.append(rule.finding(0, 0, kind=kind, message=(
                    f"Image {number} shows a person but has no consent or authorization "
                    "reference. Patient photos need written authorization.")))
            if image.alt_text.strip():
                # The description is published too, so it must not disclose a patient either.
                inner = self._check_text(self._read(image.alt_text), kind, "", ())
                for finding in inner:
                    if finding.category is Category.PHI:
                        findings.append(replace(
                            finding, start=0, end=0, fixes=(),
                            message=f"In the description of image {number}: {finding.message}"))
        return findings


def _tidy(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and span, the most severe kept, sorted by position."""
    best: dict[tuple[str, int, int], Finding] = {}
    for finding in findings:
        key = (finding.rule, finding.start, finding.end)
        kept = best.get(key)
        if kept is None or _SEVERITY_ORDER[finding.severity] < _SEVERITY_ORDER[kept.severity]:
            best[key] = finding
    return sorted(best.values(), key=lambda f: (f.start, _SEVERITY_ORDER[f.severity], f.end,
                                                f.rule))
