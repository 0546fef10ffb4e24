"""The inbox's tables: comments, mentions, quotes and reviews collected from the networks.

One row per item a network showed us, unique by ``(network, remote_id)`` so a second refresh
never stores it twice. An item the network no longer shows is marked ``deleted_at``, never
removed: what a person wrote about the clinic stays on record with what was answered.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clinicstudio.store.models import Base, Stamped, utcnow

ITEM_KINDS = ("comment", "reply", "mention", "quote", "review")
ITEM_STATES = ("new", "assigned", "answered", "done", "hidden")


class InboxItem(Stamped, Base):
    """Something a person wrote to or about the clinic on a network."""

    __tablename__ = "inbox_items"
    __table_args__ = (
        UniqueConstraint("network", "remote_id"),
        Index("ix_inbox_items_state_received", "state", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[str] = mapped_column(String(20))
    remote_id: Mapped[str] = mapped_column(String(300))
    # One of ITEM_KINDS.
    kind: Mapped[str] = mapped_column(String(10), default="comment")
    author_name: Mapped[str] = mapped_column(String(200), default="")
    author_handle: Mapped[str] = mapped_column(String(200), default="")
    author_id: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    # When the person wrote it (the network's time).
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The clinic's post it belongs to, when it answers one of ours.
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL"), index=True)
    remote_post_id: Mapped[str] = mapped_column(String(300), default="")
    # Its place in the thread: what it answers directly, and the thread's first post.
    parent_remote_id: Mapped[str] = mapped_column(String(300), default="")
    root_remote_id: Mapped[str] = mapped_column(String(300), default="")
    # Network facts a reply needs (Bluesky content ids, a review's story id ...).
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # One of ITEM_STATES.
    state: Mapped[str] = mapped_column(String(12), default="new")
    assigned_to: Mapped[str] = mapped_column(String(200), default="")
    # "", "negative" or "angry" (the offline tone check).
    tone: Mapped[str] = mapped_column(String(10), default="")
    deleted_at: Mapped[datetime | None] = mapped_column()
    hidden_at: Mapped[datetime | None] = mapped_column()
    answered_at: Mapped[datetime | None] = mapped_column()
    # The clinic's reply (a post of kind "reply" that goes out through the outbox).
    reply_post_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL"), index=True)

    notes: Mapped[list[InboxNote]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="InboxNote.id")


class InboxNote(Base):
    """An internal note on an item, for colleagues; never sent anywhere."""

    __tablename__ = "inbox_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("inbox_items.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[InboxItem] = relationship(back_populates="notes")
