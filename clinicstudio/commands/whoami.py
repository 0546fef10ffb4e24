"""``clinicstudio whoami``: who commands at this desk act as."""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command, database_for
from clinicstudio.commands._staff import vault


def register(sub: argparse._SubParsersAction[Any]) -> None:
    add_command(sub, "whoami", "say who is signed in at this desk", _run)


def _run(args: argparse.Namespace) -> int:
    from clinicstudio.governance.desk import office_actor, signed_in_actor
    from clinicstudio.settings import has_staff

    db = database_for(args)
    try:
        with db.session() as session:
            staffed = has_staff(session)
        if not staffed:
            print(f"{office_actor(db).name} (one-person office: no staff accounts, "
                  "no sign-in needed)")
            return 0
        actor = signed_in_actor(db, vault())
    finally:
        db.close()
    if actor is None:
        print("Nobody is signed in at this desk. Sign in with `clinicstudio login YOUR-NAME`.")
        return 1
    print(f"{actor.name} ({actor.role.label})")
    return 0
