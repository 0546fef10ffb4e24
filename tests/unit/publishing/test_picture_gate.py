"""The publish gate reads the post's pictures: a schedule in the picture stops the post, and the
blurred version that replaces it goes out instead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clinicstudio.accounts import SecretVault
from clinicstudio.compliance import Checker
from clinicstudio.domain import Platform, PostStatus
from clinicstudio.photos.covering import fixed_picture
from clinicstudio.photos.inspection import PhotoInspector
from clinicstudio.publishing import Publisher, record_override
from clinicstudio.store.database import Database
from clinicstudio.store.media_versions import save_fixed_version
from clinicstudio.store.models import Post
from tests.helpers.photo_samples import sample
from tests.helpers.publishing_setup import add_post

TEXT = "A busy Monday at the front desk!"


def test_a_schedule_in_the_picture_blocks_until_it_is_blurred(
        db: Database, fakes: dict[Platform, Any], vault: SecretVault, tmp_path: Path) -> None:
    publisher = Publisher(db, vault=vault, checker_factory=Checker, inline_wait=3.0,
                          retry_base=0.2)
    board = tmp_path / "front desk.jpg"
    board.write_bytes(sample(0).data)
    post_id = add_post(db, TEXT, [Platform.MASTODON], images=[board])

    report = publisher.publish_now(post_id)

    assert report.status is PostStatus.FAILED
    assert "Fix the picture" in report.outcomes[0].message
    assert fakes[Platform.MASTODON].published == []

    with db.transaction() as session:
        post = session.get(Post, post_id)
        original = post.media_links[0].media
        findings = PhotoInspector(Checker()).inspect(board.read_bytes(), 0).findings
        boxes = [f.region.box for f in findings if f.blocks]
        data, mime = fixed_picture(board.read_bytes(), boxes, "blur")
        save_fixed_version(session, db.media_dir, post_id, original.id, data, mime,
                           what="blurred the names")

    assert publisher.publish_now(post_id).status is PostStatus.PUBLISHED
    assert len(fakes[Platform.MASTODON].published) == 1


def test_an_approver_can_override_one_picture_finding(
        db: Database, fakes: dict[Platform, Any], vault: SecretVault, tmp_path: Path) -> None:
    from PIL import Image
    from skimage import data as skdata

    publisher = Publisher(db, vault=vault, checker_factory=Checker, inline_wait=3.0,
                          retry_base=0.2)
    portrait = tmp_path / "volunteer.png"
    Image.fromarray(skdata.astronaut()).save(portrait)
    post_id = add_post(db, TEXT, [Platform.MASTODON], images=[portrait])
    report = publisher.publish_now(post_id)
    assert [b.rule for b in report.blockers] == ["PHI-006"]
    with db.transaction() as session:
        record_override(session, post_id, "PHI-006", report.blockers[0].span_text,
                        "She is our volunteer and signed the photo release", "Dana Ortiz")
    assert publisher.publish_now(post_id).status is PostStatus.PUBLISHED
