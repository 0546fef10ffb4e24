"""``clinicstudio logout``: end the sign-in at this desk."""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command, database_for
from clinicstudio.commands._staff import vault


def register(sub: argparse._SubParsersAction[Any]) -> None:
    add_command(sub, "logout", "end the sign-in at this desk", _run)


def _run(args: argparse.Namespace) -> int:
    from clinicstudio.governance.desk import end_session

    db = database_for(args)
    try:
        name = end_session(db, vault())
    finally:
        db.close()
    print(f"{name} signed out." if name else "Nobody was signed in at this desk.")
    return 0
