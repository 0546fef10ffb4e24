"""``clinicstudio posts submit|approve|reject|comment|thread``: a post's review."""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command, database_for


def add_review_actions(actions: argparse._SubParsersAction[Any]) -> None:
    submit = add_command(actions, "submit", "ask an approver to approve a post", _submit)
    submit.add_argument("post_id", type=int, metavar="ID")
    submit.add_argument("--note", default="", help="a note for the approver")
    approve = add_command(actions, "approve", "approve a post (approvers; not your own post)",
                          _approve, description="Approve a post. A post with a future date "
                          "becomes scheduled. --series approves the wording for every "
                          "occurrence of its repeating series.")
    approve.add_argument("post_id", type=int, metavar="ID")
    approve.add_argument("--note", default="", help="a comment kept with the approval")
    approve.add_argument("--series", action="store_true",
                         help="approve every occurrence of its series that keeps this wording")
    reject = add_command(actions, "reject", "send a post back to its writer with comments",
                         _reject)
    reject.add_argument("post_id", type=int, metavar="ID")
    reject.add_argument("--note", required=True, help="what needs to change")
    comment = add_command(actions, "comment", "add a comment to a post's review", _comment)
    comment.add_argument("post_id", type=int, metavar="ID")
    comment.add_argument("--note", required=True)
    thread = add_command(actions, "thread", "show a post's review and comments", _thread)
    thread.add_argument("post_id", type=int, metavar="ID")
    waiting = add_command(actions, "waiting", "list posts waiting for approval", _waiting)
    waiting.add_argument("--json", action="store_true", help="print JSON for scripts")


def _act(args: argparse.Namespace, verb: str) -> int:
    from clinicstudio.commands._staff import person
    from clinicstudio.governance import approvals

    db = database_for(args)
    try:
        who = person(db)
        if verb == "submit":
            approvals.submit(db, args.post_id, who, args.note)
            said = "submitted for approval"
        elif verb == "approve":
            approvals.approve(db, args.post_id, who, args.note, whole_series=args.series)
            said = "approved" + (" for its whole series" if args.series else "")
        elif verb == "reject":
            approvals.reject(db, args.post_id, who, args.note)
            said = "sent back to its writer as a draft"
        else:
            approvals.comment(db, args.post_id, who, args.note)
            said = "commented"
    finally:
        db.close()
    print(f"Post {args.post_id} {said}.")
    return 0


def _submit(args: argparse.Namespace) -> int:
    return _act(args, "submit")


def _approve(args: argparse.Namespace) -> int:
    return _act(args, "approve")


def _reject(args: argparse.Namespace) -> int:
    return _act(args, "reject")


def _comment(args: argparse.Namespace) -> int:
    return _act(args, "comment")


def _thread(args: argparse.Namespace) -> int:
    from clinicstudio.governance.approvals import thread

    db = database_for(args)
    try:
        notes = thread(db, args.post_id)
    finally:
        db.close()
    if not notes:
        print(f"Post {args.post_id} has no review yet.")
    for note in notes:
        text = f": {note.note}" if note.note else ""
        print(f"{note.at:%Y-%m-%d %H:%M} UTC  {note.user_name} {note.action}{text}")
    return 0


def _waiting(args: argparse.Namespace) -> int:
    from clinicstudio.commands._common import print_json
    from clinicstudio.governance.approvals import waiting_for_approval

    db = database_for(args)
    try:
        rows = waiting_for_approval(db)
    finally:
        db.close()
    if args.json:
        print_json([{"id": i, "title": t, "author": a} for i, t, a in rows])
        return 0
    if not rows:
        print("Nothing is waiting for approval.")
    for post_id, title, author in rows:
        print(f"{post_id:>6}  {author or '-':<20} {title}")
    return 0
