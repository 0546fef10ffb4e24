"""``clinicstudio conversions import|add``: bookings, new patients and revenue per campaign.

Only counts and money come in, never patient details (see
:mod:`clinicstudio.analytics.conversions`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command, database_for


def register(sub: argparse._SubParsersAction[Any]) -> None:
    conversions = add_command(sub, "conversions",
                              "import or enter conversions (bookings, new patients, revenue)")
    actions = conversions.add_subparsers(title="actions", metavar="ACTION")
    imp = add_command(actions, "import", "import a CSV export of conversions", _import)
    imp.add_argument("file", metavar="FILE.csv")
    imp.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     help="which field a column holds (saved for next time); fields: date, "
                     "utm_source, utm_medium, utm_campaign, conversions, appointments, "
                     "new_patients, sessions, revenue")
    add = add_command(actions, "add", "enter a day's conversions by hand", _add)
    add.add_argument("--campaign", required=True, metavar="NAME")
    add.add_argument("--date", required=True, metavar="DATE")
    add.add_argument("--conversions", required=True, type=int, metavar="COUNT")
    add.add_argument("--revenue", default="0", metavar="AMOUNT")
    add.add_argument("--network", metavar="N", help="where the patients came from")
    conversions.set_defaults(run=lambda args: (conversions.print_help(), 2)[1])


def _import(args: argparse.Namespace) -> int:
    from clinicstudio.analytics.conversions import import_conversions, parse_map_options

    mapping = parse_map_options(args.map)
    db = database_for(args)
    try:
        with db.transaction() as session:
            result = import_conversions(session, Path(args.file), mapping)
    finally:
        db.close()
    print(f"Imported {result.rows} row(s): {result.conversions} conversion(s), "
          f"${result.revenue_cents / 100:,.2f} revenue.")
    if result.unmatched_campaigns:
        print("No campaign uses the link name(s) " + ", ".join(result.unmatched_campaigns)
              + "; those rows are kept and count once a campaign has that --slug.")
    return 0


def _add(args: argparse.Namespace) -> int:
    from clinicstudio.analytics.campaigns import find_campaign, parse_network, slug_of
    from clinicstudio.analytics.conversions import add_conversion
    from clinicstudio.analytics.money import parse_cents
    from clinicstudio.commands.analytics import parse_day
    from clinicstudio.domain import UserError

    if args.conversions < 0:
        raise UserError("Conversions cannot be negative.")
    revenue = parse_cents(args.revenue, "amount")
    day = parse_day(args.date)
    db = database_for(args)
    try:
        with db.transaction() as session:
            campaign = find_campaign(session, args.campaign)
            add_conversion(session, day=day, campaign_slug=slug_of(campaign),
                           network=parse_network(args.network), conversions=args.conversions,
                           revenue_cents=revenue)
    finally:
        db.close()
    print(f"Recorded {args.conversions} conversion(s) on {day} for “{args.campaign}”.")
    return 0
