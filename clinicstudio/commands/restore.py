"""``clinicstudio restore FILE --db NEW``: a backup into a new database, checked complete."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(
        sub, "restore", "restore a backup file into a new database and check nothing is missing",
        _run, description="Restore a file made by `clinicstudio backup` into a NEW database "
        "(--db: a file that does not exist yet, or an empty PostgreSQL database), then check "
        "that every table has the backup's row count and every image its fingerprint. The "
        "existing database is never touched. Exit 0 when complete, 1 when something is "
        "missing.")
    parser.add_argument("file", metavar="FILE", type=Path, help="the backup file")


def _run(args: argparse.Namespace) -> int:
    from clinicstudio.safekeeping.restore import restore_backup

    summary = restore_backup(args.file, args.db)
    print(summary.describe())
    return 0 if summary.complete else 1
