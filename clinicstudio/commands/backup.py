"""``clinicstudio backup FILE``: the database and its images in one file, safe while in use."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command, database_for


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(
        sub, "backup", "copy the database and its images into one backup file",
        _run, description="Copy everything ClinicStudio keeps (posts, images, connected "
        "accounts' settings, staff, the audit log, results) into one new .zip file. Safe while "
        "the window is open: SQLite is copied through its online backup API, PostgreSQL in one "
        "consistent snapshot. Passwords and tokens stay in the system keyring and are not in "
        "the file. Restore it with `clinicstudio restore FILE --db NEW`.")
    parser.add_argument("file", metavar="FILE", type=Path, help="the backup file to create")


def _run(args: argparse.Namespace) -> int:
    from clinicstudio.safekeeping.archive import make_backup

    db = database_for(args)
    try:
        summary = make_backup(db, args.file)
    finally:
        db.close()
    print(summary.describe())
    return 0
