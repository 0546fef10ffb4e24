"""The audit log's hash chain notices every event changed, removed or inserted directly in the
database, once the append-only triggers have been dropped (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from clinicstudio.store.audit import record, verify_chain
from clinicstudio.store.database import Database


def write_events(db: Database, count: int = 5) -> list[int]:
    ids = []
    for number in range(count):
        with db.transaction() as session:
            event = record(session, "post_edited", actor="Ben", post_id=number + 1,
                           before={"body": "Flu shots"}, after={"body": f"Flu shots {number}"})
            session.flush()
            ids.append(event.id)
    return ids


def drop_triggers(db: Database) -> None:
    with db.engine.begin() as conn:
        if db.dialect == "sqlite":
            conn.execute(text("DROP TRIGGER audit_events_no_update"))
            conn.execute(text("DROP TRIGGER audit_events_no_delete"))
        else:
            conn.execute(text("DROP TRIGGER audit_events_no_change ON audit_events"))


def check(db: Database) -> tuple[int, object]:
    with db.session() as session:
        return verify_chain(session)


def test_an_untouched_log_verifies(db: Database) -> None:
    write_events(db)
    checked, broken = check(db)
    assert broken is None and checked == 5


def test_the_database_still_refuses_to_change_an_event(db: Database) -> None:
    write_events(db, 1)
    with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'Mallory'"))


def test_a_changed_event_is_named(db: Database) -> None:
    ids = write_events(db)
    drop_triggers(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'Cleo' WHERE id = :id"),
                     {"id": ids[2]})
    _checked, broken = check(db)
    assert broken is not None and broken.event_id == ids[2]
    assert "was changed" in broken.plain


def test_a_changed_detail_is_named(db: Database) -> None:
    ids = write_events(db)
    drop_triggers(db)
    detail = json.dumps({"before": {"body": "Flu shots"}, "after": {"body": "edited"}})
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET detail = :d WHERE id = :id"),
                     {"d": detail, "id": ids[1]})
    _checked, broken = check(db)
    assert broken is not None and broken.event_id == ids[1]


def test_a_removed_event_is_named_by_the_one_after_it(db: Database) -> None:
    ids = write_events(db)
    drop_triggers(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[2]})
    _checked, broken = check(db)
    assert broken is not None and broken.event_id == ids[3]
    assert "removed" in broken.plain


def test_events_cut_off_the_end_are_noticed(db: Database) -> None:
    ids = write_events(db)
    drop_triggers(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": ids[-1]})
    checked, broken = check(db)
    assert broken is not None and checked == 4 and "last events were removed" in broken.plain


@pytest.mark.parametrize("seq", [None, 3, 6])
def test_an_inserted_event_is_named(db: Database, seq: int | None) -> None:
    ids = write_events(db)
    drop_triggers(db)
    with db.engine.begin() as conn:
        if seq == 3:  # slip it in at an existing place, moving the real one out of the way
            conn.execute(text("UPDATE audit_events SET seq = seq + 100 WHERE seq >= 3"))
        row = conn.execute(text("SELECT prev_hash, hash FROM audit_events WHERE id = :id"),
                           {"id": ids[1]}).one()
        conn.execute(text(
            "INSERT INTO audit_events (at, actor, action, post_id, detail, seq, prev_hash, hash) "
            "VALUES (:at, 'Mallory', 'post_approved', 1, '{}', :seq, :prev, :hash)"),
            {"at": "2026-01-01 10:00:00", "seq": seq, "prev": row.hash, "hash": "0" * 64})
        inserted = conn.execute(text("SELECT max(id) FROM audit_events")).scalar()
    _checked, broken = check(db)
    assert broken is not None and broken.event_id == inserted
