"""Which schema versions this ClinicStudio knows, read from its migration files without Alembic.

Opening a database that is already up to date is the common case; knowing that it is needs only
the revision names, and importing Alembic (with its template and highlighting libraries) for
them cost a quarter of a second on every start. Alembic itself is loaded only to upgrade.
A test keeps this reading equal to Alembic's own.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_ASSIGNMENT = re.compile(
    r"""^(revision|down_revision)\s*(?::[^=]+)?=\s*(?:['"]([^'"]+)['"]|None)""", re.MULTILINE)


@cache
def revision_links() -> dict[str, str | None]:
    """Each known revision and the one it follows (None for the first)."""
    links: dict[str, str | None] = {}
    for script in sorted(VERSIONS.glob("*.py")):
        found = {key: value or None for key, value in
                 _ASSIGNMENT.findall(script.read_text(encoding="utf-8"))}
        if found.get("revision"):
            links[str(found["revision"])] = found.get("down_revision")
    return links


def known_revisions() -> set[str]:
    return set(revision_links())


def head_revision() -> str:
    """The newest revision: the one no other revision follows."""
    links = revision_links()
    followed = {down for down in links.values() if down}
    heads = [revision for revision in links if revision not in followed]
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must form one line; heads: {sorted(heads)}")
    return heads[0]
