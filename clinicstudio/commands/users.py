"""``clinicstudio users add|list|disable|role``: the staff who sign in, managed by an admin."""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command, database_for, print_json
from clinicstudio.commands._staff import read_passphrase, vault


def register(sub: argparse._SubParsersAction[Any]) -> None:
    users = add_command(sub, "users", "add, list and disable the staff who sign in")
    actions = users.add_subparsers(title="actions", metavar="ACTION")
    add = add_command(actions, "add", "add a person; the passphrase is read from standard input",
                      _add, description="Add a staff member who signs in with a passphrase "
                      "(read from standard input, never an argument). The very first account "
                      "must be an administrator and needs no sign-in; after that only a "
                      "signed-in administrator adds people.")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, metavar="ROLE",
                     help="writer, approver or admin")
    listing = add_command(actions, "list", "list the staff accounts", _list)
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    disable = add_command(actions, "disable", "stop a person from signing in", _disable)
    disable.add_argument("name", metavar="NAME")
    role = add_command(actions, "role", "change a person's role", _role)
    role.add_argument("name", metavar="NAME")
    role.add_argument("role", metavar="ROLE", help="writer, approver or admin")
    users.set_defaults(run=lambda args: (users.print_help(), 2)[1])


def _add(args: argparse.Namespace) -> int:
    from clinicstudio.domain import Role, UserError
    from clinicstudio.governance.desk import require_admin
    from clinicstudio.governance.people import add_staff
    from clinicstudio.settings import has_staff

    role = Role.from_word(args.role)
    db = database_for(args)
    try:
        with db.session() as session:
            first = not has_staff(session)
        if first and role is not Role.ADMIN:
            raise UserError("The first account must be an administrator (--role admin), so "
                            "someone can manage the staff.")
        actor = "" if first else require_admin(db, vault()).name
        passphrase = read_passphrase(f"Passphrase for {args.name}: ")
        with db.transaction() as session:
            member = add_staff(session, args.name, role, passphrase, actor=actor or args.name)
    finally:
        db.close()
    print(f"Added {member.name} as {member.role.label}.")
    if first:
        print("Staff accounts are on: from now on people sign in (`clinicstudio login NAME`) "
              "and posts need an approver's OK before they go out.")
    return 0


def _list(args: argparse.Namespace) -> int:
    from clinicstudio.governance.people import list_staff

    db = database_for(args)
    try:
        with db.session() as session:
            staff = [m for m in list_staff(session) if m.can_sign_in]
    finally:
        db.close()
    if args.json:
        print_json([{"name": m.name, "role": m.role.label, "active": m.active} for m in staff])
    elif not staff:
        print("No staff accounts: this is a one-person office (no sign-in, no approvals).")
    for member in staff if not args.json else []:
        state = "" if member.active else "  (disabled)"
        print(f"{member.name:<30} {member.role.label}{state}")
    return 0


def _disable(args: argparse.Namespace) -> int:
    from clinicstudio.governance.desk import require_admin
    from clinicstudio.governance.people import disable_staff

    db = database_for(args)
    try:
        admin = require_admin(db, vault())
        with db.transaction() as session:
            member = disable_staff(session, args.name, actor=admin.name)
    finally:
        db.close()
    print(f"{member.name} can no longer sign in.")
    return 0


def _role(args: argparse.Namespace) -> int:
    from clinicstudio.domain import Role
    from clinicstudio.governance.desk import require_admin
    from clinicstudio.governance.people import change_role

    role = Role.from_word(args.role)
    db = database_for(args)
    try:
        admin = require_admin(db, vault())
        with db.transaction() as session:
            member = change_role(session, args.name, role, actor=admin.name)
    finally:
        db.close()
    print(f"{member.name} is now {member.role.label}.")
    return 0
