"""Office-wide settings: a typed schema with defaults and a version, kept in the database.

They are shared by every desktop of the office (late-post policy, approvals), so they live with
the posts rather than in one computer's preferences. Window layout and theme are per desktop and
stay in the UI's own settings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.store.models import Setting, StaffUser

SCHEMA_VERSION = 1
KEY = "office"


class LatePolicy(StrEnum):
    """What to do with a post whose time passed while no ClinicStudio was running."""

    PUBLISH = "publish"  # send it as soon as possible
    HOLD = "hold"  # keep it and ask a person


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    version: int = SCHEMA_VERSION
    late_policy: LatePolicy = LatePolicy.HOLD
    # A post at most this late goes out anyway, whatever the policy says.
    grace_minutes: int = 15
    # When on, a post must be approved by an approver before it can be published or scheduled.
    # None means "not chosen": on once staff accounts exist, off in a one-person office.
    require_approval: bool | None = None
    # The person using this desktop, when the office does not set up staff accounts.
    default_actor: str = ""
    # The window asks who is at the desk again after this many idle minutes (0: never).
    idle_minutes: int = 15
    # A desk sign-in on the command line lasts this many hours.
    session_hours: int = 10


def load_settings(session: Session) -> OfficeSettings:
    row = session.get(Setting, KEY)
    if row is None or not isinstance(row.value, dict):
        return OfficeSettings()
    known = {f.name for f in fields(OfficeSettings)}
    values: dict[str, Any] = {k: v for k, v in row.value.items() if k in known}
    try:
        values["late_policy"] = LatePolicy(values.get("late_policy", LatePolicy.HOLD))
    except ValueError:
        values["late_policy"] = LatePolicy.HOLD
    values["version"] = SCHEMA_VERSION
    return OfficeSettings(**values)


def save_settings(session: Session, settings: OfficeSettings) -> None:
    value = asdict(settings)
    value["late_policy"] = str(settings.late_policy)
    row = session.get(Setting, KEY)
    if row is None:
        session.add(Setting(key=KEY, value=value))
    else:
        row.value = value


def has_staff(session: Session) -> bool:
    """Whether the office set up staff accounts (people who sign in with a passphrase)."""
    query = select(StaffUser.id).where(StaffUser.passphrase_hash != "").limit(1)
    return session.scalars(query).first() is not None


def approval_required(session: Session, settings: OfficeSettings | None = None) -> bool:
    """Whether posts need an approver's OK: the office's choice, else on once staff exist."""
    settings = settings or load_settings(session)
    if settings.require_approval is not None:
        return settings.require_approval
    return has_staff(session)
