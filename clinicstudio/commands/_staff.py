"""What the staff commands share: reading a passphrase and finding who is at this desk."""

from __future__ import annotations

import getpass
import sys
from typing import TYPE_CHECKING

from clinicstudio.domain import UserError

if TYPE_CHECKING:
    from clinicstudio.governance.desk import Actor
    from clinicstudio.store.database import Database


def read_passphrase(prompt: str = "Passphrase: ") -> str:
    """The passphrase from standard input (one line), or typed unseen at a terminal.

    Never an argument: command lines are visible to other programs and kept in shell history.
    """
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise UserError("Give the passphrase on standard input (one line).")
    return line.rstrip("\r\n")


def vault() -> object:
    from clinicstudio.accounts import SecretVault

    return SecretVault()


def person(db: Database) -> Actor:
    """Who this command acts as (signed in, or the office when there are no staff)."""
    from clinicstudio.governance.desk import current_actor

    return current_actor(db, vault())


def approver(db: Database, doing: str) -> Actor:
    """Who this command acts as, who must be an approver or an administrator to be ``doing``
    (for example "revokes authorizations"); anyone else gets one plain sentence."""
    from clinicstudio.domain import UserError

    who = person(db)
    if not who.role.may_approve:
        raise UserError(f"Only an approver or an administrator {doing}.")
    return who
