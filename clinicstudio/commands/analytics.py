"""``clinicstudio analytics refresh|posts|followers|report``: what posts and accounts achieved."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command, database_for, print_json, read
from clinicstudio.domain import UserError


def register(sub: argparse._SubParsersAction[Any]) -> None:
    analytics = add_command(sub, "analytics", "read and show what posts and accounts achieved")
    actions = analytics.add_subparsers(title="actions", metavar="ACTION")
    add_command(actions, "refresh", "read every post's figures and every account's followers "
                "from the networks now", _refresh)
    posts = add_command(actions, "posts", "the latest figures of each post on each network",
                        _posts)
    posts.add_argument("--json", action="store_true", help="print JSON for scripts")
    followers = add_command(actions, "followers", "each account's latest follower count",
                            _followers)
    followers.add_argument("--json", action="store_true", help="print JSON for scripts")
    report = add_command(actions, "report", "write the practice owner's report for a period",
                         _report)
    report.add_argument("--from", dest="start", required=True, metavar="DATE",
                        help="first day, e.g. 2026-05-01")
    report.add_argument("--to", dest="end", required=True, metavar="DATE",
                        help="last day, e.g. 2026-05-31")
    report.add_argument("--pdf", metavar="FILE", help="write the report as a PDF")
    report.add_argument("--csv", metavar="FILE", help="write the report's figures as CSV")
    analytics.set_defaults(run=lambda args: (analytics.print_help(), 2)[1])


def parse_day(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"“{text}” is not a {what} like 2026-05-31.") from None


def _refresh(args: argparse.Namespace) -> int:
    from clinicstudio.analytics.collect import collect

    db = database_for(args)
    try:
        report = collect(db, everything=True)
    finally:
        db.close()
    print(report.summary())
    return 1 if report.problems else 0


def _posts(args: argparse.Namespace) -> int:
    from clinicstudio.analytics.results import post_readings

    rows = read(args, post_readings)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No figures yet; run `clinicstudio analytics refresh` after publishing.")
    for row in rows:
        figures = ", ".join(f"{name} {'not reported' if value is None else value}"
                            for name, value in row["metrics"].items())
        print(f"post {row['post_id']} on {row['network']} ({row['read_at']}): {figures}")
    return 0


def _followers(args: argparse.Namespace) -> int:
    from clinicstudio.analytics.results import follower_readings

    rows = read(args, follower_readings)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No follower counts yet; run `clinicstudio analytics refresh`.")
    for row in rows:
        count = "not reported" if row["followers"] is None else f"{row['followers']:,}"
        print(f"{row['network']:<10} {row['account']:<30} {count:>12}  ({row['read_at']})")
    return 0


def _report(args: argparse.Namespace) -> int:
    start, end = parse_day(args.start), parse_day(args.end)
    if end < start:
        raise UserError("--to is before --from; give the first day first.")
    if not (args.pdf or args.csv):
        raise UserError("Say where the report goes with --pdf FILE or --csv FILE (or both).")
    from clinicstudio.analytics.report_csv import write_csv
    from clinicstudio.analytics.results import load_results

    db = database_for(args)
    try:
        with db.session() as session:
            results = load_results(session, start, end)
            clinic = _clinic_name(session)
    finally:
        db.close()
    if args.csv:
        write_csv(results, _writable(args.csv))
        print(f"Wrote {args.csv}.")
    if args.pdf:
        # Qt is loaded only for the PDF: the other commands stay quick to start.
        from clinicstudio.ui.results.report_pdf import write_pdf

        write_pdf(results, _writable(args.pdf), clinic)
        print(f"Wrote {args.pdf}.")
    return 0


def _clinic_name(session: Any) -> str:
    from clinicstudio.store.clinic import get_profile

    profile = get_profile(session)
    return profile.name if profile else "Your clinic"


def _writable(name: str) -> Path:
    path = Path(name)
    if not path.parent.exists():
        raise UserError(f"The folder {path.parent} does not exist; choose another place for "
                        f"{path.name}.")
    return path
