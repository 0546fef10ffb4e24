"""``clinicstudio publish-due``: publish every post whose time has come, then exit.

Meant for the operating system's scheduler (Task Scheduler, launchd, a systemd timer or cron);
any number of copies may run at once against one database without sending a post twice.
"""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command, database_for, print_json
from clinicstudio.publishing import publish_due


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(sub, "publish-due", "publish every post whose time has come, then exit",
                         _run)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _run(args: argparse.Namespace) -> int:
    db = database_for(args)
    try:
        report = publish_due(db)
    finally:
        db.close()
    if args.json:
        print_json({"started": report.started, "held": report.held, "late": report.late,
                    "refused_demo": report.refused, "series_posts_created": report.extended,
                    "recovered": report.recovered,
                    "posts": [{"id": r.post_id, "status": str(r.status),
                               "networks": [{"network": o.network, "state": str(o.state),
                                             "url": o.url, "message": o.message}
                                            for o in r.outcomes]} for r in report.results]})
    else:
        for result in report.results:
            for outcome in result.outcomes:
                print(f"post {result.post_id}: {outcome.line}")
        if report.extended:
            print(f"Created {len(report.extended)} coming post(s) of repeating series.")
        print(report.summary())
    return 1 if report.failed else 0
