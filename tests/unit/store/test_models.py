"""Timestamps come back as aware UTC from both databases, and naive ones are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import StatementError

from clinicstudio.store.models import AuditEvent


def test_times_are_stored_as_utc_and_read_back_aware(db) -> None:
    chicago_noon = datetime(2026, 3, 8, 12, 0, tzinfo=timezone(timedelta(hours=-5)))
    with db.transaction() as session:
        session.add(AuditEvent(action="x", at=chicago_noon))
    with db.transaction() as session:
        stored = session.query(AuditEvent).one().at
    assert stored == chicago_noon
    assert stored.utcoffset() == timedelta(0)
    assert stored.tzinfo is UTC


def test_a_naive_time_is_a_bug_and_is_refused(db) -> None:
    with pytest.raises(StatementError, match="naive datetime"), db.transaction() as session:
        session.add(AuditEvent(action="x", at=datetime(2026, 1, 1, 9, 0)))
        session.flush()
