"""``clinicstudio inbox``: read and answer comments, mentions and reviews.

    inbox refresh                 collect from every connected network
    inbox list [--json] [--state S] [--network N]
    inbox show ID [--json]        the item, its thread, notes
    inbox reply ID --text-file F  checked with the comment as context; exit 1 when blocked
    inbox done ID | assign ID NAME | note ID TEXT | hide ID | delete ID
    inbox templates               the safe reply templates, filled for this clinic
    inbox connect-google --location L --client-id ID   (secret and refresh token on stdin)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command, database_for, print_json
from clinicstudio.domain import UserError

STATES = ("new", "assigned", "answered", "done", "hidden")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(sub, "inbox", "read and answer comments, mentions and reviews",
                         description="The inbox: comments, replies, mentions, quotes and reviews "
                         "from the connected networks. Replies are checked with the comment as "
                         "context and sent once, as a real reply in the network's thread.")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action",
                                    required=True)
    add_command(actions, "refresh", "collect new items from every connected network", _refresh)
    listing = add_command(actions, "list", "list items, unanswered first", _list)
    listing.add_argument("--json", action="store_true", help="one JSON object per item")
    listing.add_argument("--state", choices=STATES, help="only items in this state")
    listing.add_argument("--network", help="only items from this network")
    show = add_command(actions, "show", "show one item with its thread and notes", _show)
    show.add_argument("item_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true")
    reply = add_command(actions, "reply", "answer an item (exit 1 when a check blocks it)",
                        _reply)
    reply.add_argument("item_id", type=int, metavar="ID")
    reply.add_argument("--text-file", required=True, metavar="FILE",
                       help="the reply's text (UTF-8); '-' reads standard input")
    reply.add_argument("--json", action="store_true")
    for name, summary, run in (("done", "mark an item done (no answer needed)", _done),
                               ("hide", "hide the comment on the network (audited)", _hide),
                               ("delete", "delete the comment on the network (audited)",
                                _delete)):
        one = add_command(actions, name, summary, run)
        one.add_argument("item_id", type=int, metavar="ID")
    assign = add_command(actions, "assign", "give an item to a colleague to answer", _assign)
    assign.add_argument("item_id", type=int, metavar="ID")
    assign.add_argument("name", metavar="NAME")
    note = add_command(actions, "note", "add an internal note (never sent)", _note)
    note.add_argument("item_id", type=int, metavar="ID")
    note.add_argument("text", metavar="TEXT")
    add_command(actions, "templates", "show the safe reply templates for this clinic",
                _templates)
    google = add_command(
        actions, "connect-google", "connect a Google Business Profile location's reviews",
        _connect_google, description="Connect a Google Business Profile location so its "
        "reviews come into the inbox. Reads the OAuth client secret and a refresh token "
        "(scope business.manage) from standard input, one per line.")
    google.add_argument("--location", required=True,
                        help="accounts/ACCOUNT_ID/locations/LOCATION_ID")
    google.add_argument("--client-id", required=True, help="the Google OAuth client id")
    google.add_argument("--service", default="", help=argparse.SUPPRESS)
    google.add_argument("--token-url", default="", help=argparse.SUPPRESS)
    add_command(actions, "disconnect-google", "forget the Google Business Profile connection",
                _disconnect_google)


def _service(args: argparse.Namespace) -> Any:
    from clinicstudio.inbox import InboxService
    from clinicstudio.settings import load_settings

    db = database_for(args)
    with db.session() as session:
        actor = load_settings(session).default_actor
    return InboxService(db, actor=lambda: actor)


def _refresh(args: argparse.Namespace) -> int:
    service = _service(args)
    try:
        report = service.refresh()
    finally:
        service.db.close()
    print(report.summary())
    return 1 if report.problems else 0


def _list(args: argparse.Namespace) -> int:
    service = _service(args)
    try:
        rows = service.list(state=args.state, network=args.network)
    finally:
        service.db.close()
    if args.json:
        keys = ("id", "network", "kind", "author", "text", "post_id", "state", "received_at")
        print_json([{k: r[k] for k in keys} for r in rows])
        return 0
    if not rows:
        print("The inbox is empty." if not args.state else f"No items are {args.state}.")
    for r in rows:
        text = " ".join(r["text"].split())
        text = text if len(text) <= 70 else text[:69] + "…"
        mark = " [deleted]" if r["deleted"] else (" [upset]" if r["tone"] else "")
        print(f"{r['id']:>5}  {r['state']:<9} {r['network']:<9} {r['kind']:<8} "
              f"{r['author'][:24]:<24} {text}{mark}")
    return 0


def _show(args: argparse.Namespace) -> int:
    service = _service(args)
    try:
        view = service.show(args.item_id)
    finally:
        service.db.close()
    if args.json:
        print_json({**view.item, "thread": view.thread, "own_post": view.own_post,
                    "notes": [{"author": a, "text": t, "at": at.isoformat()}
                              for a, t, at in view.notes], "advice": view.advice})
        return 0
    item = view.item
    print(f"{item['kind'].capitalize()} by {item['author']} on {item['network']} "
          f"({item['received_at']}), {item['state']}")
    if view.own_post:
        print(f"On the clinic's post {item['post_id']}: {view.own_post}")
    for other in view.thread:
        marker = ">" if other["id"] == item["id"] else " "
        print(f" {marker} {other['author']}: {other['text']}")
    if view.advice:
        print(f"Advice: {view.advice}")
    for author, text, _at in view.notes:
        print(f"Note ({author or 'someone'}): {text}")
    return 0


def _read_text(path: str) -> str:
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"Could not read {path}: {exc.__class__.__name__}. Give a UTF-8 text "
                        "file.") from exc


def _reply(args: argparse.Namespace) -> int:
    text = _read_text(args.text_file)
    service = _service(args)
    try:
        outcome = service.reply(args.item_id, text)
    finally:
        service.db.close()
    if args.json:
        print_json({"sent": outcome.sent, "blocked": outcome.blocked,
                    "waiting_approval": outcome.waiting_approval, "post_id": outcome.post_id,
                    "url": outcome.url, "message": outcome.message,
                    "findings": [f.as_json() for f in outcome.findings]})
    else:
        for finding in outcome.findings:
            if finding.blocks:
                quoted = text[finding.start:finding.end]
                print(f"{finding.rule}: {finding.message}" + (f" (“{quoted}”)" if quoted else ""))
                if finding.suggestion:
                    print(f"  Fix: {finding.suggestion}")
        print(outcome.message)
    return 0 if outcome.sent or outcome.waiting_approval else 1


def _simple(args: argparse.Namespace, action: str, *extra: Any) -> int:
    service = _service(args)
    try:
        result = getattr(service, action)(args.item_id, *extra)
    finally:
        service.db.close()
    if isinstance(result, str):
        print(result)
    return 0


def _done(args: argparse.Namespace) -> int:
    return _simple(args, "done")


def _assign(args: argparse.Namespace) -> int:
    return _simple(args, "assign", args.name)


def _note(args: argparse.Namespace) -> int:
    return _simple(args, "add_note", args.text)


def _hide(args: argparse.Namespace) -> int:
    return _simple(args, "moderate", "hide")


def _delete(args: argparse.Namespace) -> int:
    return _simple(args, "moderate", "delete")


def _templates(args: argparse.Namespace) -> int:
    service = _service(args)
    try:
        for template, filled in service.templates():
            edited = " (the clinic's wording)" if template.edited else ""
            print(f"{template.key}: {template.title}{edited}\n  {filled}")
    finally:
        service.db.close()
    return 0


def _connect_google(args: argparse.Namespace) -> int:
    from clinicstudio.accounts import SecretVault
    from clinicstudio.inbox.review_sites import connect_google

    lines = [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]
    if len(lines) < 2:
        raise UserError("Give the OAuth client secret and the refresh token on standard input, "
                        "one per line.")
    db = database_for(args)
    try:
        with db.transaction() as session:
            count = connect_google(session, SecretVault(), location=args.location,
                                   client_id=args.client_id, client_secret=lines[0],
                                   refresh_token=lines[1], service_url=args.service,
                                   token_url=args.token_url)
    finally:
        db.close()
    print(f"Connected the Google Business Profile ({count} review(s)).")
    return 0


def _disconnect_google(args: argparse.Namespace) -> int:
    from clinicstudio.accounts import SecretVault
    from clinicstudio.inbox.review_sites import disconnect_google

    db = database_for(args)
    try:
        with db.transaction() as session:
            disconnect_google(session, SecretVault())
    finally:
        db.close()
    print("The Google Business Profile is no longer connected.")
    return 0
