"""Staff, sign-in and approval fixtures: real databases (SQLite and PostgreSQL), an in-memory
keyring backend (a real keyring backend class), and a helper to add and sign in people."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.compliance import Checker
from clinicstudio.domain import Platform, Role
from clinicstudio.governance.desk import Actor, current_actor, start_session
from clinicstudio.governance.people import add_staff, authenticate
from clinicstudio.governance.policy import acknowledge
from clinicstudio.publishing import Publisher
from clinicstudio.store.database import Database
from tests.helpers.keyring_memory import MemoryKeyring
from tests.helpers.publishing_setup import connect_accounts, running_fakes

PASSPHRASES = {"Ada": "ada's long passphrase", "Ben": "ben writes posts daily",
               "Cleo": "cleo approves with care", "Dan": "dan the second approver"}
ROLES = {"Ada": Role.ADMIN, "Ben": Role.AUTHOR, "Cleo": Role.APPROVER, "Dan": Role.APPROVER}


def sign_in(db: Database, name: str, *, acknowledged: bool = True) -> Actor:
    """``name`` signs in at a desk of their own (a keyring of their own) with the passphrase."""
    desk = SecretVault(MemoryKeyring())
    member = authenticate(db, name, PASSPHRASES[name])
    start_session(db, member, desk)
    actor = current_actor(db, desk)
    if acknowledged:
        acknowledge(db, actor)
    return actor


@pytest.fixture
def staff(db: Database) -> dict[str, Actor]:
    """Ada (admin), Ben (writer), Cleo and Dan (approvers), each signed in at their own desk."""
    with db.transaction() as session:
        for name, passphrase in PASSPHRASES.items():
            add_staff(session, name, ROLES[name], passphrase, actor="Ada")
    return {name: sign_in(db, name) for name in PASSPHRASES}


@pytest.fixture
def fakes(db: Database, vault: SecretVault) -> Iterator[dict[Platform, Any]]:
    with running_fakes(networks=[Platform.MASTODON, Platform.BLUESKY]) as started:
        connect_accounts(db, vault, started)
        yield started


def publisher_for(db: Database, vault: SecretVault, person: Actor | None) -> Publisher:
    return Publisher(db, vault=vault, checker_factory=Checker, inline_wait=0, person=person)
