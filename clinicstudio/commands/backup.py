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
    parser.add_argument("file", metavar="FILE", type=Path, nargs="?",
                        help="the backup file to create")
    parser.add_argument("--every-day", metavar="FOLDER",
                        help="turn on an automatic daily backup into FOLDER (made by the "
                        "scheduled publishing run or the open window); 'off' turns it off")
    parser.add_argument("--keep", type=int, default=None, metavar="N",
                        help="with --every-day: how many daily backups to keep (default 14)")


def _run(args: argparse.Namespace) -> int:
    from clinicstudio.domain import UserError
    from clinicstudio.safekeeping.archive import make_backup

    if args.every_day is not None:
        return _every_day(args)
    if args.file is None:
        raise UserError("Name the backup file to create, e.g. clinicstudio backup "
                        "clinic-backup.zip (or turn on daily backups with --every-day FOLDER).")
    db = database_for(args)
    try:
        summary = make_backup(db, args.file)
    finally:
        db.close()
    print(summary.describe())
    return 0


def _every_day(args: argparse.Namespace) -> int:
    from clinicstudio.safekeeping.daily import DEFAULT_KEEP, set_daily_backup

    if args.every_day.lower() == "off":
        set_daily_backup(None)
        print("Daily backups are off.")
        return 0
    choice = set_daily_backup(Path(args.every_day), args.keep or DEFAULT_KEEP)
    assert choice is not None
    print(f"A backup will be made every day into {choice.folder}, keeping the last "
          f"{choice.keep}. It is made by the scheduled publishing run (clinicstudio scheduler "
          "install) or by the open window.")
    return 0
