"""Who is at this desk: the signed-in person on the command line, or the one-person office.

``clinicstudio login`` keeps a desk session: a random token in the OS keyring (never in the
database, a log or the output) and, in the database, only its SHA-256 with an expiry. Later
commands find the token in the keyring, hash it and look the session up. Signing out ends the
session in the database too, so a copied keyring entry is worthless afterwards.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from clinicstudio.domain import Role, UserError
from clinicstudio.governance.people import StaffMember
from clinicstudio.settings import has_staff, load_settings
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database
from clinicstudio.store.models import DeskSession, StaffUser, utcnow


class NotSignedIn(UserError):
    """Staff accounts exist and nobody is signed in at this desk (or the sign-in ran out)."""


SIGN_IN_FIRST = ("Sign in first with `clinicstudio login YOUR-NAME` (it reads your passphrase "
                 "from standard input).")


@dataclass(frozen=True, slots=True)
class Actor:
    """The person an action is done as. ``user_id`` is None in a one-person office."""

    name: str
    role: Role
    user_id: int | None = None

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None


def office_actor(db: Database) -> Actor:
    """The one-person office: whoever did the set-up, with every right (as before staff)."""
    with db.session() as session:
        return Actor(load_settings(session).default_actor or "Office", Role.ADMIN)


def _key(db: Database) -> str:
    # One sign-in per database: a desk may work with a test copy and the real office at once.
    return "desk-session:" + hashlib.sha256(db.describe().encode("utf-8")).hexdigest()[:20]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def start_session(db: Database, member: StaffMember, vault: Any,
                  now: datetime | None = None) -> datetime:
    """Keep ``member`` signed in at this desk; returns when the sign-in runs out."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    with db.transaction() as session:
        hours = max(1, load_settings(session).session_hours)
        expires = now + timedelta(hours=hours)
        desk = DeskSession(user_id=member.id, token_sha256=_digest(token), started_at=now,
                           expires_at=expires)
        session.add(desk)
        session.flush()
        vault.save(_key(db), {"session_id": desk.id, "token": token})
        record(session, "desk_session_started", actor=member.name,
               expires_at=expires.isoformat())
    return expires


def _stored(db: Database, vault: Any) -> tuple[int, str] | None:
    try:
        data = vault.load(_key(db), label="this desk's sign-in")
    except UserError:
        return None
    try:
        return int(data["session_id"]), str(data["token"])
    except (KeyError, TypeError, ValueError):
        return None


def signed_in_actor(db: Database, vault: Any, now: datetime | None = None) -> Actor | None:
    """The person signed in at this desk, or None (never signed in, signed out, ran out)."""
    stored = _stored(db, vault)
    if stored is None:
        return None
    session_id, token = stored
    now = now or utcnow()
    with db.session() as session:
        desk = session.get(DeskSession, session_id)
        if desk is None or desk.ended_at is not None or desk.expires_at <= now \
                or not secrets.compare_digest(desk.token_sha256, _digest(token)):
            return None
        user = session.get(StaffUser, desk.user_id)
        if user is None or not user.active:
            return None
        return Actor(user.name, Role(user.role), user.id)


def current_actor(db: Database, vault: Any, now: datetime | None = None) -> Actor:
    """Who a command acts as: the signed-in person, or the office when there are no staff."""
    with db.session() as session:
        staffed = has_staff(session)
    if not staffed:
        return office_actor(db)
    actor = signed_in_actor(db, vault, now)
    if actor is None:
        raise NotSignedIn(SIGN_IN_FIRST)
    return actor


def end_session(db: Database, vault: Any) -> str | None:
    """Sign out at this desk; returns who was signed in (None when nobody was)."""
    stored = _stored(db, vault)
    vault.delete(_key(db))
    if stored is None:
        return None
    with db.transaction() as session:
        desk = session.get(DeskSession, stored[0])
        if desk is None or not secrets.compare_digest(desk.token_sha256, _digest(stored[1])):
            return None
        user = session.get(StaffUser, desk.user_id)
        name = user.name if user else ""
        if desk.ended_at is None:
            desk.ended_at = utcnow()
            record(session, "signed_out", actor=name)
        return name


def require_admin(db: Database, vault: Any) -> Actor:
    """The actor, when they may manage staff and settings (the first account needs nobody)."""
    actor = current_actor(db, vault)
    if actor.role is not Role.ADMIN:
        raise UserError(f"Only an administrator can do this; {actor.name} is a "
                        f"{actor.role.label}.")
    return actor

