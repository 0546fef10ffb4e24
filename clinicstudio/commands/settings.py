"""``clinicstudio settings show|set``: the office-wide settings an administrator chooses."""

from __future__ import annotations

import argparse
from typing import Any

from clinicstudio.commands._common import add_command, database_for
from clinicstudio.commands._staff import vault

NAMES = ("require-approval", "idle-minutes", "session-hours")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    settings = add_command(sub, "settings", "show or change the office-wide settings")
    actions = settings.add_subparsers(title="actions", metavar="ACTION")
    add_command(actions, "show", "show the settings", _show)
    change = add_command(actions, "set", "change one setting (administrators only)", _set,
                         description="Change one setting: require-approval on|off, "
                         "idle-minutes N (the window asks who is at the desk after N idle "
                         "minutes; 0 never), session-hours N (how long `login` lasts).")
    change.add_argument("name", choices=NAMES, metavar="NAME", help=", ".join(NAMES))
    change.add_argument("value", metavar="VALUE")
    settings.set_defaults(run=lambda args: (settings.print_help(), 2)[1])


def _show(args: argparse.Namespace) -> int:
    from clinicstudio.settings import approval_required, has_staff, load_settings

    db = database_for(args)
    try:
        with db.session() as session:
            office, required, staffed = (load_settings(session), approval_required(session),
                                         has_staff(session))
    finally:
        db.close()
    chosen = "" if office.require_approval is not None else " (the default)"
    print(f"require-approval: {'on' if required else 'off'}{chosen}")
    print(f"idle-minutes: {office.idle_minutes}")
    print(f"session-hours: {office.session_hours}")
    print(f"staff accounts: {'yes' if staffed else 'none (one-person office)'}")
    return 0


def _number(value: str, low: int, high: int, name: str) -> int:
    from clinicstudio.domain import UserError

    if not value.isdigit() or not low <= int(value) <= high:
        raise UserError(f"{name} takes a whole number from {low} to {high}.")
    return int(value)


def _set(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from clinicstudio.domain import UserError
    from clinicstudio.governance.desk import require_admin
    from clinicstudio.settings import has_staff, load_settings, save_settings
    from clinicstudio.store.audit import record

    db = database_for(args)
    try:
        admin = require_admin(db, vault())
        with db.transaction() as session:
            office = load_settings(session)
            if args.name == "require-approval":
                if args.value.lower() not in ("on", "off"):
                    raise UserError("require-approval is on or off.")
                wanted = args.value.lower() == "on"
                if wanted and not has_staff(session):
                    raise UserError("Approvals need staff accounts (someone to approve); add "
                                    "them first with `clinicstudio users add NAME --role ...`.")
                office = replace(office, require_approval=wanted)
            elif args.name == "idle-minutes":
                office = replace(office, idle_minutes=_number(args.value, 0, 480, args.name))
            else:
                office = replace(office, session_hours=_number(args.value, 1, 24, args.name))
            save_settings(session, office)
            record(session, "setting_changed", actor=admin.name, setting=args.name,
                   value=args.value.lower())
    finally:
        db.close()
    print(f"{args.name} is now {args.value.lower()}.")
    return 0
