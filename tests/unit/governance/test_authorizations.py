"""A patient story needs a linked, valid authorization that covers it; revoking one takes the
posts relying on it down from every network that allows deletion (loopback networks)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform, UserError
from clinicstudio.governance import approvals
from clinicstudio.governance.authorizations import (
    add_authorization,
    link,
    revoke,
    show_authorization,
)
from clinicstudio.governance.desk import Actor
from clinicstudio.governance.takedown import take_down
from clinicstudio.store.database import Database
from clinicstudio.store.media import import_image
from clinicstudio.store.models import MediaAsset
from clinicstudio.store.posts import PostDraft, create_post
from tests.helpers.publishing_setup import connect_accounts, running_fakes, square_photo
from tests.unit.governance.conftest import publisher_for

STORY = ("Patient spotlight: Maria Lopez is back to running after knee surgery with our "
         "physical therapy team! Shared with her written permission.")


@pytest.fixture
def every_network(db: Database, vault: SecretVault) -> Iterator[dict[Platform, Any]]:
    with running_fakes() as started:
        connect_accounts(db, vault, started)
        yield started


def story_post(db: Database, writer: Actor, photo: Path) -> int:
    with db.transaction() as session:
        image = import_image(session, db.media_dir, photo, alt_text="Maria on the track")[0]
        post, _ = create_post(session, PostDraft(body=STORY, networks=[p.value for p in Platform],
                                                 media_ids=[image.id],
                                                 author_id=writer.user_id), actor=writer.name)
        return post.id


def authorize(db: Database, actor: Actor, *, covers: list[str], signed: date,
              expires: date | None = None, form: Path | None = None) -> int:
    return add_authorization(db, person="Maria Lopez", covers=covers, networks=[],
                             signed_on=signed, expires_on=expires, form=form,
                             actor=actor.name).id


def test_a_story_goes_out_only_with_a_covering_authorization_and_comes_down_on_revocation(
        db: Database, vault: SecretVault, staff: dict[str, Actor],
        every_network: dict[Platform, Any], tmp_path: Path) -> None:
    ben, cleo = staff["Ben"], staff["Cleo"]
    post_id = story_post(db, ben, square_photo(tmp_path / "maria.jpg", (1080, 1080)))
    approvals.submit(db, post_id, ben)
    approvals.approve(db, post_id, cleo)
    publisher = publisher_for(db, vault, cleo)

    # The sentence about permission is not an authorization.
    report = publisher.publish_now(post_id)
    assert not report.ok
    assert {b.rule for b in report.blockers} == {"PHI-001"}
    assert "links no patient authorization" in report.blockers[0].plain
    assert all(not fake.published for fake in every_network.values())

    today = date.today()
    photo_only = authorize(db, cleo, covers=["photo"], signed=today)
    expired = authorize(db, cleo, covers=["name", "story"], signed=today - timedelta(days=400),
                        expires=today - timedelta(days=35))
    with db.transaction() as session:
        link(session, post_id, photo_only, actor="Ben")
        link(session, post_id, expired, actor="Ben")
    report = publisher.publish_now(post_id)
    assert not report.ok
    assert "does not cover the patient's name or story" in report.blockers[0].plain
    assert f"authorization {expired} (Maria Lopez) is expired" in report.blockers[0].plain

    form = tmp_path / "maria-authorization.pdf"
    form.write_bytes(b"%PDF-1.4 signed form")
    valid = authorize(db, cleo, covers=["name", "story", "photo"], signed=today, form=form)
    with db.transaction() as session:
        link(session, post_id, valid, actor="Ben")
    report = publisher.publish_now(post_id)
    assert report.ok, [o.line for o in report.outcomes]
    assert all(len(fake.published) == 1 for fake in every_network.values())
    with db.session() as session:  # the photo now carries the authorization's reference
        assert session.scalars(select(MediaAsset.consent_ref)).one() == \
            f"authorization {photo_only}"
    item, relying = show_authorization(db, valid)
    assert relying == [post_id] and (db.media_dir / item.form).read_bytes() == form.read_bytes()

    copies = revoke(db, valid, "Maria asked us to remove it.", actor=cleo.name)
    assert sorted(c[1] for c in copies) == sorted(p.value for p in Platform)
    results = {r.network: r for r in take_down(db, copies, vault, actor=cleo.name,
                                                reason="Maria asked us to remove it.")}
    for network in (Platform.BLUESKY, Platform.MASTODON, Platform.X, Platform.FACEBOOK,
                    Platform.LINKEDIN):
        assert results[network.value].done, results[network.value].message
        assert every_network[network].published == []
        assert len(every_network[network].deleted) == 1
    instagram = results[Platform.INSTAGRAM.value]
    assert not instagram.done and "Instagram app" in instagram.message
    assert len(every_network[Platform.INSTAGRAM].published) == 1
    # Taken-down copies are not listed again; the Instagram one still is.
    again = revoke(db, valid, "Maria asked us to remove it.", actor=cleo.name)
    assert [c[1] for c in again] == [Platform.INSTAGRAM.value]


def test_an_authorization_needs_a_known_use_and_sensible_dates(
        db: Database, staff: dict[str, Actor]) -> None:
    with pytest.raises(UserError, match="covers"):
        authorize(db, staff["Cleo"], covers=["everything"], signed=date.today())
    with pytest.raises(UserError, match="before the signing date"):
        authorize(db, staff["Cleo"], covers=["name"], signed=date.today(),
                  expires=date.today() - timedelta(days=1))
