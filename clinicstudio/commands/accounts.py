"""``clinicstudio accounts list|connect|disconnect``: the networks ClinicStudio posts to.

A password or token is read from standard input (typed without echo at a terminal), never from
an argument, so it does not end up in the shell history or the process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import webbrowser
from typing import Any

from clinicstudio.accounts import SecretVault, describe, disconnect, flows, list_connections
from clinicstudio.commands._common import add_command, database_for, print_json
from clinicstudio.domain import Platform, UserError


def register(sub: argparse._SubParsersAction[Any]) -> None:
    accounts = add_command(sub, "accounts", "list, connect and disconnect network accounts")
    actions = accounts.add_subparsers(title="actions", metavar="ACTION")
    listing = add_command(actions, "list", "list connected accounts and when they expire", _list)
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    connect = add_command(
        actions, "connect", "connect an account (secrets are read from standard input)", _connect,
        description="Connect an account. X, Mastodon and LinkedIn open the browser to sign in; "
        "Bluesky reads an app password and Facebook / Instagram a long-lived Page token from "
        "standard input.")
    connect.add_argument("network", choices=[p.value for p in Platform])
    connect.add_argument("--name", default="", help="a name for this connection")
    connect.add_argument("--handle", default="", help="Bluesky handle (e.g. clinic.bsky.social)")
    connect.add_argument("--service", default="", metavar="URL",
                         help="API address: your Mastodon server, a self-hosted Bluesky server")
    connect.add_argument("--client-id", default="", help="OAuth client id (X, LinkedIn)")
    connect.add_argument("--authorize-url", default="", metavar="URL",
                         help="sign-in page address, when not the network's usual one")
    connect.add_argument("--port", type=int, default=flows.X_PORT,
                         help=f"X: the loopback port registered with the app ({flows.X_PORT})")
    connect.add_argument("--token", action="store_true",
                         help="LinkedIn: read a token from standard input instead of signing in")
    connect.add_argument("--org", default="", help="LinkedIn organization id or URN")
    connect.add_argument("--page-id", default="", help="Facebook Page id (with a user token)")
    connect.add_argument("--broker", default="", metavar="URL",
                         help="Facebook / Instagram: get the token from the office's token broker")
    connect.add_argument("--no-browser", action="store_true",
                         help="print the sign-in address instead of opening the browser")
    remove = add_command(actions, "disconnect", "forget an account and its stored secret",
                         _disconnect)
    remove.add_argument("name")
    accounts.set_defaults(run=lambda args: (accounts.print_help(), 2)[1])


def read_secret(prompt: str) -> str:
    secret = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline()
    secret = secret.strip()
    if not secret:
        raise UserError("Nothing was given on standard input; the connection was not made.")
    return secret


def _browser(args: argparse.Namespace) -> flows.OpenBrowser:
    if not args.no_browser:
        return webbrowser.open

    def show(url: str) -> None:
        print(f"Open this address in a browser to sign in:\n{url}", file=sys.stderr)
    return show


def _list(args: argparse.Namespace) -> int:
    db = database_for(args)
    try:
        with db.session() as session:
            rows = [describe(a) for a in list_connections(session)]
    finally:
        db.close()
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No accounts connected. Use `clinicstudio accounts connect NETWORK`.")
    for row in rows:
        expiry = ""
        if row["expires_at"]:
            expiry = (" EXPIRED, reconnect" if row["expired"]
                      else f" (expires {row['expires_at'][:10]})")
        print(f"{row['name']}: {Platform(row['network']).label} {row['handle']}{expiry}")
    return 0


def _connect(args: argparse.Namespace) -> int:
    network = Platform(args.network)
    vault = SecretVault()
    vault.ensure_secure()  # before asking for anything: say so now if it cannot be kept
    browser = _browser(args)
    db = database_for(args)
    name = args.name or network.label
    try:
        _may_manage_accounts(db)
        with db.transaction() as session:
            if network is Platform.BLUESKY:
                account = flows.connect_bluesky(
                    session, vault, name=name, handle=args.handle, service_url=args.service,
                    app_password=read_secret("Bluesky app password: "))
            elif network is Platform.X:
                if not args.client_id:
                    raise UserError("Give the X app's client id with --client-id.")
                account = flows.connect_x(session, vault, name=name, client_id=args.client_id,
                                          service_url=args.service, port=args.port,
                                          open_browser=browser, **_authorize(args))
            elif network is Platform.MASTODON:
                account = flows.connect_mastodon(session, vault, name=name,
                                                 service_url=args.service, open_browser=browser)
            elif network is Platform.LINKEDIN:
                token = read_secret("LinkedIn access token: ") if args.token else ""
                account = flows.connect_linkedin(
                    session, vault, name=name, client_id=args.client_id, token=token,
                    organization=args.org, service_url=args.service, open_browser=browser,
                    **({"auth_url": args.authorize_url} if args.authorize_url else {}))
            else:
                token = (flows.token_from_broker(args.broker, network, open_browser=browser)
                         if args.broker else read_secret(f"{network.label} Page token: "))
                account = flows.connect_meta(session, vault, network, name=name, token=token,
                                             page_id=args.page_id, service_url=args.service)
            line = f"Connected {network.label} as {account.handle or account.name} " \
                   f"(name: {account.name})."
            if account.token_expires_at:
                line += f" It expires on {account.token_expires_at:%d %B %Y}."
    finally:
        db.close()
    print(line)
    return 0


def _authorize(args: argparse.Namespace) -> dict[str, str]:
    return {"authorize_url": args.authorize_url} if args.authorize_url else {}


def _disconnect(args: argparse.Namespace) -> int:
    db = database_for(args, create=False)
    leftover: list[str] = []
    try:
        who = _may_manage_accounts(db)
        with db.transaction() as session:
            disconnect(session, SecretVault(), args.name, leftover=leftover, actor=who.name)
    finally:
        db.close()
    if leftover:
        # The account is forgotten here, but its secret may remain: say so, and where it is.
        print(f"clinicstudio: Disconnected {args.name} in ClinicStudio. {leftover[0]}",
              file=sys.stderr)
        return 1
    print(f"Disconnected {args.name}; its secret was removed from the keyring.")
    return 0


def _may_manage_accounts(db: Any) -> Any:
    """With staff accounts, only a signed-in approver or administrator connects networks."""
    from clinicstudio.commands._staff import approver

    return approver(db, "connects or disconnects the clinic's network accounts")
