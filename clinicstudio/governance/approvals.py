"""The review of a post: submit, approve, reject with comments, and what waits for whom.

Four eyes: nobody approves a post they wrote or changed (the audit log says who did), writers
never approve, and an approval covers exactly the content approved (its fingerprint). A post of
a repeating series may be approved on its own, or, with ``whole_series``, for every occurrence
that keeps the approved wording; an occurrence changed on its own needs its own approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.domain import Changes, PostStatus, UserError
from clinicstudio.governance.desk import Actor
from clinicstudio.governance.policy import policy_refusal
from clinicstudio.settings import has_staff
from clinicstudio.store.audit import events_for_post, record
from clinicstudio.store.database import Database
from clinicstudio.store.fingerprint import content_fingerprint
from clinicstudio.store.models import Post, PostReview, PostSeries, StaffUser
from clinicstudio.store.posts import get_post, set_status

WRITING_EVENTS = {"post_created", "post_edited", "post_duplicated"}


@dataclass(frozen=True, slots=True)
class ReviewNote:
    action: str
    user_name: str
    note: str
    at: datetime


def _wrote(session: Session, post: Post, person: Actor) -> bool:
    if person.user_id is not None and post.author_id == person.user_id:
        return True
    return any(e.action in WRITING_EVENTS and e.actor == person.name
               for e in events_for_post(session, post.id))


def _may_review(session: Session, person: Actor) -> None:
    if not person.role.may_approve:
        raise UserError(f"{person.name} is a writer; only an approver or an administrator can "
                        "approve or reject posts.")
    refusal = policy_refusal(session, person) if has_staff(session) else None
    if refusal:
        raise UserError(refusal)


def _note(session: Session, post: Post, action: str, person: Actor, note: str) -> None:
    session.add(PostReview(post_id=post.id, action=action, user_name=person.name, note=note,
                           revision=post.revision))


def submit(db: Database, post_id: int, person: Actor, note: str = "") -> Changes:
    """The writer asks for an approver's OK."""
    with db.transaction() as session:
        if has_staff(session):
            refusal = policy_refusal(session, person)
            if refusal:
                raise UserError(refusal)
        post = get_post(session, post_id)
        if PostStatus(post.status) not in (PostStatus.DRAFT, PostStatus.FAILED,
                                           PostStatus.IN_REVIEW):
            raise UserError(f"Post {post_id} is {PostStatus(post.status).label.lower()}; only a "
                            "draft can be submitted for approval.")
        set_status(session, post_id, PostStatus.IN_REVIEW, actor=person.name)
        _note(session, post, "submit", person, note.strip())
        record(session, "post_submitted", actor=person.name, post_id=post_id, note=note.strip())
    return Changes(posts=frozenset({post_id}))


def approve(db: Database, post_id: int, person: Actor, note: str = "", *,
            whole_series: bool = False, now: datetime | None = None) -> Changes:
    """An approver approves; a post with a future date becomes scheduled at once."""
    now = now or datetime.now(UTC)
    with db.transaction() as session:
        _may_review(session, person)
        post = get_post(session, post_id)
        status = PostStatus(post.status)
        unapproved_plan = status in (PostStatus.APPROVED, PostStatus.SCHEDULED) \
            and post.approved_hash != content_fingerprint(post)
        if status not in (PostStatus.IN_REVIEW, PostStatus.DRAFT, PostStatus.FAILED) \
                and not unapproved_plan:
            raise UserError(f"Post {post_id} is {status.label.lower()}; there is nothing to "
                            "approve.")
        if person.signed_in and _wrote(session, post, person):
            raise UserError("You wrote or changed this post, so another approver must approve "
                            "it (four eyes).")
        set_status(session, post_id, PostStatus.APPROVED, actor=person.name)
        if post.scheduled_at is not None and post.scheduled_at > now:
            set_status(session, post_id, PostStatus.SCHEDULED, actor=person.name)
        fingerprint = content_fingerprint(post)
        if whole_series:
            if post.series_id is None:
                raise UserError(f"Post {post_id} is not part of a repeating series.")
            series = session.get(PostSeries, post.series_id)
            assert series is not None
            series.approved_hash = fingerprint
        _note(session, post, "approve", person, note.strip())
        record(session, "post_approved", actor=person.name, post_id=post_id, note=note.strip(),
               fingerprint=fingerprint, whole_series=whole_series)
    return Changes(posts=frozenset({post_id}))


def reject(db: Database, post_id: int, person: Actor, note: str) -> Changes:
    """Back to the writer as a draft, with the approver's comments."""
    if len(note.strip()) < 3:
        raise UserError("Say what needs to change (--note \"...\"), so the writer knows.")
    with db.transaction() as session:
        _may_review(session, person)
        post = get_post(session, post_id)
        if PostStatus(post.status) not in (PostStatus.IN_REVIEW, PostStatus.APPROVED,
                                           PostStatus.SCHEDULED):
            raise UserError(f"Post {post_id} is not waiting for approval.")
        set_status(session, post_id, PostStatus.DRAFT, actor=person.name)
        _note(session, post, "reject", person, note.strip())
        record(session, "post_rejected", actor=person.name, post_id=post_id, note=note.strip())
    return Changes(posts=frozenset({post_id}))


def comment(db: Database, post_id: int, person: Actor, note: str) -> Changes:
    if not note.strip():
        raise UserError("A comment needs some text.")
    with db.transaction() as session:
        post = get_post(session, post_id)
        _note(session, post, "comment", person, note.strip())
        record(session, "post_commented", actor=person.name, post_id=post_id, note=note.strip())
    return Changes(posts=frozenset({post_id}))


def thread(db: Database, post_id: int) -> list[ReviewNote]:
    """The post's review steps and comments, oldest first."""
    with db.session() as session:
        rows = session.scalars(select(PostReview).where(PostReview.post_id == post_id)
                               .order_by(PostReview.at, PostReview.id))
        return [ReviewNote(r.action, r.user_name, r.note, r.at) for r in rows]


def waiting_for_approval(db: Database) -> list[tuple[int, str, str]]:
    """Posts in review: (id, title, who submitted), oldest first."""
    with db.session() as session:
        posts = session.scalars(select(Post).where(Post.status == str(PostStatus.IN_REVIEW))
                                .order_by(Post.updated_at, Post.id))
        names = {u.id: u.name for u in session.scalars(select(StaffUser))}
        return [(p.id, p.title, names.get(p.author_id or -1, "")) for p in posts]
