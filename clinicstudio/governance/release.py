"""The one gate between a post and the networks: may it go out, and may this person send it?

Publish now (window and ``clinicstudio publish``), ``publish-due``, the window's scheduler and
scheduling a post all ask :func:`release_refusal` inside the transaction that starts the
publication, so no path can skip it. ``person`` is who asks; ``None`` is the scheduler acting on
its own, which needs no rights but is held to the approval rule like everybody else.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from clinicstudio.governance.desk import SIGN_IN_FIRST, Actor
from clinicstudio.governance.policy import policy_refusal
from clinicstudio.settings import approval_required, has_staff
from clinicstudio.store.fingerprint import content_fingerprint
from clinicstudio.store.models import Post, PostSeries

NEEDS_APPROVAL = "This post needs an approver's OK before it can be published."
CHANGED = ("This post was changed after it was approved, so it needs an approver's OK again "
           "before it can be published.")


def is_approved(session: Session, post: Post) -> bool:
    """Approved exactly as it is now: on its own, or as part of a series approved as a whole."""
    fingerprint = content_fingerprint(post)
    if post.approved_hash == fingerprint:
        return True
    if post.series_id is not None:
        series = session.get(PostSeries, post.series_id)
        return series is not None and series.approved_hash == fingerprint
    return False


def person_refusal(session: Session, person: Actor | None) -> str | None:
    """Why ``person`` may not publish or schedule anything (None: they may)."""
    if person is None or not has_staff(session):
        return None
    if not person.signed_in:
        return SIGN_IN_FIRST
    if not person.role.may_approve:
        return (f"{person.name} is a writer; writers cannot publish or schedule posts. Submit "
                "it for approval and an approver will take it from there.")
    return policy_refusal(session, person)


def release_refusal(session: Session, post: Post, person: Actor | None) -> str | None:
    """Why ``post`` may not go out now at ``person``'s request (None: it may)."""
    refusal = person_refusal(session, person)
    if refusal:
        return refusal
    if approval_required(session) and not is_approved(session, post):
        return CHANGED if post.approved_hash else NEEDS_APPROVAL
    return None
