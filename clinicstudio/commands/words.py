"""``clinicstudio words``: the clinic's own word list, used by the compliance checks.

    clinicstudio words list [--json]
    clinicstudio words add WORD [WORD ...] [--staff-first-name]
    clinicstudio words remove WORD [WORD ...] [--staff-first-name]

Words on the list are never reported as misspelled and are never taken for a patient's name
or place (the clinic's brand, its services, its street). With ``--staff-first-name`` the words
go on the second list: first names that, alone, mean a member of the staff (the front desk
known by first name); any other lone first name may still be a patient's.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from clinicstudio.commands._common import add_command, database_for, print_json
from clinicstudio.domain import UserError

_WORD = re.compile(r"^[\w][\w'’.-]{0,59}$")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(sub, "words", "the clinic's own words for spelling and name checks",
                         description="The clinic's word list: words the spelling check accepts "
                         "and the checks never read as a patient's name or place.")
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    listing = add_command(actions, "list", "show the clinic's words", _list)
    listing.add_argument("--json", action="store_true", help="print JSON")
    for name, run, summary in (("add", _add, "add words to the list"),
                               ("remove", _remove, "take words off the list")):
        action = add_command(actions, name, summary, run)
        action.add_argument("words", nargs="+", metavar="WORD")
        action.add_argument("--staff-first-name", action="store_true",
                            help="the words are staff first names (alone they mean staff)")
    parser.set_defaults(run=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _checked(words: list[str]) -> list[str]:
    for word in words:
        if not _WORD.match(word.strip()):
            raise UserError(f"“{word}” is not a single word; add words one at a time, "
                            "for example: clinicstudio words add Hydrafacial")
    return words


def _list_name(args: argparse.Namespace) -> str:
    return "staff_first_names" if args.staff_first_name else "words"


def _add(args: argparse.Namespace) -> int:
    from clinicstudio.store.clinic_words import add_words

    words = _checked(args.words)
    database = database_for(args)
    try:
        with database.transaction() as session:
            added = add_words(session, words, list_name=_list_name(args))
    finally:
        database.close()
    skipped = len(words) - len(added)
    print(f"Added {len(added)} word{'' if len(added) == 1 else 's'}"
          + (f" ({skipped} already on the list)." if skipped else "."))
    return 0


def _remove(args: argparse.Namespace) -> int:
    from clinicstudio.store.clinic_words import remove_words

    database = database_for(args)
    try:
        with database.transaction() as session:
            removed = remove_words(session, args.words, list_name=_list_name(args))
    finally:
        database.close()
    if not removed:
        raise UserError("none of those words is on the list; see: clinicstudio words list")
    print(f"Removed {len(removed)} word{'' if len(removed) == 1 else 's'}.")
    return 0


def _list(args: argparse.Namespace) -> int:
    from clinicstudio.store.clinic_words import load_lists

    database = database_for(args)
    try:
        with database.session() as session:
            lists = load_lists(session)
    finally:
        database.close()
    if args.json:
        print_json({k: list(v) for k, v in lists.items()})
        return 0
    print("Clinic words: " + (", ".join(lists["words"]) or "(none yet)"))
    print("Staff first names: " + (", ".join(lists["staff_first_names"]) or "(none yet)"))
    return 0
