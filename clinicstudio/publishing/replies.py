"""Where a reply goes: the comment, mention or review it answers, from the inbox.

A post of kind "reply" is sent only as an answer in the network's thread. Without an inbox
item to answer it is refused, so a reply can never appear in the feed as a new public post.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.domain import UserError
from clinicstudio.platforms.api.base import ReplyTarget
from clinicstudio.store.inbox_tables import InboxItem
from clinicstudio.store.models import Post

NO_TARGET = ("This reply has nothing to answer, so it was not sent: a reply never goes out as a "
             "new post. Answer the comment or review from the Inbox instead.")


def target_item(session: Session, post_id: int) -> InboxItem | None:
    query = select(InboxItem).where(InboxItem.reply_post_id == post_id).limit(1)
    return session.scalars(query).first()


def reply_target_for(session: Session, post: Post, network: str) -> ReplyTarget | None:
    """The thread place a reply post answers on ``network``; None for an ordinary post.

    Raises :class:`UserError` for a reply with no item to answer (or one on another network).
    """
    if post.kind != "reply":
        return None
    item = target_item(session, post.id)
    if item is None or item.network != network:
        raise UserError(NO_TARGET)
    return ReplyTarget(remote_id=item.remote_id, root_id=item.root_remote_id,
                       post_id=item.remote_post_id, details=dict(item.details or {}))
