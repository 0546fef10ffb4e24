"""The clinic's social media policy: a shipped template, versioned edits, acknowledgements and
a short training drawn from the checks' own rule catalog.

Version 1 is the template in ``resources/policy/policy.md`` until an administrator edits it;
each edit is a new version. A signed-in person must acknowledge the current version before they
submit, approve or publish; acknowledgements and training results are in the audit log.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinicstudio.domain import Role, UserError
from clinicstudio.resources import resource_path
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database
from clinicstudio.store.models import PolicyAcknowledgement, PolicyVersion, utcnow


@dataclass(frozen=True, slots=True)
class Policy:
    version: int
    text: str
    author: str


@dataclass(frozen=True, slots=True)
class TrainingExample:
    text: str
    fine: bool
    rules: tuple[str, ...]
    why: str


def template_text() -> str:
    return resource_path("policy", "policy.md").read_text(encoding="utf-8")


def training_examples() -> list[TrainingExample]:
    data = tomllib.loads(resource_path("policy", "training.toml").read_text(encoding="utf-8"))
    return [TrainingExample(e["text"], bool(e["fine"]), tuple(e["rules"]), e["why"])
            for e in data["example"]]


def current_policy(session: Session) -> Policy:
    row = session.scalars(select(PolicyVersion).order_by(PolicyVersion.version.desc())).first()
    if row is None:
        return Policy(1, template_text(), "ClinicStudio template")
    return Policy(row.version, row.text, row.author)


def _acknowledgement(session: Session, user_id: int, version: int) -> PolicyAcknowledgement | None:
    query = select(PolicyAcknowledgement).where(PolicyAcknowledgement.user_id == user_id,
                                                PolicyAcknowledgement.version == version)
    return session.scalars(query).first()


def policy_refusal(session: Session, person: object) -> str | None:
    """Why a signed-in person may not submit or publish yet (None: they acknowledged)."""
    user_id = getattr(person, "user_id", None)
    if user_id is None:
        return None
    version = current_policy(session).version
    if _acknowledgement(session, user_id, version) is None:
        return (f"Read the clinic's social media policy (version {version}) and confirm it "
                "first: `clinicstudio policy show`, then `clinicstudio policy acknowledge` "
                "(in the window: Clinic › Social media policy).")
    return None


def _ensure_stored(session: Session, policy: Policy) -> None:
    if session.get(PolicyVersion, policy.version) is None:
        session.add(PolicyVersion(version=policy.version, text=policy.text, author=policy.author))
        session.flush()


def acknowledge(db: Database, person: object) -> int:
    """``person`` read the current policy; returns its version."""
    user_id = getattr(person, "user_id", None)
    name = str(getattr(person, "name", ""))
    if user_id is None:
        raise UserError("Only a signed-in staff member can acknowledge the policy.")
    with db.transaction() as session:
        policy = current_policy(session)
        _ensure_stored(session, policy)
        if _acknowledgement(session, user_id, policy.version) is None:
            session.add(PolicyAcknowledgement(user_id=user_id, version=policy.version,
                                              acknowledged_at=utcnow()))
            record(session, "policy_acknowledged", actor=name, version=policy.version)
        return policy.version


def edit_policy(db: Database, person: object, text: str) -> int:
    """An administrator saves a new version; everyone acknowledges it again."""
    if getattr(person, "role", None) is not Role.ADMIN:
        raise UserError("Only an administrator can change the policy.")
    if len(text.strip()) < 40:
        raise UserError("The policy text is nearly empty; write the whole policy.")
    name = str(getattr(person, "name", ""))
    with db.transaction() as session:
        current = current_policy(session)
        if text.strip() == current.text.strip():
            raise UserError("The text is the same as the current version; nothing changed.")
        latest = session.scalar(select(func.max(PolicyVersion.version))) or 0
        version = max(latest, current.version) + 1
        _ensure_stored(session, current)
        session.add(PolicyVersion(version=version, text=text, author=name))
        record(session, "policy_changed", actor=name, version=version)
        return version


def grade(answers: list[bool]) -> tuple[int, list[int]]:
    """Score training answers ("fine as written?" per example): points and the missed ones."""
    examples = training_examples()
    if len(answers) != len(examples):
        raise UserError(f"The training has {len(examples)} examples; answer each one.")
    missed = [i for i, (e, a) in enumerate(zip(examples, answers, strict=True)) if e.fine != a]
    return len(examples) - len(missed), missed


def record_training(db: Database, person: object, answers: list[bool]) -> tuple[int, int]:
    """Record that ``person`` went through the training; returns (score, out of)."""
    user_id = getattr(person, "user_id", None)
    if user_id is None:
        raise UserError("Only a signed-in staff member can record the training.")
    score, _missed = grade(answers)
    name = str(getattr(person, "name", ""))
    with db.transaction() as session:
        policy = current_policy(session)
        _ensure_stored(session, policy)
        ack = _acknowledgement(session, user_id, policy.version)
        if ack is None:
            ack = PolicyAcknowledgement(user_id=user_id, version=policy.version,
                                        acknowledged_at=utcnow())
            session.add(ack)
            record(session, "policy_acknowledged", actor=name, version=policy.version)
        ack.training_passed, ack.training_score = True, score
        record(session, "training_completed", actor=name, version=policy.version, score=score,
               out_of=len(answers))
    return score, len(answers)


def acknowledged_versions(db: Database, user_id: int) -> dict[int, bool]:
    """Each version ``user_id`` acknowledged, and whether they did the training with it."""
    with db.session() as session:
        rows = session.scalars(select(PolicyAcknowledgement).where(
            PolicyAcknowledgement.user_id == user_id))
        return {row.version: row.training_passed for row in rows}
