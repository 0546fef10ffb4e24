"""Fixed versions of pictures keep the original, and who a face is is asked once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from clinicstudio.domain import UserError
from clinicstudio.store.media import import_image, stored_path
from clinicstudio.store.media_versions import person_roles, save_fixed_version, set_person_role
from clinicstudio.store.models import AuditEvent, MediaAsset, Post, PostMedia


def _png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


def test_a_fixed_version_replaces_the_original_on_the_post_only(db, tmp_path: Path) -> None:
    source = tmp_path / "staff day.png"
    source.write_bytes(_png((200, 10, 10)))
    with db.transaction() as session:
        original, _ = import_image(session, db.media_dir, source, alt_text="Our team",
                                   consent_ref="AUTH-7")
        post = Post(title="Team", body="Our team")
        session.add(post)
        session.flush()
        session.add(PostMedia(post_id=post.id, media_id=original.id, position=0))
        post_id, original_id = post.id, original.id
    with db.transaction() as session:
        version, changes = save_fixed_version(session, db.media_dir, post_id, original_id,
                                              _png((10, 10, 10)), "image/png", what="blur")
        version_id = version.id
    assert post_id in changes.posts and changes.media
    with db.session() as session:
        links = session.scalars(select(PostMedia).where(PostMedia.post_id == post_id)).all()
        assert [link.media_id for link in links] == [version_id]
        version = session.get(MediaAsset, version_id)
        original = session.get(MediaAsset, original_id)
        assert version.derived_from_id == original_id
        assert (version.alt_text, version.consent_ref) == ("Our team", "AUTH-7")
        assert version.original_name == "staff day-fixed.png"
        assert stored_path(db.media_dir, original).read_bytes() == source.read_bytes()
        actions = session.scalars(select(AuditEvent.action)).all()
        assert "media_fixed" in actions


def test_fixing_a_picture_the_post_no_longer_has_is_refused(db, tmp_path: Path) -> None:
    source = tmp_path / "a.png"
    source.write_bytes(_png((1, 2, 3)))
    with db.transaction() as session:
        asset, _ = import_image(session, db.media_dir, source)
        post = Post(title="x", body="x")
        session.add(post)
        session.flush()
        with pytest.raises(UserError, match="no longer attached"):
            save_fixed_version(session, db.media_dir, post.id, asset.id, _png((0, 0, 0)),
                               "image/png", what="blur")


def test_who_each_face_is_is_remembered(db, tmp_path: Path) -> None:
    source = tmp_path / "b.png"
    source.write_bytes(_png((9, 9, 9)))
    with db.transaction() as session:
        asset, _ = import_image(session, db.media_dir, source)
        media_id = asset.id
        assert person_roles(session, media_id) == ()
        set_person_role(session, media_id, 1, "patient")
    with db.transaction() as session:
        assert person_roles(session, media_id) == ("", "patient")
        set_person_role(session, media_id, 1, "staff")
        set_person_role(session, media_id, 0, "model")
    with db.session() as session:
        assert person_roles(session, media_id) == ("model", "staff")
    with db.transaction() as session, pytest.raises(UserError, match="staff, a patient or a"):
        set_person_role(session, media_id, 0, "visitor")
