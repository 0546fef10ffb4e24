"""``clinicstudio campaigns add|list|show|spend``: campaigns, their budget, spend and results."""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command, database_for, print_json


def register(sub: argparse._SubParsersAction[Any]) -> None:
    campaigns = add_command(sub, "campaigns", "campaigns: budget, spend, conversions, CPA, ROAS")
    actions = campaigns.add_subparsers(title="actions", metavar="ACTION")
    add = add_command(actions, "add", "add a campaign", _add)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--budget", metavar="AMOUNT", help="the campaign's budget, e.g. 500")
    add.add_argument("--slug", metavar="SLUG",
                     help="its name in tagged links (utm_campaign), e.g. flu-shots-fall")
    listing = add_command(actions, "list", "list campaigns with their results", _list)
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    show = add_command(actions, "show", "one campaign's results, in total and per network",
                       _show)
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true", help="print JSON for scripts")
    spend = add_command(actions, "spend", "record money spent (boosted posts, ads)", _spend)
    spend.add_argument("name", metavar="NAME")
    spend.add_argument("--amount", required=True, metavar="AMOUNT", help="e.g. 120.50")
    spend.add_argument("--date", required=True, metavar="DATE", help="e.g. 2026-05-04")
    spend.add_argument("--network", metavar="N", help="the network it was spent on")
    campaigns.set_defaults(run=lambda args: (campaigns.print_help(), 2)[1])


def _add(args: argparse.Namespace) -> int:
    from clinicstudio.analytics.campaigns import add_campaign, slug_of
    from clinicstudio.analytics.money import parse_cents

    budget = parse_cents(args.budget, "amount") if args.budget else 0
    db = database_for(args)
    try:
        with db.transaction() as session:
            campaign = add_campaign(session, args.name, budget_cents=budget, slug=args.slug)
            line = f"Added campaign “{campaign.name}” (links tagged {slug_of(campaign)})."
    finally:
        db.close()
    print(line)
    return 0


def _list(args: argparse.Namespace) -> int:
    from clinicstudio.analytics.campaigns import all_campaigns, campaign_results

    db = database_for(args)
    try:
        with db.session() as session:
            results = [campaign_results(session, c) for c in all_campaigns(session)]
    finally:
        db.close()
    if args.json:
        print_json([r.as_json() for r in results])
        return 0
    if not results:
        print("No campaigns yet; add one with `clinicstudio campaigns add NAME`.")
    for result in results:
        print(_line(result.name, result.as_json()))
    return 0


def _show(args: argparse.Namespace) -> int:
    from clinicstudio.analytics.campaigns import campaign_results, find_campaign

    db = database_for(args)
    try:
        with db.session() as session:
            data = campaign_results(session, find_campaign(session, args.name)).as_json()
    finally:
        db.close()
    if args.json:
        print_json(data)
        return 0
    print(_line(data["name"], data))
    print(f"  Budget {_money(data['budget'])}; links tagged utm_campaign={data['slug']}")
    for network, figures in data["networks"].items():
        print(_line(f"  {network}", figures))
    return 0


def _spend(args: argparse.Namespace) -> int:
    from clinicstudio.analytics.campaigns import add_spend, find_campaign
    from clinicstudio.analytics.money import parse_cents
    from clinicstudio.commands.analytics import parse_day

    amount = parse_cents(args.amount, "amount")
    day = parse_day(args.date)
    db = database_for(args)
    try:
        with db.transaction() as session:
            campaign = find_campaign(session, args.name)
            add_spend(session, campaign, amount, day, args.network)
            name = campaign.name
    finally:
        db.close()
    where = f" on {args.network}" if args.network else ""
    print(f"Recorded {_money(amount / 100)} spent{where} on {day} for “{name}”.")
    return 0


def _money(value: float | None) -> str:
    return "–" if value is None else f"${value:,.2f}"


def _line(name: str, figures: dict[str, Any]) -> str:
    cpa = "no conversions yet" if figures["cpa"] is None else _money(figures["cpa"])
    roas = "no spend" if figures["roas"] is None else f"{figures['roas']:.2f}×"
    return (f"{name}: spent {_money(figures['spend'])}, {figures['conversions']} conversion(s), "
            f"revenue {_money(figures['revenue'])}, cost per conversion {cpa}, "
            f"return on ad spend {roas}")
