"""``clinicstudio audit verify|export``: check the audit log's hash chain; export it to CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command, database_for, iso_day


def register(sub: argparse._SubParsersAction[Any]) -> None:
    audit = add_command(sub, "audit", "check the audit log for tampering; export it")
    actions = audit.add_subparsers(title="actions", metavar="ACTION")
    add_command(actions, "verify", "re-compute the audit log's hash chain", _verify,
                description="Re-compute every event's hash and link. Exit status 1, naming the "
                "first event that was changed, removed or inserted, when the chain is broken.")
    export = add_command(actions, "export", "write the audit log to a CSV file", _export)
    export.add_argument("--csv", metavar="FILE", required=True, type=Path)
    export.add_argument("--from", dest="first", metavar="DATE", type=iso_day,
                        help="first day (UTC) to include, e.g. 2026-11-01")
    export.add_argument("--to", dest="last", metavar="DATE", type=iso_day,
                        help="last day (UTC) to include")
    export.add_argument("--post", type=int, metavar="ID", help="only this post's events")
    audit.set_defaults(run=lambda args: (audit.print_help(), 2)[1])


def _verify(args: argparse.Namespace) -> int:
    from clinicstudio.governance.audit_log import verify

    db = database_for(args)
    try:
        checked, broken = verify(db)
    finally:
        db.close()
    if broken is not None:
        print(f"The audit log was tampered with: {broken.plain} ({checked} events before it "
              "check out.)", file=sys.stderr)
        return 1
    print(f"The audit log is intact: {checked} events, each chained to the one before.")
    return 0


def _export(args: argparse.Namespace) -> int:
    from clinicstudio.commands._staff import approver
    from clinicstudio.governance.audit_log import events, export_csv

    db = database_for(args)
    try:
        approver(db, "exports the audit log")
        rows = events(db, first=args.first, last=args.last, post_id=args.post)
    finally:
        db.close()
    count = export_csv(rows, args.csv)
    print(f"Wrote {count} events to {args.csv}.")
    return 0
