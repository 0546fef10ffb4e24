"""`clinicstudio demo`: fill the database with the demo clinic, or take it out again."""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command, database_for
from clinicstudio.demo import DemoRefused, load_demo, remove_demo
from clinicstudio.domain import UserError


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(
        sub, "demo", "fill the database with a realistic demo clinic (safe to repeat)", run,
        description="Load the demo clinic into an empty database. Its posts are marked as demo "
        "posts and are never published; --remove takes the demo out again.")
    parser.add_argument("--remove", action="store_true",
                        help="take the demo clinic's posts, images, segments and campaigns out")


def run(args: argparse.Namespace) -> int:
    db = database_for(args)
    try:
        if args.remove:
            removed = remove_demo(db)
            if removed is None:
                print(f"There is no demo clinic in {db.describe()}; nothing was removed.")
            else:
                print(f"Took the demo clinic out of {db.describe()}: {removed} demo posts and "
                      "what only they used. The clinic's own posts are untouched.")
            return 0
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
              f"{summary.campaigns} campaigns. Demo posts are never published; take them out "
              "with `clinicstudio demo --remove`.")
    return 0
