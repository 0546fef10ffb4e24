"""The composition root's services, without a window: review, overrides, saving, roles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clinicstudio import compliance, platforms
from clinicstudio.app import Studio
from clinicstudio.domain import Platform, Role
from clinicstudio.store.clinic import add_staff
from clinicstudio.store.database import Database
from clinicstudio.store.posts import EditConflict


@pytest.fixture
def studio(db: Database) -> Studio:
    studio = Studio(db, compliance=compliance, networks=platforms)
    studio.save_setup(name="Maple Grove Family Health", phones=["(555) 010-2000"], address="",
                      website="", staff=["Dana Whitfield"], time_zone="America/Chicago")
    return studio


def test_a_review_finds_the_patient_and_the_network_limits(studio: Studio) -> None:
    post, _ = studio.new_post("Mrs. Alvarez loved her knee replacement. " + "x" * 300)
    post = replace(post, networks=(Platform.FACEBOOK, Platform.X))
    rows = studio.review(post)
    assert any(r.network is None and r.finding.rule.startswith("PHI") for r in rows)
    assert any(r.network is Platform.X and r.finding.blocks for r in rows)  # over 280
    assert studio.review(post) == rows  # the same text is not checked twice


def test_an_override_lifts_exactly_that_wording(studio: Studio) -> None:
    post, _ = studio.new_post("Our new therapy cures back pain.")
    rows = studio.review(post)
    [claim] = studio.unresolved_blocks(post, rows, set())
    studio.override(post.id, claim.finding, claim.span_text(post),
                    "Quoted from the approved product label.")
    allowed = studio.overrides(post.id)
    assert studio.unresolved_blocks(post, rows, allowed) == []
    reworded = replace(post, body="Our new therapy cures neck pain and cures back pain.")
    assert studio.unresolved_blocks(reworded, studio.review(reworded), allowed) == []
    other = replace(post, body="This treatment will cure back pain.")
    assert [r.span_text(other) for r in studio.unresolved_blocks(
        other, studio.review(other), allowed)] == ["cure"]


def test_an_author_may_not_override(studio: Studio, db: Database) -> None:
    with db.transaction() as session:
        add_staff(session, "Sam Ortiz", role=Role.AUTHOR)
    studio.save_setup(name="Maple Grove Family Health", phones=[], address="", website="",
                      staff=["Sam Ortiz"], time_zone="America/Chicago")
    post, _ = studio.new_post("Our new therapy cures back pain.")
    [claim] = studio.unresolved_blocks(post, studio.review(post), set())
    with pytest.raises(PermissionError):
        studio.override(post.id, claim.finding, "cures", "Because I say so, honestly.")


def test_a_stale_copy_is_refused_and_nothing_is_lost(studio: Studio) -> None:
    post, _ = studio.new_post("First words")
    saved, changes = studio.save_post(replace(post, body="Second words"))
    assert changes.posts == {post.id} and saved.revision == post.revision + 1
    with pytest.raises(EditConflict):
        studio.save_post(replace(post, body="Typed on another desk"))
    assert studio.open_post(post.id).body == "Second words"
