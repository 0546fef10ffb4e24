"""The append-only audit log: who did what to which post, and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.store.models import AuditEvent


def record(session: Session, action: str, *, actor: str = "", post_id: int | None = None,
           **detail: Any) -> AuditEvent:
    """Add one event to the log (in the caller's transaction, so it commits with the change)."""
    event = AuditEvent(action=action, actor=actor, post_id=post_id, detail=detail)
    session.add(event)
    return event


def events_for_post(session: Session, post_id: int) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.post_id == post_id).order_by(AuditEvent.id)
    return list(session.scalars(query))
