"""Answering an inbox item: checked with the comment as context, sent once through the outbox.

The reply becomes a post of kind "reply" linked to the item (``reply_post_id``), so it goes
through the same outbox, idempotency keys, approval rule and compliance gate as any post, and
can only ever be sent as an answer in the item's thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from clinicstudio.domain import Finding, PostStatus, UserError
from clinicstudio.inbox.items import get_item, set_state
from clinicstudio.settings import load_settings
from clinicstudio.store.audit import record
from clinicstudio.store.clinic import clinic_identity
from clinicstudio.store.inbox_tables import InboxItem
from clinicstudio.store.models import Post
from clinicstudio.store.posts import PostDraft, create_post, update_post

UNSENT = {PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.FAILED}


@dataclass
class ReplyOutcome:
    """What became of an answer: blocked by a check, waiting for approval, sent or failed."""

    item_id: int
    findings: list[Finding] = field(default_factory=list)
    blocked: bool = False
    waiting_approval: bool = False
    sent: bool = False
    post_id: int | None = None
    url: str = ""
    message: str = ""


def check_reply(session: Session, checker_factory: Any, item: InboxItem, text: str) -> Any:
    """The compliance result for ``text`` as an answer to ``item`` (its text is the context)."""
    checker = checker_factory(clinic_identity(session))
    return checker.check(text, kind="reply", reply_to=item.text)


def prepare_reply(session: Session, item_id: int, text: str, actor: str = "") -> Post:
    """The reply post for ``item_id`` with ``text``: a new one, or the unsent one reused.

    Reusing keeps its outbox row and idempotency key, so a retried answer is never sent twice.
    """
    if not text.strip():
        raise UserError("The reply is empty; write a few words (or pick a template).")
    item = get_item(session, item_id)
    check_answerable(session, item)
    draft = PostDraft(body=text.strip(), title=f"Reply to {item.author_name}"[:200],
                      networks=[item.network], kind="reply", reply_context=item.text)
    if item.reply_post_id is not None:
        existing = session.get(Post, item.reply_post_id)
        if existing is not None and PostStatus(existing.status) not in UNSENT:
            raise UserError(f"Item {item.id} has already been answered (post "
                            f"{existing.id}); see `clinicstudio posts show {existing.id}`.")
        if existing is not None:
            post, _ = update_post(session, existing.id, draft, actor=actor)
            return post
    post, _ = create_post(session, draft, actor=actor)
    item.reply_post_id = post.id
    if item.state == "new":
        item.state = "assigned" if item.assigned_to else "new"
    record(session, "inbox_reply_written", actor=actor, item_id=item.id, post_id=post.id)
    return post


def check_answerable(session: Session, item: InboxItem) -> None:
    """Refuse, in plain words, an item that can no longer be answered."""
    if item.deleted_at is not None:
        raise UserError("This comment was removed on the network, so there is nothing to "
                        "answer any more.")
    if item.hidden_at is not None:
        raise UserError("This comment is hidden; it cannot be answered.")
    if item.state == "answered" and item.reply_post_id is None:
        raise UserError(f"Item {item.id} has already been answered.")


def may_send_without_review(session: Session, actor: str) -> bool:
    """Whether an answer may go out now: no approvals asked for, or an approver is sending."""
    from sqlalchemy import select

    from clinicstudio.domain import Role
    from clinicstudio.store.models import StaffUser

    if not load_settings(session).require_approval:
        return True
    user = session.scalars(select(StaffUser).where(StaffUser.name == actor)).first()
    return user is not None and Role(user.role) is not Role.AUTHOR


def hold_for_approval(session: Session, post: Post) -> bool:
    """Put the reply up for approval when the office asks for it; True when it must wait."""
    settings = load_settings(session)
    if settings.require_approval and post.status in (PostStatus.DRAFT, PostStatus.FAILED):
        post.status = str(PostStatus.IN_REVIEW)
        return True
    return settings.require_approval and post.status == PostStatus.IN_REVIEW


def mark_answered(session: Session, item_id: int, actor: str = "") -> None:
    item = get_item(session, item_id)
    if item.state != "answered":
        set_state(session, item, "answered", actor)
    item.answered_at = item.answered_at or datetime.now(UTC)
