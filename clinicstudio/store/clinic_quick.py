"""The clinic's identity read straight from its SQLite file, for ``clinicstudio check``.

Checking one text is a command people run from scripts and editors, and they wait for it:
importing SQLAlchemy and mapping the tables alone takes about half a second, longer than the
check. When the database is a local SQLite file already at this ClinicStudio's schema, the few
rows the checks need (the clinic profile, active staff, the clinic's word lists) are read with
the standard library instead. Anything else (PostgreSQL, an older schema, a file that is not
ClinicStudio's, any error) returns None, and the caller takes the full path, which also
explains what is wrong. A test keeps this reading equal to :func:`store.clinic.clinic_identity`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from clinicstudio.domain import ClinicIdentity

#: The settings row holding the clinic's word lists, and the lists in it.
WORDS_KEY = "compliance_words"
WORD_LISTS = ("words", "staff_first_names")


def sqlite_file(target: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file ``--db`` names (or $CLINICSTUDIO_DB, or the default), if it is one."""
    if target is None or str(target) == "":
        target = os.environ.get("CLINICSTUDIO_DB") or None
    if target is None:
        import platformdirs

        return Path(platformdirs.user_data_dir("ClinicStudio", appauthor=False)) / \
            "clinicstudio.db"
    text = str(target)
    if "://" not in text:
        return Path(text).expanduser()
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if text.startswith(prefix) and "?" not in text:
            return Path(text[len(prefix):])
    return None


def quick_clinic_identity(target: str | os.PathLike[str] | None) -> ClinicIdentity | None:
    """The clinic's identity, or None when the full path must answer (see the module notes)."""
    from clinicstudio.store.schema_versions import head_revision

    path = sqlite_file(target)
    if path is None or not path.is_file():
        return None
    try:
        # closing(): sqlite3's own context manager ends a transaction but leaves the file open.
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as \
                connection:
            version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            if [row[0] for row in version] != [head_revision()]:
                return None
            return _identity(connection)
    except (sqlite3.Error, ValueError, TypeError):
        return None


def _identity(connection: sqlite3.Connection) -> ClinicIdentity:
    staff = tuple(row[0] for row in connection.execute(
        "SELECT name FROM staff_users WHERE active ORDER BY name"))
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (WORDS_KEY,)).fetchone()
    value = _json(row[0]) if row else {}
    value = value if isinstance(value, dict) else {}
    lists = {name: tuple(str(w) for w in value.get(name, []) if str(w).strip())
             for name in WORD_LISTS}
    profile = connection.execute(
        "SELECT name, phones, emails, websites, addresses, handles, time_zone "
        "FROM clinic_profile ORDER BY id LIMIT 1").fetchone()
    if profile is None:
        return ClinicIdentity(staff=staff, **lists)
    name, phones, emails, websites, addresses, handles, zone = profile
    return ClinicIdentity(
        name=name, phones=_strings(phones), emails=_strings(emails),
        websites=_strings(websites), addresses=_strings(addresses), staff=staff,
        handles=_strings(handles), time_zone=zone, **lists)


def _json(raw: Any) -> Any:
    return json.loads(raw) if isinstance(raw, str | bytes) else raw


def _strings(raw: Any) -> tuple[str, ...]:
    value = _json(raw)
    if not isinstance(value, list):
        raise TypeError("a list column holds something else")
    return tuple(value)
