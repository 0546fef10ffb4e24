"""The clinic's profile and staff, and the identity the compliance checks take as context."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.domain import ClinicIdentity, Role
from clinicstudio.store.audit import record
from clinicstudio.store.clinic_words import load_lists
from clinicstudio.store.models import ClinicProfile, StaffUser

PROFILE_FIELDS = ("name", "specialty", "phones", "emails", "websites", "addresses", "handles",
                  "time_zone")


def get_profile(session: Session) -> ClinicProfile | None:
    return session.scalars(select(ClinicProfile).order_by(ClinicProfile.id).limit(1)).first()


def save_profile(session: Session, *, actor: str = "", **fields: Any) -> ClinicProfile:
    """Create or update the clinic's profile with the given fields (see PROFILE_FIELDS)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown clinic profile fields: {sorted(unknown)}")
    profile = get_profile(session)
    if profile is None:
        profile = ClinicProfile(name=fields.get("name", ""))
        session.add(profile)
    for key, value in fields.items():
        setattr(profile, key, list(value) if isinstance(value, tuple) else value)
    session.flush()
    record(session, "clinic_profile_saved", actor=actor, fields=sorted(fields))
    return profile


def active_staff(session: Session) -> list[StaffUser]:
    query = select(StaffUser).where(StaffUser.active.is_(True)).order_by(StaffUser.name)
    return list(session.scalars(query))


def add_staff(session: Session, name: str, *, role: Role = Role.AUTHOR, email: str = "",
              title: str = "", actor: str = "") -> StaffUser:
    user = StaffUser(name=name, role=str(role), email=email, title=title)
    session.add(user)
    session.flush()
    record(session, "staff_added", actor=actor, name=name, role=str(role))
    return user


def clinic_identity(session: Session) -> ClinicIdentity:
    """The clinic's own public details, for the compliance checks."""
    profile = get_profile(session)
    staff = tuple(user.name for user in active_staff(session))
    lists = load_lists(session)
    if profile is None:
        return ClinicIdentity(staff=staff, **lists)
    return ClinicIdentity(
        name=profile.name,
        phones=tuple(profile.phones),
        emails=tuple(profile.emails),
        websites=tuple(profile.websites),
        addresses=tuple(profile.addresses),
        staff=staff,
        handles=tuple(profile.handles),
        time_zone=profile.time_zone,
        **lists,
    )
