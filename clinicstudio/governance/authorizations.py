"""The register of patient authorizations, and whether a post is covered by one.

An authorization belongs to one person and covers some uses (name, story, photo, video,
testimonial) on some networks (none listed: every network), from the day it was signed until it
expires or is revoked. The scanned form is copied into the clinic's media folder. Authorizations
are never deleted: a revoked one stays in the register with who revoked it and why.

The publish gate (:mod:`clinicstudio.publishing.gate`) asks :func:`coverage_problem` for every
finding that concerns a patient (see :data:`PATIENT_RULES`).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.domain import Platform, UserError
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database
from clinicstudio.store.models import (
    OutboxEntry,
    PatientAuthorization,
    Post,
    PostAuthorization,
    utcnow,
)

USES = ("name", "story", "photo", "video", "testimonial")

#: The checks whose findings concern a patient, and the uses an authorization must cover for
#: each (any one of them is enough: a named story is covered by "name" or "story").
PATIENT_RULES: dict[str, tuple[str, ...]] = {
    "PHI-001": ("name", "story"),
    "PHI-006": ("photo", "video"),
    "PHI-007": ("story", "photo", "video"),
    "PHI-010": ("story",),
    "CLM-005": ("testimonial",),
    "CLM-008": ("testimonial", "photo"),
}


@dataclass(frozen=True, slots=True)
class Authorization:
    id: int
    person: str
    covers: tuple[str, ...]
    networks: tuple[str, ...]
    signed_on: date
    expires_on: date | None
    revoked_at: datetime | None
    revoke_reason: str
    form: str
    notes: str

    def state(self, today: date) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_on is not None and self.expires_on < today:
            return "expired"
        if self.signed_on > today:
            return "not yet signed"
        return "valid"


def _view(row: PatientAuthorization) -> Authorization:
    return Authorization(row.id, row.person, tuple(row.covers or ()), tuple(row.networks or ()),
                         row.signed_on, row.expires_on, row.revoked_at, row.revoke_reason,
                         row.form_stored_name, row.notes)


def _uses(covers: list[str]) -> list[str]:
    cleaned = [c.strip().lower() for c in covers if c.strip()]
    unknown = [c for c in cleaned if c not in USES]
    if unknown or not cleaned:
        raise UserError(f"Say what the authorization covers: one or more of {', '.join(USES)}.")
    return sorted(set(cleaned), key=USES.index)


def _networks(networks: list[str]) -> list[str]:
    try:
        return sorted({Platform(n.strip().lower()).value for n in networks if n.strip()})
    except ValueError:
        raise UserError("Unknown network; use " + ", ".join(p.value for p in Platform)
                        + ".") from None


def _store_form(media_dir: Path, source: Path) -> str:
    """Copy the scanned form into the media folder under its content hash."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read the scanned form {source}: {exc.strerror}.") from exc
    name = f"authorization-{hashlib.sha256(data).hexdigest()[:24]}{source.suffix.lower()}"
    media_dir.mkdir(parents=True, exist_ok=True)
    target = media_dir / name
    if not target.exists():
        temporary = target.with_suffix(target.suffix + ".part")
        shutil.copyfile(source, temporary)
        temporary.replace(target)
    return name


def add_authorization(db: Database, *, person: str, covers: list[str], networks: list[str],
                      signed_on: date, expires_on: date | None, form: Path | None,
                      notes: str = "", actor: str) -> Authorization:
    if not person.strip():
        raise UserError("Give the patient's name as it is on the signed form.")
    if expires_on is not None and expires_on < signed_on:
        raise UserError("The expiry date is before the signing date; check both.")
    uses, nets = _uses(covers), _networks(networks)
    stored = _store_form(db.media_dir, form) if form is not None else ""
    with db.transaction() as session:
        row = PatientAuthorization(person=person.strip(), covers=uses, networks=nets,
                                   signed_on=signed_on, expires_on=expires_on,
                                   form_stored_name=stored,
                                   form_original_name=form.name if form else "",
                                   notes=notes.strip(), created_by=actor, revoked_by="",
                                   revoke_reason="")
        session.add(row)
        session.flush()
        # The name stays out of the log line's detail as little as possible: the register has it.
        record(session, "authorization_added", actor=actor, authorization=row.id, covers=uses,
               networks=nets, signed_on=signed_on.isoformat(),
               expires_on=expires_on.isoformat() if expires_on else None)
        return _view(row)


def get_authorization(session: Session, authorization_id: int) -> PatientAuthorization:
    row = session.get(PatientAuthorization, authorization_id)
    if row is None:
        raise UserError(f"There is no authorization number {authorization_id}; see "
                        "`clinicstudio consents list`.")
    return row


def list_authorizations(db: Database) -> list[Authorization]:
    with db.session() as session:
        rows = session.scalars(select(PatientAuthorization).order_by(PatientAuthorization.id))
        return [_view(r) for r in rows]


def show_authorization(db: Database, authorization_id: int) -> tuple[Authorization, list[int]]:
    """The authorization and the posts that rely on it."""
    with db.session() as session:
        row = get_authorization(session, authorization_id)
        return _view(row), posts_relying_on(session, authorization_id)


def posts_relying_on(session: Session, authorization_id: int) -> list[int]:
    query = select(PostAuthorization.post_id).where(
        PostAuthorization.authorization_id == authorization_id).order_by(PostAuthorization.post_id)
    return list(session.scalars(query))


def link(session: Session, post_id: int, authorization_id: int, *, actor: str) -> None:
    """``post_id`` relies on the authorization (in the caller's transaction)."""
    authorization = get_authorization(session, authorization_id)
    post = session.get(Post, post_id)
    if post is None:
        raise UserError(f"There is no post number {post_id}.")
    if session.get(PostAuthorization, (post_id, authorization_id)) is None:
        session.add(PostAuthorization(post_id=post_id, authorization_id=authorization_id))
        record(session, "authorization_linked", actor=actor, post_id=post_id,
               authorization=authorization_id)
    if {"photo", "video"} & set(authorization.covers or ()):
        # The post's pictures now carry the reference the image check looks for.
        for media_link in post.media_links:
            if not media_link.media.consent_ref:
                media_link.media.consent_ref = f"authorization {authorization_id}"


def unlink(session: Session, post_id: int, authorization_id: int, *, actor: str) -> None:
    row = session.get(PostAuthorization, (post_id, authorization_id))
    if row is not None:
        session.delete(row)
        record(session, "authorization_unlinked", actor=actor, post_id=post_id,
               authorization=authorization_id)


def linked(session: Session, post_id: int) -> list[Authorization]:
    query = (select(PatientAuthorization).join(
        PostAuthorization, PostAuthorization.authorization_id == PatientAuthorization.id)
        .where(PostAuthorization.post_id == post_id).order_by(PatientAuthorization.id))
    return [_view(r) for r in session.scalars(query)]


def coverage_problem(found: list[Authorization], rule: str, network: str,
                     today: date) -> str | None:
    """Why the linked authorizations do not cover a patient finding (None: one does)."""
    needed = PATIENT_RULES[rule]
    wanted = " or ".join(needed)
    if not found:
        return (f"it shows a patient's {wanted} and links no patient authorization. Link the "
                "signed authorization (Clinic › Authorizations, or `posts add --consent ID`), "
                "or take the patient out of the post.")
    problems = []
    for item in found:
        state = item.state(today)
        if state != "valid":
            problems.append(f"authorization {item.id} ({item.person}) is {state}")
        elif not set(needed) & set(item.covers):
            problems.append(f"authorization {item.id} ({item.person}) does not cover the "
                            f"patient's {wanted}")
        elif item.networks and network not in item.networks:
            problems.append(f"authorization {item.id} ({item.person}) does not allow "
                            f"{Platform(network).label}")
        else:
            return None
    return "; ".join(problems) + ". A valid authorization that covers it is needed."


def revoke(db: Database, authorization_id: int, reason: str, *,
           actor: str) -> list[tuple[int, str, str, str]]:
    """Revoke it; returns the published copies relying on it: (post, network, remote id, url)."""
    if len(reason.strip()) < 3:
        raise UserError("Say why the authorization is revoked (--reason \"...\").")
    with db.transaction() as session:
        row = get_authorization(session, authorization_id)
        if row.revoked_at is None:
            row.revoked_at, row.revoked_by, row.revoke_reason = utcnow(), actor, reason.strip()
            record(session, "authorization_revoked", actor=actor, authorization=row.id,
                   reason=reason.strip())
        return published_copies(session, posts_relying_on(session, authorization_id))


def published_copies(session: Session, post_ids: list[int]) -> list[tuple[int, str, str, str]]:
    if not post_ids:
        return []
    query = (select(OutboxEntry).where(OutboxEntry.post_id.in_(post_ids),
                                       OutboxEntry.state == "sent",
                                       OutboxEntry.taken_down_at.is_(None))
             .order_by(OutboxEntry.post_id, OutboxEntry.network))
    return [(e.post_id, e.network, e.remote_id, e.remote_url) for e in session.scalars(query)]

