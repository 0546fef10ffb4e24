"""``clinicstudio publish POST_ID``: publish a post now (or again, for the networks that failed)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from clinicstudio.commands._common import add_command, database_for
from clinicstudio.commands._staff import person
from clinicstudio.publishing import Publisher
from clinicstudio.publishing.publisher import PublishBlocked


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(
        sub, "publish", "publish a post now; prints one line per network (link or reason)",
        _run, description="Publish a post now. Networks already sent are never sent again; "
        "running it again retries only the networks that failed. Exit status 1 when any network "
        "failed or is blocked by a compliance check.")
    parser.add_argument("post_id", type=int, metavar="POST_ID")
    parser.add_argument("--network", action="append", default=[], metavar="N",
                        help="only this network (repeat for several)")


def _run(args: argparse.Namespace) -> int:
    db = database_for(args)
    try:
        report = Publisher(db, person=person(db)).publish_now(args.post_id,
                                                              args.network or None)
    except PublishBlocked as blocked:  # held back by the office's rules: status 1, not 2
        print(f"clinicstudio: {blocked}", file=sys.stderr)
        return 1
    finally:
        db.close()
    for outcome in report.outcomes:
        print(outcome.line)
    return 0 if report.ok else 1
