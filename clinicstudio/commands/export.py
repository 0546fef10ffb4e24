"""``clinicstudio export --csv DIR`` / ``--json DIR``: posts and results as plain files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command, database_for


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(
        sub, "export", "write posts and their results as CSV or JSON files",
        _run, description="Write every post (text, status, times, networks, links), each "
        "network's own text and every result figure as CSV or JSON files into a folder, for "
        "a spreadsheet or another tool.")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--csv", metavar="DIR", type=Path, help="write CSV files into DIR")
    where.add_argument("--json", metavar="DIR", type=Path, help="write JSON files into DIR")


def _run(args: argparse.Namespace) -> int:
    from clinicstudio.safekeeping.export import export_posts

    fmt, folder = ("csv", args.csv) if args.csv else ("json", args.json)
    db = database_for(args)
    try:
        written = export_posts(db, folder, fmt)
    finally:
        db.close()
    for name, rows in written.items():
        print(f"{folder / name}: {rows} row(s)")
    return 0
