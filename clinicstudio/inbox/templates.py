"""Safe reply templates: shipped wording, the clinic's own changes, filled with its details.

The shipped set lives in ``resources/inbox/reply_templates.toml``; a clinic's edits are kept in
the office settings table (key ``inbox_templates``) so every desktop of the office shares them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from clinicstudio.domain import ClinicIdentity, UserError
from clinicstudio.resources import resource_path
from clinicstudio.store.audit import record
from clinicstudio.store.models import Setting

KEY = "inbox_templates"


@dataclass(frozen=True)
class ReplyTemplate:
    key: str
    title: str
    wording: str  # with {phone} and {clinic} placeholders
    edited: bool = False

    def filled(self, clinic: ClinicIdentity) -> str:
        phone = clinic.phones[0] if clinic.phones else "our main number"
        return self.wording.replace("{phone}", phone).replace(
            "{clinic}", clinic.name or "our clinic")


@cache
def shipped_templates() -> tuple[ReplyTemplate, ...]:
    with open(resource_path("inbox", "reply_templates.toml"), "rb") as handle:
        data = tomllib.load(handle)
    return tuple(ReplyTemplate(t["key"], t["title"], " ".join(t["text"].split()))
                 for t in data["template"])


def _edits(session: Session) -> dict[str, Any]:
    row = session.get(Setting, KEY)
    return dict(row.value) if row is not None and isinstance(row.value, dict) else {}


def reply_templates(session: Session) -> list[ReplyTemplate]:
    """The templates as this clinic uses them (its own wording where it changed one)."""
    edits = _edits(session)
    return [ReplyTemplate(t.key, t.title, str(edits[t.key]), True) if t.key in edits else t
            for t in shipped_templates()]


def save_template(session: Session, key: str, wording: str, actor: str = "") -> None:
    """Keep the clinic's wording for template ``key`` (empty wording goes back to ours)."""
    if key not in {t.key for t in shipped_templates()}:
        raise UserError(f"There is no reply template called “{key}”.")
    edits = _edits(session)
    if wording.strip():
        edits[key] = " ".join(wording.split())
    else:
        edits.pop(key, None)
    row = session.get(Setting, KEY)
    if row is None:
        session.add(Setting(key=KEY, value=edits))
    else:
        row.value = edits
    record(session, "inbox_template_saved", actor=actor, template=key)
