"""Operations on inbox items, inside the caller's session: store what a network showed, list,
assign, note, and move items between states. Each state change is written to the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session, selectinload

from clinicstudio.domain import Platform, UserError
from clinicstudio.platforms.api.incoming import Collected, IncomingItem
from clinicstudio.store.audit import record
from clinicstudio.store.inbox_tables import ITEM_STATES, InboxItem, InboxNote

# Unanswered first: new, then assigned; answered, done and hidden after them.
_STATE_ORDER = case({"new": 0, "assigned": 1, "answered": 2, "done": 3, "hidden": 4},
                    value=InboxItem.state, else_=5)


@dataclass
class StoredCount:
    """What one network's harvest changed in the database."""

    new: list[int] = field(default_factory=list)
    updated: int = 0
    deleted: int = 0


def store_collected(session: Session, network: str, collected: Collected,
                    post_ids: dict[str, int], tone: Any = None,
                    now: datetime | None = None) -> StoredCount:
    """Add unseen items, refresh known ones, and mark items gone from a fully read thread.

    ``post_ids`` maps the network's id of each clinic post to the post's number here.
    ``tone`` (an item's text -> "", "negative" or "angry") marks new items for a calm answer.
    """
    now = now or datetime.now(UTC)
    count = StoredCount()
    remote_ids = [item.remote_id for item in collected.items]
    known = {row.remote_id: row for row in session.scalars(select(InboxItem).where(
        InboxItem.network == network, InboxItem.remote_id.in_(remote_ids)))} if remote_ids else {}
    added: list[InboxItem] = []
    for item in collected.items:
        row = known.get(item.remote_id)
        if row is None:
            row = _new_row(network, item, post_ids, tone(item.text) if tone else "")
            known[item.remote_id] = row
            added.append(row)
        elif row.text != item.text or row.deleted_at is not None:
            row.text, row.deleted_at = item.text, None  # edited, or back after a hiccup
            count.updated += 1
    session.add_all(added)
    session.flush()  # once for the whole harvest: the new rows get their numbers here
    count.new = [row.id for row in added]
    for remote_post, seen in collected.complete.items():
        gone = session.scalars(select(InboxItem).where(
            InboxItem.network == network, InboxItem.remote_post_id == remote_post,
            InboxItem.deleted_at.is_(None), InboxItem.hidden_at.is_(None),
            InboxItem.remote_id.not_in(seen) if seen else InboxItem.id.is_not(None)))
        for row in gone:
            row.deleted_at = now
            count.deleted += 1
            record(session, "inbox_item_deleted_on_network", item_id=row.id, network=network)
    return count


def _new_row(network: str, item: IncomingItem, post_ids: dict[str, int], tone: str) -> InboxItem:
    return InboxItem(
        network=network, remote_id=item.remote_id, kind=item.kind,
        author_name=item.author_name[:200], author_handle=item.author_handle[:200],
        author_id=item.author_id[:300], text=item.text, url=item.url[:500],
        received_at=item.created_at, post_id=post_ids.get(item.remote_post_id),
        remote_post_id=item.remote_post_id, parent_remote_id=item.parent_id,
        root_remote_id=item.root_id, details=dict(item.details), tone=tone)


def list_items(session: Session, *, state: str | None = None, network: str | None = None,
               post_id: int | None = None, limit: int = 500) -> list[InboxItem]:
    """Items, unanswered first, newest first within a state."""
    query = select(InboxItem).options(selectinload(InboxItem.notes))
    if state:
        check_state(state)
        query = query.where(InboxItem.state == state)
    if network:
        query = query.where(InboxItem.network == network)
    if post_id is not None:
        query = query.where(InboxItem.post_id == post_id)
    query = query.order_by(_STATE_ORDER, InboxItem.received_at.desc(), InboxItem.id.desc())
    return list(session.scalars(query.limit(limit)))


def network_label(network: str) -> str:
    """A network's or review site's name as people say it ("Google" for Google reviews)."""
    try:
        return Platform(network).label
    except ValueError:
        return {"google": "Google"}.get(network, network.capitalize())


def check_state(state: str) -> str:
    if state not in ITEM_STATES:
        raise UserError(f"“{state}” is not an inbox state; use one of {', '.join(ITEM_STATES)}.")
    return state


def get_item(session: Session, item_id: int) -> InboxItem:
    item = session.get(InboxItem, item_id)
    if item is None:
        raise UserError(f"There is no inbox item number {item_id}; see `clinicstudio inbox "
                        "list`.")
    return item


def thread_of(session: Session, item: InboxItem) -> list[InboxItem]:
    """The items of ``item``'s conversation (same clinic post or root), oldest first."""
    if not (item.remote_post_id or item.root_remote_id):
        return [item]
    key = item.remote_post_id or item.root_remote_id
    query = select(InboxItem).where(
        InboxItem.network == item.network,
        (InboxItem.remote_post_id == key) | (InboxItem.root_remote_id == key),
    ).order_by(InboxItem.received_at, InboxItem.id)
    return list(session.scalars(query))


def set_state(session: Session, item: InboxItem, state: str, actor: str = "") -> None:
    check_state(state)
    before = item.state
    item.state = state
    if state == "answered" and item.answered_at is None:
        item.answered_at = datetime.now(UTC)
    record(session, "inbox_state", actor=actor, item_id=item.id, before=before, after=state)


def assign(session: Session, item: InboxItem, name: str, actor: str = "") -> None:
    name = name.strip()
    if not name:
        raise UserError("Give the name of the colleague who should answer this.")
    item.assigned_to = name[:200]
    if item.state == "new":
        item.state = "assigned"
    record(session, "inbox_assigned", actor=actor, item_id=item.id, to=item.assigned_to)


def add_note(session: Session, item: InboxItem, text: str, author: str = "") -> InboxNote:
    if not text.strip():
        raise UserError("A note needs some words.")
    note = InboxNote(item_id=item.id, author=author[:200], text=text.strip())
    session.add(note)
    session.flush()
    return note


def describe(item: InboxItem) -> dict[str, Any]:
    """One item as the command line's JSON (the documented fields, no more)."""
    return {"id": item.id, "network": item.network, "kind": item.kind,
            "author": item.author_name or item.author_handle, "text": item.text,
            "post_id": item.post_id, "state": item.state,
            "received_at": item.received_at.isoformat()}


def items_by_ids(session: Session, ids: Iterable[int]) -> list[InboxItem]:
    ids = list(ids)
    return list(session.scalars(select(InboxItem).where(InboxItem.id.in_(ids)))) if ids else []
