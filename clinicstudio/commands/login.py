"""``clinicstudio login NAME``: sign in at this desk (the passphrase is read from stdin)."""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command, database_for
from clinicstudio.commands._staff import read_passphrase, vault


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(
        sub, "login", "sign in at this desk; the passphrase is read from standard input", _run,
        description="Sign in at this desk. The passphrase is read from standard input (or typed "
        "unseen at a terminal). The sign-in is kept in this computer's keyring until it runs "
        "out (10 hours unless the office changed it) or `clinicstudio logout`.")
    parser.add_argument("name", metavar="NAME")


def _run(args: argparse.Namespace) -> int:
    from clinicstudio.domain import UserError
    from clinicstudio.governance.desk import start_session
    from clinicstudio.governance.people import authenticate
    from clinicstudio.settings import has_staff

    db = database_for(args)
    try:
        with db.session() as session:
            if not has_staff(session):
                raise UserError("There are no staff accounts yet, so nobody needs to sign in. "
                                "Add the first with `clinicstudio users add NAME --role admin`.")
        passphrase = read_passphrase()
        member = authenticate(db, args.name, passphrase)
        until = start_session(db, member, vault())
    finally:
        db.close()
    print(f"Signed in as {member.name} ({member.role.label}) until {until:%Y-%m-%d %H:%M} UTC.")
    return 0
