"""One module per command. Each defines ``register(subparsers)``; the parser it adds sets
``run=function(args) -> int`` through ``set_defaults``.

The commands are listed here, by module name, rather than found by scanning the package: a
bundled build (PyInstaller) has no package folder to scan, and an explicit list is what the
bundle's analysis follows. A new command module must be added to :data:`COMMAND_MODULES`;
``tests/unit/test_command_registry.py`` fails until it is.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: Every command's module (``publish_due`` is ``clinicstudio publish-due``) and its line in
#: ``clinicstudio --help``, in help order. The lines are kept here so that the top-level help
#: imports no command (``tests/unit/test_command_registry.py`` holds each to its module's).
SUMMARIES: dict[str, str] = {
    "accounts": "list, connect and disconnect network accounts",
    "analytics": "read and show what posts and accounts achieved",
    "audit": "check the audit log for tampering; export it",
    "backup": "copy the database and its images into one backup file",
    "calendar": "export the posting calendar; list health observances",
    "campaigns": "campaigns: budget, spend, conversions, CPA, ROAS",
    "check": "check a post or reply for patient information, claims and more",
    "consents": "the register of patient authorizations",
    "conversions": "import or enter conversions (bookings, new patients, revenue)",
    "demo": "fill the database with a realistic demo clinic (safe to repeat)",
    "export": "write posts and their results as CSV or JSON files",
    "gui": "open the studio window (what a bare `clinicstudio` does)",
    "inbox": "read and answer comments, mentions and reviews",
    "login": "sign in at this desk; the passphrase is read from standard input",
    "logout": "end the sign-in at this desk",
    "outbox": "see posts on their way out; release a stuck one",
    "policy": "read, acknowledge or edit the social media policy",
    "posts": "add, list and show posts",
    "publish": "publish a post now; prints one line per network (link or reason)",
    "publish_due": "publish every post whose time has come, then exit",
    "restore": "restore a backup file into a new database and check nothing is missing",
    "scheduler": "publish due posts every 5 minutes even with the window closed",
    "segments": "list, add and show audience segments",
    "self_test": "open the window offscreen, render every pane, exit 0 or 1",
    "settings": "show or change the office-wide settings",
    "users": "add, list and disable the staff who sign in",
    "whoami": "say who is signed in at this desk",
    "words": "the clinic's own words for spelling and name checks",
}

COMMAND_MODULES: tuple[str, ...] = tuple(SUMMARIES)


def load(name: str) -> ModuleType:
    """The command module ``name``; only that one is imported (a command starts fast)."""
    if name not in COMMAND_MODULES:
        raise KeyError(name)
    # A literal import per name would let a bundler see them; the bundle spec lists
    # COMMAND_MODULES as hidden imports instead, from this same tuple.
    return importlib.import_module(f"{__name__}.{name}")
