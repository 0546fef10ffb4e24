"""Rules and model together: the model alone may warn; rules and model together may block.

Per category the model gives a calibrated probability ``p``; ``model.json`` holds thresholds
chosen on cross-validation (``warn``, ``block``, ``veto``):

- no rule finding: ``p >= warn`` adds a model finding on the sentence that carries the
  evidence. For patient information it blocks only when ``p >= block`` and the rules also saw
  something that could identify a person (a name, a personal identifier, a phi note, or a
  reference to one particular person: "our patient who", "the team's captain", a reply to
  its reviewer).
- a rule warning: for patient information ``p >= block`` makes it block.
- a rule finding on a name, or a reply's confirmation of care (``PHI-002``), that the model
  strongly disagrees with (``p < veto``) goes one step down: a block becomes a warning, a
  warning an *info* note. It is still shown, so a person can look.

A text that states written authorization is not patient information for the text check (the
labels sheet's rule 4): its patient-information findings become info notes and one note asks
for the authorization record, which the publish gate checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from clinicstudio.compliance.endorsement import TYPICAL
from clinicstudio.compliance.individual import singles_out
from clinicstudio.compliance.model.features import ATTRIBUTED, DISCLOSED, Evidence
from clinicstudio.compliance.model.linear import LinearModel, Verdict
from clinicstudio.compliance.patterns import mentioned
from clinicstudio.compliance.text import Text
from clinicstudio.domain import Category, Finding, Severity

RULE_IDS = {"phi": "MDL-PHI", "claim": "MDL-CLM", "advice": "MDL-ADV",
            "endorsement": "MDL-END", "attribute": "MDL-ATT"}
MESSAGES = {
    "phi": ("This sentence may let someone recognise a patient: a name, age, place, date or "
            "visit together with their care.",
            "Remove the identifying details, or use it only with the patient's written "
            "authorization."),
    "claim": ("This sentence may promise a health result the clinic cannot back up.",
              "Soften it (for example “can help”) or say where the figure comes from."),
    "advice": ("This sentence may give one person medical advice, or invite people to send "
               "symptoms, photos or records in public.",
               "Invite them to call or book a visit instead."),
    "endorsement": ("This sentence reads like a testimonial, a before/after result or a reward "
                    "for reviews.",
                    "Say what results people can generally expect and disclose any reward or "
                    "connection; do not reward reviews."),
    "attribute": ("This sentence may assume the reader has a health condition.",
                  "Speak about people in general (for example “Many people with migraines…”)."),
}

#: A short question about what something is ("What is eczema?"), an offer of a service ("Need a
#: flu shot?", "Looking for a dentist?") or a question about the service itself ("See results
#: after one session?", "How many sessions does it take?"): it presumes nothing about the
#: reader's health.
GENERAL_QUESTION = re.compile(
    r"what(?:'s| is| are)(?:\s+[\w'-]+){1,4}\s*\?"
    r"|(?:see|seeing|notice|get) (?:results|a difference)\b[^?]*\?"
    r"|how (?:many (?:sessions|visits|treatments)|much (?:does|is)|long (?:does|do|is) "
    r"(?:it|the|a|each|recovery))\b[^?]*\?"
    r"|(?:need|looking for|due for|time for|ready for|want)\s+(?:a|an|your|the)\s+"
    r"(?:(?:annual|yearly|back-to-school|sports|school|new|routine|same-day)\s+)?"
    r"(?:flu shot|flu vaccine|vaccine|shot|physical|check-?up|cleaning|appointment|visit|"
    r"therapist|counselou?r|doctor|dentist|provider|pediatrician|refill|screening|exam|"
    r"eye exam|teeth cleaning|second opinion)s?\b[^?]*\?", re.IGNORECASE)

# Stated written authorization: written or signed, an authorization, or consent on file. "She
# said we could share" is not one.
WRITTEN_AUTHORIZATION = re.compile(
    r"\b(?:authori[sz]ation|authori[sz]ed (?:us|this|sharing)|written (?:permission|consent)|"
    r"signed (?:consent|release|permission|authori[sz]ation|a (?:release|consent))|"
    r"(?:consent|permission|release) (?:form )?(?:is )?on file|"
    r"autorizaci[oó]n (?:por escrito|firmada)|consentimiento (?:por escrito|firmado))\b",
    re.IGNORECASE)
# The words that make a claim absolute; a sentence that only denies them promises nothing.
_ABSOLUTE = re.compile(r"\b(?:guarantee[ds]?|cure[ds]?|permanent(?:ly)?|miracles?|"
                       r"risk[- ]free|proven|forever|100 ?%)(?!\w)", re.IGNORECASE)
AUTHORIZATION_NOTE = ("The text says written authorization was given: keep the signed "
                      "authorization on file; publishing checks that it covers this post.")
_DEMOTED = "Probably fine, but have a look: "
_ONE_STEP_DOWN = {Severity.BLOCK: Severity.WARN, Severity.WARN: Severity.INFO}


def combine(text: Text, evidence: Evidence, findings: list[Finding],
            verdicts: list[Verdict], model: LinearModel) -> list[Finding]:
    out = list(findings)
    for verdict in verdicts:
        out = _one_category(text, evidence, out, verdict, model.thresholds[verdict.category])
    return out


def _one_category(text: Text, evidence: Evidence, findings: list[Finding], verdict: Verdict,
                  limits: dict[str, float]) -> list[Finding]:
    category = Category(verdict.category)
    p = verdict.probability
    mine = [f for f in findings if f.category is category and f.severity is not Severity.INFO]
    # A name can be overruled: the rules took a word for a patient's name, and the model,
    # reading the whole text, does not see a patient there (a staff member at work, a brand).
    # Identifiers, ages and a post's confirmations of care stand whatever the model says.
    # In a reply, the rules' reading of a confirmation of care ("PHI-002") is a judgment about
    # wording, and on unseen replies it was the commonest false block ("stay safe with those
    # fireworks", "bring your glasses or hearing aids"): it can be overruled too.
    doubtful = [f for f in mine if category is not Category.PHI or _on_a_name(f, evidence)
                or (evidence.kind == "reply" and f.rule == "PHI-002")]
    if doubtful and p < limits.get("veto", 0.0):
        # One step down, never out of sight: a block becomes a warning, a warning a note.
        return [replace(f, severity=_ONE_STEP_DOWN[f.severity], message=_DEMOTED + f.message)
                if f in doubtful else f for f in findings]
    if verdict.category == "phi" and p >= limits["block"] and identifying(text.raw, evidence,
                                                                          findings):
        if mine and evidence.kind == "reply" and all(_on_a_name(f, evidence) for f in mine):
            # A reply that only names the reviewer the review itself named ("Thank you,
            # Maria!") confirms nothing (labels sheet, rule 2): the rules' warning stands.
            return findings
        if mine:
            return [replace(f, severity=Severity.BLOCK) if f in mine else f for f in findings]
        return [*findings, _model_finding(text, verdict, Severity.BLOCK)]
    if not mine and p >= limits["warn"] and not _cleared(text, evidence, verdict):
        return [*findings, _model_finding(text, verdict, Severity.WARN)]
    return findings


def _cleared(text: Text, evidence: Evidence, verdict: Verdict) -> bool:
    """The text itself says what makes it acceptable, so the model alone does not object: a
    testimonial with a typical-results statement and written authorization (an image consent
    reference counts), or with its connection disclosed (labels sheet, rule 6); a fact
    attributed to a public body or a poll (rule 7); a question that asks what a condition is,
    or offers a service, rather than presuming the reader has a condition (rule 9)."""
    raw, category = text.raw, verdict.category
    if category == "attribute" and 0 <= verdict.sentence < len(text.sentences):
        sentence = text.sentences[verdict.sentence]
        return GENERAL_QUESTION.match(raw[sentence.start:sentence.end].lstrip()) is not None
    if category == "endorsement":
        authorized = evidence.authorized or WRITTEN_AUTHORIZATION.search(raw) is not None
        return (authorized and TYPICAL.search(raw) is not None) or DISCLOSED.search(raw) is not None
    if category == "claim":
        return ATTRIBUTED.search(raw) is not None or _only_denied(text, verdict.sentence)
    return False


def _only_denied(text: Text, index: int) -> bool:
    """Every absolute promise in the sentence is negated or talked about rather than made
    ("There's no such thing as a guaranteed recovery", "ads that use the word cure")."""
    if not 0 <= index < len(text.sentences):
        return False
    sentence = text.sentences[index]
    found = list(_ABSOLUTE.finditer(text.raw, sentence.start, sentence.end))
    return bool(found) and all(text.negated(m.start()) or mentioned(text, m.start(), m.end())
                               for m in found)


def _on_a_name(finding: Finding, evidence: Evidence) -> bool:
    return any(p.start < finding.end and finding.start < p.end and p.kind != "handle"
               for p in evidence.people)


def identifying(raw: str, evidence: Evidence, findings: Sequence[Finding]) -> bool:
    """The rules saw something that could identify a person: a name that is not staff, a
    personal identifier, a patient-information finding, or a reference to one particular
    person (``individual.singles_out``)."""
    return (any(not p.staff for p in evidence.people)
            or any(i.personal for i in evidence.identifiers)
            or any(f.category is Category.PHI for f in findings)
            or singles_out(raw, evidence.kind))


def _model_finding(text: Text, verdict: Verdict, severity: Severity) -> Finding:
    if 0 <= verdict.sentence < len(text.sentences):
        sentence = text.sentences[verdict.sentence]
        start, end = sentence.start, sentence.end
        while end > start and text.raw[end - 1].isspace():
            end -= 1
        while start < end and text.raw[start].isspace():
            start += 1
    else:
        start, end = 0, len(text.raw.rstrip())
    message, suggestion = MESSAGES[verdict.category]
    return Finding(rule=RULE_IDS[verdict.category], category=Category(verdict.category),
                   severity=severity, start=start, end=end, message=message,
                   suggestion=suggestion)


def apply_written_authorization(text: Text, kind: str, findings: list[Finding]) -> list[Finding]:
    """Rule 4 of the labels sheet: stated written authorization turns phi into an info note."""
    if kind != "post":
        return findings
    match = WRITTEN_AUTHORIZATION.search(text.raw)
    if match is None:
        return findings
    out = [replace(f, severity=Severity.INFO) if f.category is Category.PHI else f
           for f in findings]
    out.append(Finding(rule="PHI-AUTH", category=Category.PHI, severity=Severity.INFO,
                       start=match.start(), end=match.end(), message=AUTHORIZATION_NOTE,
                       suggestion="Attach the authorization record to the post before "
                                  "publishing."))
    return out
