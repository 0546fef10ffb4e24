"""Reading the audit log for people: filtering, checking the chain and exporting to CSV."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from clinicstudio.domain import UserError
from clinicstudio.store.audit import ChainBreak, verify_chain
from clinicstudio.store.database import Database
from clinicstudio.store.models import AuditEvent

COLUMNS = ("seq", "id", "at_utc", "actor", "action", "post_id", "detail", "prev_hash", "hash")


@dataclass(frozen=True, slots=True)
class EventRow:
    seq: int | None
    id: int
    at: datetime
    actor: str
    action: str
    post_id: int | None
    detail: str
    prev_hash: str
    hash: str

    def as_csv(self) -> list[str]:
        return [str(self.seq or ""), str(self.id), self.at.isoformat(timespec="seconds"),
                self.actor, self.action, "" if self.post_id is None else str(self.post_id),
                self.detail, self.prev_hash, self.hash]


def verify(db: Database) -> tuple[int, ChainBreak | None]:
    with db.session() as session:
        return verify_chain(session)


def events(db: Database, *, first: date | None = None, last: date | None = None,
           post_id: int | None = None, actor: str = "", action: str = "",
           limit: int | None = None) -> list[EventRow]:
    """Events in chain order; days are whole UTC days, both ends included."""
    if first and last and last < first:
        raise UserError("The --to date is before the --from date.")
    query = select(AuditEvent).order_by(AuditEvent.seq, AuditEvent.id)
    if first:
        query = query.where(AuditEvent.at >= datetime.combine(first, time(), UTC))
    if last:
        query = query.where(AuditEvent.at < datetime.combine(last + timedelta(days=1), time(),
                                                             UTC))
    if post_id is not None:
        query = query.where(AuditEvent.post_id == post_id)
    if actor:
        query = query.where(AuditEvent.actor == actor)
    if action:
        query = query.where(AuditEvent.action == action)
    if limit:
        query = query.limit(limit)
    with db.session() as session:
        return [EventRow(e.seq, e.id, e.at, e.actor, e.action, e.post_id,
                         json.dumps(e.detail or {}, ensure_ascii=False, sort_keys=True),
                         e.prev_hash, e.hash) for e in session.scalars(query)]


def export_csv(rows: list[EventRow], path: Path) -> int:
    """Write ``rows`` to ``path`` (UTF-8 with a byte-order mark, so Excel reads accents)."""
    try:
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for row in rows:
                writer.writerow(row.as_csv())
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror}.") from exc
    return len(rows)
