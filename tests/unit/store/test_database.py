"""Opening databases: creation, upgrades with a backup, and refusing what must not be touched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from clinicstudio.store.database import (
    DatabaseRefused,
    _alembic_config,
    head_revision,
    open_database,
    resolve_url,
)
from clinicstudio.store.models import AuditEvent

VERSION = "SELECT version_num FROM alembic_version"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_is_created_at_the_latest_schema(db_url: str) -> None:
    db = open_database(db_url)
    with db.engine.connect() as conn:
        assert conn.execute(text(VERSION)).scalar() == head_revision()
    db.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_db) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_plain_path_and_the_environment_variable_name_a_file(tmp_path, monkeypatch) -> None:
    assert resolve_url(tmp_path / "a.db").database == str(tmp_path / "a.db")
    monkeypatch.setenv("CLINICSTUDIO_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).database == str(tmp_path / "env.db")
    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"Dear Dr. Smith,\nthis is a letter, not a database.\n" * 20, "not an SQLite file"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "damaged"),
    ],
)
def test_a_file_that_is_not_a_usable_database_is_refused_and_untouched(tmp_path, content, reason):
    path = tmp_path / "clinic.db"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(DatabaseRefused, match=reason):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.db"]


def test_a_database_with_a_corrupted_page_is_refused_and_untouched(tmp_path) -> None:
    path = tmp_path / "clinic.db"
    db = open_database(path)
    with db.transaction() as session:
        for i in range(300):
            session.add(AuditEvent(action="filler", detail={"i": i, "pad": "x" * 200}))
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = b"\x00\x13" * 100  # scribble over a b-tree page
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="damaged"):
        open_database(path)
    assert digest(path) == before


def test_another_programs_database_is_refused_and_untouched(tmp_path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="another program"):
        open_database(path)
    assert digest(path) == before


def test_a_database_from_a_newer_clinicstudio_is_refused_and_untouched(tmp_path) -> None:
    path = tmp_path / "clinic.db"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="newer ClinicStudio"):
        open_database(path)
    assert digest(path) == before


def test_an_older_schema_is_backed_up_then_upgraded(db_url: str, tmp_path: Path) -> None:
    url = resolve_url(db_url)
    engine = create_engine(url)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("INSERT INTO audit_events (at, actor, action, detail) "
                          "VALUES (CURRENT_TIMESTAMP, 'dana', 'kept', '{}')"))
    engine.dispose()

    db = open_database(db_url)
    with db.engine.connect() as conn:
        assert conn.execute(text(VERSION)).scalar() == head_revision()
        assert conn.execute(text("SELECT actor FROM audit_events")).scalar() == "dana"
    if db.dialect == "sqlite":
        assert db.backup is not None and db.backup.name.startswith("clinic.db.bak-0001-")
        with sqlite3.connect(db.backup) as backup:
            assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert backup.execute("SELECT actor FROM audit_events").fetchone() == ("dana",)
        backup.close()
    db.close()


def test_the_audit_log_refuses_changes(db) -> None:
    with db.transaction() as session:
        session.add(AuditEvent(action="post_created", actor="dana"))
    for statement in ("UPDATE audit_events SET actor = 'someone else'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(statement))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT actor FROM audit_events")).scalar() == "dana"


def test_an_unreachable_server_gets_a_plain_reason() -> None:
    with pytest.raises(DatabaseRefused, match="Cannot reach the database"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/clinic")
