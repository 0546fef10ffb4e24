"""Fixed versions of pictures and who the people in them are.

A fix (faces or text blurred) is stored as a new picture in the library that points at its
original; the post is re-attached to the new version, and the original stays in the library
for the clinic, never uploaded. Who a face is (staff, a patient or a model) is asked once per
picture and face and kept here.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.domain import Changes, UserError
from clinicstudio.store.audit import record
from clinicstudio.store.media import import_image
from clinicstudio.store.models import MediaAsset, MediaPerson, PostMedia

ROLES = ("staff", "patient", "model")
_SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png"}


def save_fixed_version(session: Session, media_dir: Path, post_id: int, original_id: int,
                       data: bytes, mime: str, *, what: str, actor: str = ""
                       ) -> tuple[MediaAsset, Changes]:
    """Store ``data`` as a new version of picture ``original_id`` and attach it to the post in
    the original's place (same position). ``what`` says what was fixed, for the audit log."""
    original = session.get(MediaAsset, original_id)
    if original is None:
        raise UserError(f"Image number {original_id} is not in the media library.")
    link = session.get(PostMedia, (post_id, original_id))
    if link is None:
        raise UserError("That picture is no longer attached to this post.")
    stem = Path(original.original_name or "picture").stem
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{stem}-fixed{_SUFFIX.get(mime, '.png')}"
        source.write_bytes(data)
        version, _ = import_image(session, media_dir, source, alt_text=original.alt_text,
                                  consent_ref=original.consent_ref, actor=actor)
    if version.id != original.id:
        version.derived_from_id = original.id
        position = link.position
        session.delete(link)
        session.flush()
        if session.get(PostMedia, (post_id, version.id)) is None:
            session.add(PostMedia(post_id=post_id, media_id=version.id, position=position))
    record(session, "media_fixed", actor=actor, post_id=post_id, media_id=version.id,
           original_id=original.id, what=what)
    return version, Changes(media=True, posts=frozenset({post_id}))


def set_person_role(session: Session, media_id: int, face: int, role: str,
                    actor: str = "") -> Changes:
    if role not in ROLES:
        raise UserError(f"A person in a picture is staff, a patient or a model, not “{role}”.")
    person = session.get(MediaPerson, (media_id, face))
    if person is None:
        session.add(MediaPerson(media_id=media_id, face=face, role=role))
    else:
        person.role = role
    record(session, "media_person_named", actor=actor, media_id=media_id, face=face, role=role)
    return Changes(media=True)


def person_roles(session: Session, media_id: int) -> tuple[str, ...]:
    """Per face (from 0), "staff", "patient", "model" or "" where nobody has said."""
    rows = session.execute(select(MediaPerson.face, MediaPerson.role).where(
        MediaPerson.media_id == media_id)).all()
    if not rows:
        return ()
    roles = [""] * (max(face for face, _ in rows) + 1)
    for face, role in rows:
        roles[face] = role
    return tuple(roles)
