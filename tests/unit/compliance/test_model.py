"""The model beside the rules: features, sentence-level findings and the combination policy
(the model alone may warn; rules and model together may block; a strong disagreement turns a
rule finding into an info note), and stated written authorization as an info note."""

from __future__ import annotations

from clinicstudio.compliance import Checker
from clinicstudio.compliance.model.combine import combine
from clinicstudio.compliance.model.features import hashed, sentence_features
from clinicstudio.compliance.model.linear import CATEGORIES, LinearModel, shipped_model
from clinicstudio.domain import Category, ClinicIdentity, Finding, Severity

RULES = Checker(ClinicIdentity(name="Maple Grove Family Medicine",
                               staff=("Dr. Anita Sharma, MD",)), use_model=False)
OFF = {"warn": 1.01, "block": 1.01, "veto": 0.0}


def model_with(weights: dict[str, dict[str, float]], limits: dict[str, dict[str, float]],
               bias: float = -3.0) -> LinearModel:
    table: dict[int, list[float]] = {}
    for feature, by_category in weights.items():
        row = table.setdefault(hashed(feature), [0.0] * len(CATEGORIES))
        for category, weight in by_category.items():
            row[CATEGORIES.index(category)] = weight
    return LinearModel(CATEGORIES, (bias,) * len(CATEGORIES), ((1.0, 0.0),) * len(CATEGORIES),
                       {k: tuple(v) for k, v in table.items()},
                       {c: limits.get(c, OFF) for c in CATEGORIES}, {})


def run(model: LinearModel, raw: str, kind: str = "post") -> list[Finding]:
    text, evidence = RULES.evidence(raw, kind=kind)
    return combine(text, evidence, list(evidence.findings), model.judge(text, evidence), model)


def test_names_become_who_they_are_and_sentences_keep_their_own_features():
    text, evidence = RULES.evidence("Flu shots are in. Congrats to Maria Lopez on her surgery!")
    first, second = sentence_features(text, evidence)
    assert "w:flu" in first and "w:<person>" not in first
    assert "w:<person>" in second and "w:maria" not in second
    assert "e:person+care" in second


def test_the_model_alone_warns_on_the_sentence_that_carries_the_evidence():
    model = model_with({"w:melts": {"claim": 6.0}}, {"claim": {"warn": 0.5, "block": 1.01}})
    raw = "Spring hours are here. Our new wrap melts the week away. Call to book."
    assert not [f for f in RULES.check(raw).findings if f.category is Category.CLAIM]
    findings = [f for f in run(model, raw) if f.rule == "MDL-CLM"]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.WARN and finding.category is Category.CLAIM
    assert raw[finding.start:finding.end] == "Our new wrap melts the week away."
    assert "health result" in finding.message and finding.suggestion


def test_the_model_alone_never_blocks_without_identifying_evidence():
    model = model_with({"w:recovery": {"phi": 9.0}},
                       {"phi": {"warn": 0.5, "block": 0.6, "veto": 0.0}})
    findings = run(model, "Recovery takes time, and every body heals at its own pace.")
    phi = [f for f in findings if f.category is Category.PHI]
    assert [f.severity for f in phi] == [Severity.WARN]


def test_rules_and_model_together_block():
    model = model_with({"e:person+care": {"phi": 9.0}},
                       {"phi": {"warn": 0.5, "block": 0.6, "veto": 0.0}})
    findings = run(model, "Shoutout to Kayla, back on the court after her ACL surgery!")
    assert any(f.category is Category.PHI and f.severity is Severity.BLOCK for f in findings)


def test_a_strong_disagreement_on_a_name_takes_a_rule_finding_one_step_down():
    raw = "Congrats to Maria Lopez on finishing her knee rehab!"
    assert any(f.severity is Severity.BLOCK for f in RULES.check(raw).findings)
    model = model_with({}, {"phi": {"warn": 0.9, "block": 0.95, "veto": 0.5}}, bias=-8.0)
    phi = [f for f in run(model, raw) if f.category is Category.PHI]
    assert phi and all(f.severity is Severity.WARN for f in phi)
    assert all(f.message.startswith("Probably fine") for f in phi)


def test_an_age_over_89_stands_whatever_the_model_says():
    model = model_with({}, {"phi": {"warn": 0.9, "block": 0.95, "veto": 0.5}}, bias=-8.0)
    findings = run(model, "Happy 93rd birthday to our longest-standing patient!")
    assert any(f.category is Category.PHI and f.severity is Severity.BLOCK for f in findings)


def test_stated_written_authorization_leaves_an_info_note_only():
    raw = ("Meet Rosa, who finished chemo this spring! Shared with her written authorization. "
           "Typical recovery takes months.")
    findings = RULES.check(raw).findings
    phi = [f for f in findings if f.category is Category.PHI]
    assert phi and all(f.severity is Severity.INFO for f in phi)
    assert any(f.rule == "PHI-AUTH" for f in phi)


def test_a_spoken_permission_is_not_written_authorization():
    raw = "Meet Rosa, who finished chemo this spring! She said we could share."
    assert any(f.category is Category.PHI and f.severity is Severity.BLOCK
               for f in RULES.check(raw).findings)


def test_the_shipped_model_loads_and_its_findings_are_ordinary_findings():
    model = shipped_model()
    assert model is not None and model.categories == CATEGORIES
    assert len(model.weights) > 1000
    assert set(model.thresholds) == set(CATEGORIES)
    checker = Checker(ClinicIdentity())
    result = checker.check("Tired of your migraines ruining every weekend? Our drops cure "
                           "them for good.")
    assert all(isinstance(f, Finding) for f in result.findings)
    assert {"claim", "attribute"} <= {str(f.category) for f in result.findings}
    assert set(result.as_json()) == {"blocked", "findings"}


def test_absolute_words_and_promised_speed_with_care_are_evidence_of_a_claim():
    text, evidence = RULES.evidence("Our nebulizer treatments stop asthma attacks instantly. "
                                    "Every kid walks out cavity-free after a cleaning.")
    first, second = sentence_features(text, evidence)
    assert "e:speed+care" in first
    assert "e:absolute+care" in second
    plain, plain_evidence = RULES.evidence("Open every Saturday. We reply within 2 hours.")
    bags = sentence_features(plain, plain_evidence)
    assert "e:absolute+care" not in bags[0] and "e:speed+care" not in bags[1]


def test_a_strong_disagreement_takes_a_replys_confirmation_of_care_one_step_down():
    raw = "Yes! Open 9am to 5pm on July 4th. Stay safe with those fireworks!"
    rules_alone = RULES.check(raw, kind="reply", reply_to="Are you open on the 4th?")
    confirmations = [f for f in rules_alone.findings if f.rule == "PHI-002"]
    # The reply rules alone read this wording as a confirmation of care and block it.
    assert any(f.severity is Severity.BLOCK for f in confirmations)
    model = model_with({}, {"phi": {"warn": 0.9, "block": 0.95, "veto": 0.5}}, bias=-8.0)
    text, evidence = RULES.evidence(raw, kind="reply", reply_to="Are you open on the 4th?")
    phi = [f for f in combine(text, evidence, list(evidence.findings),
                              model.judge(text, evidence), model)
           if f.rule == "PHI-002"]
    assert phi and all(f.severity is not Severity.BLOCK for f in phi)
