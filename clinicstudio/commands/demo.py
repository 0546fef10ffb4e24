"""`clinicstudio demo`: fill the database with the demo clinic."""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command, database_for
from clinicstudio.demo import DemoRefused, load_demo
from clinicstudio.domain import UserError


def register(sub: argparse._SubParsersAction[Any]) -> None:
    add_command(sub, "demo", "fill the database with a realistic demo clinic (safe to repeat)", run)


def run(args: argparse.Namespace) -> int:
    db = database_for(args)
    try:
        summary = load_demo(db)
    except DemoRefused as exc:
        raise UserError(str(exc)) from exc
    finally:
        db.close()
    if summary is None:
        print(f"The demo clinic is already in {db.describe()}; nothing was added.")
    else:
        print(f"Loaded the demo clinic into {db.describe()}: {summary.posts} posts, "
              f"{summary.images} images, {summary.segments} segments, "
              f"{summary.campaigns} campaigns.")
    return 0
