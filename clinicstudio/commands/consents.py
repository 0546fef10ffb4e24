"""``clinicstudio consents add|list|show|link|revoke``: the register of patient authorizations."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command, database_for, iso_day, print_json


def register(sub: argparse._SubParsersAction[Any]) -> None:
    consents = add_command(sub, "consents", "the register of patient authorizations")
    actions = consents.add_subparsers(title="actions", metavar="ACTION")
    add = add_command(actions, "add", "record a signed authorization; prints its number", _add)
    add.add_argument("--person", required=True, help="the patient, as on the signed form")
    add.add_argument("--covers", required=True, metavar="USES",
                     help="what it allows, comma-separated: name, story, photo, video, "
                     "testimonial")
    add.add_argument("--network", action="append", default=[], metavar="N",
                     help="a network it allows (repeat; default: every network)")
    add.add_argument("--signed", required=True, type=iso_day, metavar="DATE")
    add.add_argument("--expires", type=iso_day, metavar="DATE")
    add.add_argument("--form", type=Path, metavar="FILE",
                     help="the scanned form (copied into the clinic's media folder)")
    add.add_argument("--notes", default="")
    listing = add_command(actions, "list", "list the authorizations", _list)
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    show = add_command(actions, "show", "show one authorization and the posts relying on it",
                       _show)
    show.add_argument("authorization_id", type=int, metavar="ID")
    linking = add_command(actions, "link", "a post relies on this authorization", _link)
    linking.add_argument("authorization_id", type=int, metavar="ID")
    linking.add_argument("--post", type=int, required=True, metavar="POST_ID")
    revoke = add_command(
        actions, "revoke", "revoke an authorization; list (and take down) posts relying on it",
        _revoke, description="Revoke an authorization. Lists every published post relying on "
        "it; with --take-down, deletes them from Bluesky, Mastodon, X, Facebook and LinkedIn "
        "and says what must be deleted by hand (Instagram).")
    revoke.add_argument("authorization_id", type=int, metavar="ID")
    revoke.add_argument("--reason", required=True)
    revoke.add_argument("--take-down", action="store_true",
                        help="delete the published posts that rely on it from the networks")
    consents.set_defaults(run=lambda args: (consents.print_help(), 2)[1])


def _as_json(item: Any, today: date) -> dict[str, Any]:
    return {"id": item.id, "person": item.person, "covers": list(item.covers),
            "networks": list(item.networks) or "all", "signed_on": item.signed_on.isoformat(),
            "expires_on": item.expires_on.isoformat() if item.expires_on else None,
            "state": item.state(today), "form": item.form}


def _add(args: argparse.Namespace) -> int:
    from clinicstudio.commands._staff import approver
    from clinicstudio.governance.authorizations import add_authorization

    db = database_for(args)
    try:
        who = approver(db, "records authorizations")
        item = add_authorization(db, person=args.person, covers=args.covers.split(","),
                                 networks=args.network, signed_on=args.signed,
                                 expires_on=args.expires, form=args.form, notes=args.notes,
                                 actor=who.name)
    finally:
        db.close()
    print(item.id)
    return 0


def _list(args: argparse.Namespace) -> int:
    from clinicstudio.governance.authorizations import list_authorizations

    db = database_for(args)
    try:
        items = list_authorizations(db)
    finally:
        db.close()
    today = date.today()
    if args.json:
        print_json([_as_json(i, today) for i in items])
        return 0
    if not items:
        print("No patient authorizations are recorded.")
    for item in items:
        until = f"until {item.expires_on}" if item.expires_on else "no expiry"
        print(f"{item.id:>4}  {item.person:<24} {','.join(item.covers):<24} "
              f"signed {item.signed_on}, {until}  [{item.state(today)}]")
    return 0


def _show(args: argparse.Namespace) -> int:
    from clinicstudio.governance.authorizations import show_authorization

    db = database_for(args)
    try:
        item, posts = show_authorization(db, args.authorization_id)
        form = db.media_dir / item.form if item.form else None
    finally:
        db.close()
    today = date.today()
    print(f"Authorization {item.id}: {item.person} ({item.state(today)})")
    print(f"Covers: {', '.join(item.covers)}")
    print(f"Networks: {', '.join(item.networks) or 'every network'}")
    print(f"Signed: {item.signed_on}; expires: {item.expires_on or 'never'}")
    if item.revoked_at:
        print(f"Revoked: {item.revoked_at:%Y-%m-%d} ({item.revoke_reason})")
    print(f"Scanned form: {form or 'none attached'}")
    print(f"Posts relying on it: {', '.join(map(str, posts)) or 'none'}")
    return 0


def _link(args: argparse.Namespace) -> int:
    from clinicstudio.commands._staff import person
    from clinicstudio.governance.authorizations import link

    db = database_for(args)
    try:
        who = person(db)
        with db.transaction() as session:
            link(session, args.post, args.authorization_id, actor=who.name)
    finally:
        db.close()
    print(f"Post {args.post} now relies on authorization {args.authorization_id}.")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from clinicstudio.commands._staff import approver, vault
    from clinicstudio.governance.authorizations import revoke
    from clinicstudio.governance.takedown import BY_HAND, by_hand_message, take_down

    db = database_for(args)
    try:
        who = approver(db, "revokes authorizations")
        copies = revoke(db, args.authorization_id, args.reason, actor=who.name)
        print(f"Authorization {args.authorization_id} is revoked; posts relying on it can no "
              "longer be published.")
        if not copies:
            print("No published post relies on it.")
            return 0
        if not args.take_down:
            print("Published posts that rely on it:")
            for post_id, network, _remote, url in copies:
                print(f"  post {post_id} on {network}: {url}")
            allowed = sorted({n for _p, n, _r, _u in copies if n not in BY_HAND})
            if allowed:
                print("Run again with --take-down to delete them from "
                      f"{', '.join(allowed)}.")
            if any(n in BY_HAND for _p, n, _r, _u in copies):
                print(by_hand_message(""))
            return 1
        results = take_down(db, copies, vault(), actor=who.name, reason=args.reason)
    finally:
        db.close()
    for result in results:
        print(result.line)
    return 0 if all(r.done for r in results) else 1
