"""``clinicstudio scheduler install | status | remove | show``: publishing while nobody watches.

Registers ``clinicstudio publish-due`` with this computer's own scheduler (a systemd user timer
on Linux, a launchd agent on macOS, a Task Scheduler task on Windows), every few minutes and at
log-in; ``status`` says whether it is registered and what its last run did.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from clinicstudio.commands._common import add_command

ACTIONS = ("install", "status", "remove", "show")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(
        sub, "scheduler", "publish due posts every 5 minutes even with the window closed",
        _run, description="Register `clinicstudio publish-due` with this computer's scheduler "
        "(systemd user timer, launchd agent or Task Scheduler task): every 5 minutes and at "
        "log-in. `status` tells when it last ran and what happened (exit 0 when it is on, 1 when "
        "it is off); `show` prints the files it would install without installing them.")
    parser.add_argument("action", choices=ACTIONS, help="what to do")


def _run(args: argparse.Namespace) -> int:
    from clinicstudio.unattended.system_scheduler import SystemScheduler

    scheduler = SystemScheduler(db=database_argument(args))
    if args.action == "install":
        print(scheduler.install())
        print(f"It runs: {shlex.join(scheduler.command)}")
        return 0
    if args.action == "remove":
        print(scheduler.remove())
        return 0
    if args.action == "show":
        for unit in scheduler.files():
            print(f"# {unit.path}")
            print(unit.content.decode("utf-16" if unit.path.suffix == ".xml" else "utf-8"))
        return 0
    return _status(scheduler)


def database_argument(args: argparse.Namespace) -> str | None:
    """The database the scheduled runs must use: the one named now, written out in full."""
    if not args.db:
        return None
    from clinicstudio.store.database import resolve_url

    url = resolve_url(args.db)
    if url.get_backend_name() == "sqlite":
        return url.database  # a file path, written out in full
    if url.password:
        # The timer's file would keep the password in plain text on this computer.
        from clinicstudio.domain import UserError

        raise UserError(
            "The database address includes its password, which would be written into the "
            "scheduled task's file. Put the password in PostgreSQL's password file "
            "(~/.pgpass, or %APPDATA%\\postgresql\\pgpass.conf on Windows) and give the "
            "address without it, for example "
            f"{_without_password(args.db, url.password)}.")
    return args.db


def _without_password(address: str, password: str) -> str:
    """The address as the person typed it, less its password."""
    from urllib.parse import quote

    for written in (password, quote(password, safe="")):
        address = address.replace(f":{written}@", "@", 1)
    return address


def _status(scheduler: Any) -> int:
    from clinicstudio.unattended.last_run import read_last_run
    from clinicstudio.unattended.places import log_file

    status = scheduler.status()
    if status.installed:
        state = {True: "is on", False: "is registered but not running",
                 None: "is registered"}[status.active]
        print(f"Scheduled publishing {state} ({scheduler.name}; {status.detail}).")
    else:
        print("Scheduled publishing is off: posts go out only while ClinicStudio is open. "
              "Turn it on with: clinicstudio scheduler install")
    last = read_last_run()
    print(last.describe() if last else "publish-due has not run on this computer yet.")
    print(f"Log: {log_file()}")
    return 0 if status.installed and status.active is not False else 1
