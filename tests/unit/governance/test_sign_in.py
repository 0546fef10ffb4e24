"""Signing in: wrong passphrases say nothing about which part was wrong and make the account
wait longer each time; a desk session lives in the keyring and ends with sign-out or expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Role, UserError
from clinicstudio.governance.desk import (
    NotSignedIn,
    current_actor,
    end_session,
    signed_in_actor,
    start_session,
)
from clinicstudio.governance.people import (
    SignInRefused,
    add_staff,
    authenticate,
    disable_staff,
    wait_after,
)
from clinicstudio.store.database import Database
from clinicstudio.store.models import AuditEvent, DeskSession, StaffUser, utcnow
from tests.helpers.keyring_memory import MemoryKeyring


def add(db: Database, name: str, role: Role, passphrase: str) -> None:
    with db.transaction() as session:
        add_staff(session, name, role, passphrase, actor="setup")


def test_without_staff_accounts_everyone_is_the_office_admin(db: Database,
                                                             vault: SecretVault) -> None:
    actor = current_actor(db, vault)
    assert actor.role is Role.ADMIN and not actor.signed_in


def test_wrong_name_and_wrong_passphrase_get_the_same_answer_and_a_growing_wait(
        db: Database) -> None:
    add(db, "Ada", Role.ADMIN, "ada's long passphrase")
    with pytest.raises(SignInRefused) as unknown:
        authenticate(db, "Nobody", "ada's long passphrase")
    start = utcnow()
    with pytest.raises(SignInRefused) as wrong:
        authenticate(db, "Ada", "not her passphrase", now=start)
    assert str(unknown.value) == str(wrong.value)
    assert "name and passphrase do not match" in str(wrong.value)
    # Even the right passphrase waits until the delay is over ...
    with pytest.raises(SignInRefused, match="wait 3 seconds"):
        authenticate(db, "Ada", "ada's long passphrase", now=start)
    with pytest.raises(SignInRefused):
        authenticate(db, "Ada", "still wrong", now=start + timedelta(seconds=3))
    with pytest.raises(SignInRefused, match="wait 5 seconds"):
        authenticate(db, "Ada", "ada's long passphrase", now=start + timedelta(seconds=3))
    # ... and then it works, and the count starts again.
    member = authenticate(db, "ada", "ada's long passphrase", now=start + timedelta(seconds=8))
    assert member.name == "Ada" and member.role is Role.ADMIN
    assert wait_after(1) < wait_after(2) < wait_after(3) <= wait_after(30) == timedelta(minutes=5)
    with db.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
    assert actions.count("sign_in_refused") == 3 and actions[-1] == "signed_in"


def test_a_desk_session_keeps_only_a_hash_in_the_database(db: Database) -> None:
    add(db, "Ada", Role.ADMIN, "ada's long passphrase")
    keyring = MemoryKeyring()
    desk = SecretVault(keyring)
    start_session(db, authenticate(db, "Ada", "ada's long passphrase"), desk)
    actor = current_actor(db, desk)
    assert (actor.name, actor.role, actor.signed_in) == ("Ada", Role.ADMIN, True)
    [token_entry] = keyring.entries.values()
    token = __import__("json").loads(token_entry)["token"]
    with db.session() as session:
        everything = " ".join(str(row) for table in ("desk_sessions", "audit_events",
                                                      "staff_users")
                              for row in session.execute(text(f"SELECT * FROM {table}")))
    assert token not in everything and "ada's long passphrase" not in everything
    other_desk = SecretVault(MemoryKeyring())
    with pytest.raises(NotSignedIn, match="clinicstudio login"):
        current_actor(db, other_desk)


def test_a_session_runs_out_and_sign_out_ends_it_everywhere(db: Database) -> None:
    add(db, "Ada", Role.ADMIN, "ada's long passphrase")
    keyring = MemoryKeyring()
    desk = SecretVault(keyring)
    expires = start_session(db, authenticate(db, "Ada", "ada's long passphrase"), desk)
    assert signed_in_actor(db, desk, now=expires - timedelta(minutes=1)) is not None
    assert signed_in_actor(db, desk, now=expires) is None
    copied = dict(keyring.entries)  # someone copied the keyring entry before sign-out
    assert end_session(db, desk) == "Ada"
    assert signed_in_actor(db, desk) is None
    thief = MemoryKeyring()
    thief.entries.update(copied)
    assert signed_in_actor(db, SecretVault(thief)) is None
    with db.session() as session:
        assert session.scalars(select(DeskSession)).one().ended_at is not None


def test_a_disabled_person_is_signed_out_and_cannot_sign_in(db: Database) -> None:
    add(db, "Ada", Role.ADMIN, "ada's long passphrase")
    add(db, "Ben", Role.AUTHOR, "ben writes posts daily")
    desk = SecretVault(MemoryKeyring())
    start_session(db, authenticate(db, "Ben", "ben writes posts daily"), desk)
    with db.transaction() as session:
        disable_staff(session, "Ben", actor="Ada")
        with pytest.raises(UserError, match="only administrator"):
            disable_staff(session, "Ada", actor="Ada")
    assert signed_in_actor(db, desk) is None
    with pytest.raises(SignInRefused):
        authenticate(db, "Ben", "ben writes posts daily")
    with db.session() as session:
        assert session.scalars(select(StaffUser.active).where(StaffUser.name == "Ben")).one() \
            is False
