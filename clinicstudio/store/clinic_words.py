"""The clinic's own words for the compliance checks, kept with the office's settings.

Two lists, shared by every desktop of the office: words that spelling must accept (the clinic's
brand, services, street and staff names) and first names that, alone, mean a member of staff
(the front desk known by first name). They live in the settings table under one key, so no
schema change is needed.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from clinicstudio.store.audit import record
from clinicstudio.store.clinic_quick import WORD_LISTS, WORDS_KEY
from clinicstudio.store.models import Setting

# Defined beside the quick reader, which must not import SQLAlchemy.
KEY, LISTS = WORDS_KEY, WORD_LISTS


def load_lists(session: Session) -> dict[str, tuple[str, ...]]:
    row = session.get(Setting, KEY)
    value = row.value if row is not None and isinstance(row.value, dict) else {}
    return {name: tuple(str(w) for w in value.get(name, []) if str(w).strip())
            for name in LISTS}


def add_words(session: Session, new: list[str], *, list_name: str = "words",
              actor: str = "") -> list[str]:
    """Add words to one list (case-insensitively unique); returns the ones actually added."""
    lists = {k: list(v) for k, v in load_lists(session).items()}
    known = {w.lower() for w in lists[list_name]}
    added = []
    for word in new:
        word = word.strip()
        if word and word.lower() not in known:
            lists[list_name].append(word)
            known.add(word.lower())
            added.append(word)
    _save(session, lists)
    if added:
        record(session, "clinic_words_added", actor=actor, list=list_name, words=added)
    return added


def remove_words(session: Session, gone: list[str], *, list_name: str = "words",
                 actor: str = "") -> list[str]:
    lists = {k: list(v) for k, v in load_lists(session).items()}
    drop = {w.strip().lower() for w in gone}
    removed = [w for w in lists[list_name] if w.lower() in drop]
    lists[list_name] = [w for w in lists[list_name] if w.lower() not in drop]
    _save(session, lists)
    if removed:
        record(session, "clinic_words_removed", actor=actor, list=list_name, words=removed)
    return removed


def _save(session: Session, lists: dict[str, list[str]]) -> None:
    row = session.get(Setting, KEY)
    if row is None:
        session.add(Setting(key=KEY, value=lists))
    else:
        row.value = lists
    session.flush()
