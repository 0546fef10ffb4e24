"""The append-only audit log: who did what, and when, chained so that tampering shows.

Every event carries its place in the chain (``seq``), the hash of the event before it and its
own hash: SHA-256 over a canonical JSON of the event (place, time, who, what, post, detail and
the previous hash). The database refuses updates and deletes (triggers); the chain is what
notices when someone drops those triggers and edits, deletes or slips in an event directly.

Writers take the one-row ``audit_chain_head`` with an UPDATE first: a row lock on PostgreSQL,
the write lock on SQLite. So two desks or two publishing threads never hang events on the
same link, and the head also shows when events were cut off the end of the log.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from clinicstudio.store.models import AuditChainHead, AuditEvent, utcnow


def canonical(*, seq: int, at: datetime, actor: str, action: str, post_id: int | None,
              detail: dict[str, Any], prev_hash: str) -> bytes:
    """The bytes an event's hash is taken over: sorted keys, no spaces, UTC time to the µs."""
    body = {"seq": seq, "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor, "action": action, "post_id": post_id, "detail": detail,
            "prev": prev_hash}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str).encode("utf-8")


def event_hash(**fields: Any) -> str:
    return hashlib.sha256(canonical(**fields)).hexdigest()


def _take_head(session: Session) -> AuditChainHead:
    # Once taken, the head stays locked until this transaction ends: later events of the same
    # transaction reuse it instead of asking the database again.
    transaction = session.get_transaction()
    taken = session.info.get("audit_head")
    if taken is not None and taken[0] is transaction:
        return taken[1]  # type: ignore[no-any-return]
    # The UPDATE comes first so that it, not a read, takes the lock (see the module notes).
    session.execute(text("UPDATE audit_chain_head SET seq = seq WHERE id = 1"))
    head = session.get(AuditChainHead, 1, populate_existing=True)
    if head is None:
        head = AuditChainHead(id=1, seq=0, last_hash="")
        session.add(head)
    session.info["audit_head"] = (transaction, head)
    return head


def record(session: Session, action: str, *, actor: str = "", post_id: int | None = None,
           **detail: Any) -> AuditEvent:
    """Add one event to the log (in the caller's transaction, so it commits with the change)."""
    # Round-trip the detail through JSON now, so the hash is over exactly what is stored.
    detail = json.loads(json.dumps(detail, default=str))
    head = _take_head(session)
    at = utcnow()
    seq = head.seq + 1
    digest = event_hash(seq=seq, at=at, actor=actor, action=action, post_id=post_id,
                        detail=detail, prev_hash=head.last_hash)
    event = AuditEvent(at=at, action=action, actor=actor, post_id=post_id, detail=detail,
                       seq=seq, prev_hash=head.last_hash, hash=digest)
    head.seq, head.last_hash = seq, digest
    session.add(event)
    return event


def events_for_post(session: Session, post_id: int) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.post_id == post_id).order_by(AuditEvent.id)
    return list(session.scalars(query))


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first place the chain does not hold, in words for the practice manager."""

    event_id: int | None
    seq: int | None
    problem: str

    @property
    def plain(self) -> str:
        return self.problem


def verify_chain(session: Session) -> tuple[int, ChainBreak | None]:
    """Re-compute every link. Returns how many events were checked and the first break."""
    events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq.is_(None),
                                                              AuditEvent.seq, AuditEvent.id)))
    prev, expected_seq, checked = "", 1, 0
    for event in events:
        where = f"event {event.id} ({event.action}, {event.at:%Y-%m-%d %H:%M} UTC)"
        if event.seq is None:
            return checked, ChainBreak(event.id, None, f"{where} has no place in the chain: it "
                                       "was inserted directly into the database.")
        if event.seq != expected_seq:
            return checked, ChainBreak(event.id, event.seq, (
                f"{where} follows a gap: event number {expected_seq} of the chain was removed."))
        if event.prev_hash != prev:
            return checked, ChainBreak(event.id, event.seq, (
                f"{where} does not follow the event before it: an event before it was removed, "
                "changed or inserted out of order."))
        digest = event_hash(seq=event.seq, at=event.at, actor=event.actor, action=event.action,
                            post_id=event.post_id, detail=event.detail or {},
                            prev_hash=event.prev_hash)
        if digest != event.hash:
            return checked, ChainBreak(event.id, event.seq, (
                f"{where} was changed after it was written."))
        prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = session.get(AuditChainHead, 1)
    if head is not None and (head.seq, head.last_hash) != (expected_seq - 1, prev):
        return checked, ChainBreak(None, head.seq, (
            f"the log ends at event number {expected_seq - 1}, but {head.seq} were written: "
            "the last events were removed."))
    return checked, None
