"""What the command modules share: adding a command and opening the database it names."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from clinicstudio.cli import add_db_option

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from clinicstudio.store.database import Database

Run = Callable[[argparse.Namespace], int]


def add_command(
    sub: argparse._SubParsersAction[Any], name: str, summary: str, run: Run | None = None,
    *, description: str | None = None,
) -> argparse.ArgumentParser:
    """Add ``clinicstudio NAME``; ``summary`` is its one line in ``clinicstudio --help``."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=summary, description=description or summary
    )
    add_db_option(parser)
    if run is not None:
        parser.set_defaults(run=run)
    return parser


def database_for(args: argparse.Namespace, *, create: bool = True) -> Database:
    """The database ``--db`` / ``$CLINICSTUDIO_DB`` names, opened and brought up to date.

    ``create=False`` for commands that only read: a mistyped path is refused, not created.
    """
    # Imported here: the window's start-up should not pay for SQLAlchemy before it is shown.
    from clinicstudio.store.database import open_database

    return open_database(getattr(args, "db", None), create=create)


def iso_day(text: str) -> date:
    """An argparse ``type`` for a day written 2026-11-30 (a wrong one is a usage error)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-30") from None


def read(args: argparse.Namespace, query: Callable[[Session], Any]) -> Any:
    """``query`` run in one session on the command's database, closed afterwards."""
    db = database_for(args)
    try:
        with db.session() as session:
            return query(session)
    finally:
        db.close()


def json_line(value: Any) -> str:
    """``value`` as one line of strict JSON (no NaN), readable whatever the terminal's encoding."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return json.dumps(value, ensure_ascii=encoding != "utf8", default=str,
                      allow_nan=False) + "\n"


def print_json(value: Any) -> None:
    sys.stdout.write(json_line(value))
