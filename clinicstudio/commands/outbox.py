"""``clinicstudio outbox list | release ID``: see what is on its way out, and free a stuck post.

A post is "stuck" when a network row stays ``sending`` under a claim whose sender stopped (a
crash, a power cut). ``publish-due`` and the window release such rows by themselves; ``release``
is the person's way to do it at once. Every release is written to the audit log.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from clinicstudio.cli import add_db_option
from clinicstudio.commands._common import add_command, database_for, print_json
from clinicstudio.domain import Platform


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(sub, "outbox", "see posts on their way out; release a stuck one",
                         description="List the posts waiting, being sent or failed per "
                         "network, or release one left \"sending\" by a ClinicStudio that "
                         "stopped.")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action",
                                    parser_class=type(parser))
    listing = actions.add_parser("list", help="each network row not yet sent, with its state",
                                 description="Each network row not yet sent, with its state.")
    add_db_option(listing)
    listing.add_argument("--all", action="store_true", help="also rows sent or withdrawn")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=_list)
    release = actions.add_parser(
        "release", help="put a stuck row back to waiting (it is checked before resending)",
        description="Put a row left \"sending\" back to waiting. The next publish-due (or the "
        "window) asks the network whether the post is already there before sending it.")
    add_db_option(release)
    release.add_argument("row_id", type=int, metavar="ID", help="the row's ID from outbox list")
    release.add_argument("--force", action="store_true",
                         help="release even though the sender still seems to be at work")
    release.set_defaults(run=_release)
    parser.set_defaults(run=lambda _args: parser.print_help() or 2)


def _list(args: argparse.Namespace) -> int:
    from clinicstudio.publishing import outbox

    db = database_for(args, create=False)
    try:
        rows = outbox.waiting_rows(db, datetime.now(UTC), include_done=args.all)
    finally:
        db.close()
    if args.json:
        print_json([{"id": r.id, "post": r.post_id, "network": r.network, "state": r.state,
                     "attempts": r.attempts, "next_try_at": r.next_try_at,
                     "claimed_by": r.claimed_by, "stuck": r.stuck, "message": r.message}
                    for r in rows])
        return 0
    if not rows:
        print("Nothing is waiting to go out.")
        return 0
    for row in rows:
        state = "STUCK (sender stopped)" if row.stuck else row.state
        note = f" - {row.message}" if row.message else ""
        print(f"{row.id:>5}  post {row.post_id:<5} {Platform(row.network).label:<10} "
              f"{state}{note}")
    if any(row.stuck for row in rows):
        print("Release a stuck row with: clinicstudio outbox release ID")
    return 0


def _release(args: argparse.Namespace) -> int:
    from clinicstudio.publishing import outbox
    from clinicstudio.settings import load_settings

    db = database_for(args, create=False)
    try:
        with db.session() as session:
            actor = load_settings(session).default_actor or "Office"
        row = outbox.release_row(db, args.row_id, datetime.now(UTC), actor=actor,
                                 force=args.force)
    finally:
        db.close()
    label = Platform(row.network).label
    print(f"Released row {row.id} (post {row.post_id} to {label}). The next publish-due, or the "
          f"window, checks {label} first and sends it only if it is not there yet.")
    return 0
