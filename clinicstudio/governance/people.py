"""Staff accounts: adding, listing and disabling people, and checking a passphrase.

A wrong passphrase says the same thing whether the name or the passphrase was wrong, and each
wrong try in a row makes the account wait longer before the next one (2, 4, 8 ... seconds, at
most five minutes). The wait is kept in the database, so it holds across desks and processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinicstudio.domain import Role, UserError
from clinicstudio.governance.passphrases import (
    decoy,
    hash_passphrase,
    passphrase_problem,
    verify_passphrase,
)
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database
from clinicstudio.store.models import StaffUser, utcnow

MAX_WAIT = timedelta(minutes=5)
WRONG = "That name and passphrase do not match. Check both and try again."


class SignInRefused(UserError):
    """A sign-in that did not succeed; the message never says which part was wrong."""


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: int
    name: str
    role: Role
    active: bool
    can_sign_in: bool


def _member(user: StaffUser) -> StaffMember:
    return StaffMember(user.id, user.name, Role(user.role), user.active,
                       bool(user.passphrase_hash))


def find_user(session: Session, name: str) -> StaffUser | None:
    query = select(StaffUser).where(func.lower(StaffUser.name) == name.strip().lower())
    return session.scalars(query.order_by(StaffUser.id)).first()


def list_staff(session: Session) -> list[StaffMember]:
    return [_member(u) for u in session.scalars(select(StaffUser).order_by(StaffUser.name))]


def wait_after(failures: int) -> timedelta:
    """How long an account waits after ``failures`` wrong passphrases in a row."""
    if failures <= 0:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(failures, 10)), MAX_WAIT)


def add_staff(session: Session, name: str, role: Role, passphrase: str, *,
              actor: str) -> StaffMember:
    """Add a person who signs in (or give a name from the clinic's set-up a passphrase)."""
    name = " ".join(name.split())
    if not name:
        raise UserError("Give the person's name, for example \"Dana Ruiz\".")
    problem = passphrase_problem(passphrase)
    if problem:
        raise UserError(problem)
    user = find_user(session, name)
    if user is not None and user.passphrase_hash:
        raise UserError(f"{user.name} already has an account; pick another name or use "
                        "that one.")
    if user is None:
        user = StaffUser(name=name)
        session.add(user)
    user.role, user.active = str(role), True
    user.passphrase_hash = hash_passphrase(passphrase)
    user.failed_signins, user.signin_blocked_until = 0, None
    session.flush()
    record(session, "user_added", actor=actor, user=user.name, role=str(role))
    return _member(user)


def disable_staff(session: Session, name: str, *, actor: str) -> StaffMember:
    user = find_user(session, name)
    if user is None or not user.passphrase_hash:
        raise UserError(f"There is no staff account called {name}; see `clinicstudio users "
                        "list`.")
    if Role(user.role) is Role.ADMIN and user.active:
        admins = [u for u in session.scalars(select(StaffUser).where(
            StaffUser.role == str(Role.ADMIN), StaffUser.active.is_(True),
            StaffUser.passphrase_hash != ""))]
        if len(admins) <= 1:
            raise UserError(f"{user.name} is the only administrator; add another one first, "
                            "so someone can still manage the staff.")
    user.active = False
    record(session, "user_disabled", actor=actor, user=user.name)
    return _member(user)


def change_role(session: Session, name: str, role: Role, *, actor: str) -> StaffMember:
    user = find_user(session, name)
    if user is None or not user.passphrase_hash:
        raise UserError(f"There is no staff account called {name}.")
    old = user.role
    user.role = str(role)
    record(session, "user_role_changed", actor=actor, user=user.name, old=old, new=str(role))
    return _member(user)


def authenticate(db: Database, name: str, passphrase: str,
                 now: datetime | None = None) -> StaffMember:
    """The person, if ``passphrase`` is theirs; otherwise :class:`SignInRefused`.

    The outcome is committed before anything is raised, so a wrong try always counts. Refused
    tries are in the audit log with the name as typed (never the passphrase).
    """
    now = now or utcnow()
    with db.transaction() as session:
        refusal, member = _check(session, name, passphrase, now)
    if refusal:
        raise SignInRefused(refusal)
    assert member is not None
    return member


def _check(session: Session, name: str, passphrase: str,
           now: datetime) -> tuple[str, StaffMember | None]:
    user = find_user(session, name)
    if user is None or not user.passphrase_hash or not user.active:
        verify_passphrase(passphrase, decoy())
        record(session, "sign_in_refused", actor=name.strip()[:200])
        return WRONG, None
    if user.signin_blocked_until is not None and user.signin_blocked_until > now:
        seconds = int((user.signin_blocked_until - now).total_seconds()) + 1
        return (f"Too many wrong passphrases for this name; wait {seconds} seconds and try "
                "again."), None
    if not verify_passphrase(passphrase, user.passphrase_hash):
        user.failed_signins += 1
        user.signin_blocked_until = now + wait_after(user.failed_signins)
        record(session, "sign_in_refused", actor=user.name, attempts=user.failed_signins)
        return WRONG, None
    user.failed_signins, user.signin_blocked_until = 0, None
    record(session, "signed_in", actor=user.name)
    return "", _member(user)
