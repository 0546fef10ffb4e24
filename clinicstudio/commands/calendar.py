"""``clinicstudio calendar``: export the posting calendar, list the year's health observances."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command, database_for, iso_day
from clinicstudio.domain import UserError
from clinicstudio.planning.clock import clinic_zone
from clinicstudio.planning.ics import export_ics
from clinicstudio.planning.observances import load_catalog
from clinicstudio.store.clinic import get_profile


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(sub, "calendar", "export the posting calendar; list health observances")
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    export = add_command(
        actions, "export", "write scheduled and published posts to an iCalendar (.ics) file",
        run_export, description="Write scheduled and published posts to an iCalendar file that "
        "Outlook, Google Calendar and Apple Calendar import. Dates are days in the clinic's time "
        "zone; both ends are included.",
    )
    export.add_argument("--ics", metavar="FILE", required=True, type=Path,
                        help="the .ics file to write (replaced if it exists)")
    export.add_argument("--from", dest="first", metavar="DATE", type=iso_day,
                        help="first day to include, e.g. 2026-11-01")
    export.add_argument("--to", dest="last", metavar="DATE", type=iso_day,
                        help="last day to include, e.g. 2026-11-30")
    listing = add_command(actions, "observances", "list the year's health observances",
                          run_observances)
    listing.add_argument("--year", type=int, default=date.today().year,
                         help="the year to list (default: this year)")
    parser.set_defaults(run=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def run_export(args: argparse.Namespace) -> int:
    if args.first and args.last and args.first > args.last:
        raise UserError("--from must not be after --to.")
    db = database_for(args)
    try:
        with db.session() as session:
            zone = clinic_zone(session)
            profile = get_profile(session)
            name = f"{profile.name} posts" if profile is not None and profile.name else ""
            try:
                count = export_ics(session, args.ics, zone, first=args.first, last=args.last,
                                   name=name)
            except OSError as exc:
                raise UserError(f"Cannot write {args.ics}: {exc.strerror or exc}.") from None
    finally:
        db.close()
    print(f"Wrote {count} post{'s' if count != 1 else ''} to {args.ics} "
          f"(times in UTC; the clinic's zone is {zone.key}).")
    return 0


def run_observances(args: argparse.Namespace) -> int:
    if not 1900 <= args.year <= 2999:
        raise UserError("--year must be a year like 2027.")
    rows = []
    for observance in load_catalog():
        first, last = observance.dates_in(args.year)
        when = f"{first:%b} {first.day}" if first == last else (
            f"{first:%B}" if observance.kind == "month" else
            f"{first:%b} {first.day} – {last:%b} {last.day}")
        rows.append((first, when, observance.name, observance.note))
    for _first, when, name, note in sorted(rows):
        print(f"{when:<16} {name}" + (f"  ({note})" if note else ""))
    return 0
