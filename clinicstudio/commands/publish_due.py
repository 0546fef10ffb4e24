"""``clinicstudio publish-due``: publish every post whose time has come, then exit.

Meant for the operating system's scheduler (Task Scheduler, launchd, a systemd timer or cron);
any number of copies may run at once against one database without sending a post twice.
``clinicstudio scheduler install`` registers it. Each run appends to the log file, records its
result for ``clinicstudio scheduler status`` and shows a desktop notification when a post
failed or a connection is about to expire.
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

from clinicstudio.commands._common import add_command, database_for, print_json
from clinicstudio.publishing import publish_due


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(sub, "publish-due", "publish every post whose time has come, then exit",
                         _run)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--no-inbox", action="store_true",
                        help="do not collect new comments and mentions for the inbox")
    parser.add_argument("--no-analytics", action="store_true",
                        help="do not read the networks' figures for published posts this time")


def _run(args: argparse.Namespace) -> int:
    from clinicstudio.unattended.alerts import report_run, run_daily_backup

    db = database_for(args)
    try:
        report = publish_due(db)
        # The log, the last-run file (`scheduler status`) and, on a desktop, a notification.
        problems = report_run(db, report)
        # The automatic daily backup rides on the same scheduled run (when it is turned on).
        backup_problem = run_daily_backup(db)
        if backup_problem:
            problems.append(backup_problem)
        inbox = None if args.no_inbox else _collect_inbox(db)
        readings = None if args.no_analytics else _read_figures(db)
    finally:
        db.close()
    if args.json:
        print_json({"started": report.started, "held": report.held, "late": report.late,
                    "awaiting_approval": report.awaiting,
                    "refused_demo": report.refused, "series_posts_created": report.extended,
                    "recovered": report.recovered,
                    "released_posts": report.released_posts, "repaired": report.repaired,
                    "posts": [{"id": r.post_id, "status": str(r.status),
                               "networks": [{"network": o.network, "state": str(o.state),
                                             "url": o.url, "message": o.message}
                                            for o in r.outcomes]} for r in report.results],
                    "inbox": None if inbox is None else {"new": len(inbox.new),
                                                         "problems": inbox.problems},
                    "analytics": None if readings is None else {
                        "posts_read": readings.posts_read,
                        "accounts_read": readings.accounts_read,
                        "problems": readings.problems}})
    else:
        for result in report.results:
            for outcome in result.outcomes:
                print(f"post {result.post_id}: {outcome.line}")
        if report.extended:
            print(f"Created {len(report.extended)} coming post(s) of repeating series.")
        print(report.summary())
        if problems:
            from clinicstudio.unattended.places import log_file

            print(f"See the log: {log_file()}")
        if inbox is not None:
            print(f"Inbox: {inbox.summary()}")
        if readings is not None and (readings.posts_read or readings.accounts_read
                                     or readings.problems):
            print(readings.summary())
    return 1 if report.failed else 0


def _collect_inbox(db: Any) -> Any:
    """Collect the inbox too, at most every few minutes; its trouble never fails the run."""
    from clinicstudio.accounts import SecretVault
    from clinicstudio.inbox.collect import refresh_if_due

    try:
        return refresh_if_due(db, SecretVault())
    except Exception:  # publishing is this command's job; the inbox waits for the next run
        logging.getLogger(__name__).exception("collecting the inbox failed")
        return None


def _read_figures(db: Any) -> Any:
    """Read the figures that are due (each post at most hourly, less as it ages). A network's
    trouble is reported and left for next time: it never makes publishing look failed."""
    from clinicstudio.analytics.collect import collect

    return collect(db)
