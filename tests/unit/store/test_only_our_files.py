"""A database is ours only when it carries our mark; anything else is left byte for byte."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from clinicstudio.domain import UserError
from clinicstudio.store import database as database_module
from clinicstudio.store.database import (
    APPLICATION_ID,
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


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def application_id(path: Path) -> int:
    with path.open("rb") as handle:
        return int.from_bytes(handle.read(100)[68:72], "big")


def build_at(url: str, revision: str) -> None:
    engine = create_engine(resolve_url(url))
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


def test_a_new_sqlite_database_carries_our_application_id(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    open_database(path).close()
    assert application_id(path) == APPLICATION_ID


def test_every_new_database_has_the_mark_table(db) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT application FROM clinicstudio_mark")).scalar() \
            == "ClinicStudio"


@pytest.mark.parametrize("wal", [False, True])
@pytest.mark.parametrize("revision", ["0001", "3f2a9c1b7d4e"])
def test_another_alembic_programs_file_is_left_byte_for_byte(tmp_path: Path, wal: bool,
                                                              revision: str) -> None:
    path = tmp_path / "inventory.db"
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    conn.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before, files = digest(path), listing(tmp_path)
    with pytest.raises(DatabaseRefused, match="belongs to another program"):
        open_database(path)
    assert digest(path) == before
    assert listing(tmp_path) == files  # no backup, no -wal, no -shm


def test_a_file_with_another_application_id_is_never_opened(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY)")  # even with a table like ours
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="another program"):
        open_database(path)
    assert digest(path) == before and listing(tmp_path) == ["other.db"]


def test_a_newer_clinicstudio_file_leaves_no_side_files(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before, files = digest(path), listing(tmp_path)
    with pytest.raises(DatabaseRefused, match="newer ClinicStudio"):
        open_database(path)
    assert digest(path) == before and listing(tmp_path) == files


def test_a_database_from_an_earlier_version_opens_and_is_stamped(db_url: str) -> None:
    build_at(db_url, "0003")  # our tables, no mark: how earlier versions left it
    db = open_database(db_url)
    with db.engine.connect() as conn:
        assert conn.execute(text(VERSION)).scalar() == head_revision()
        assert conn.execute(text("SELECT count(*) FROM clinicstudio_mark")).scalar() == 1
    if db.dialect == "sqlite":
        assert application_id(Path(db.url.database or "")) == APPLICATION_ID
    db.close()


def test_a_foreign_postgres_database_is_refused_untouched(db_url: str) -> None:
    if not db_url.startswith("postgres"):
        pytest.skip("the SQLite case is covered by the file tests")
    engine = create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('0001')"))
        conn.execute(text("CREATE TABLE items (id INTEGER PRIMARY KEY)"))
    with pytest.raises(DatabaseRefused, match="another program"):
        open_database(db_url)
    with engine.connect() as conn:
        tables = set(conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
    engine.dispose()
    assert tables == {"alembic_version", "items"}


def test_a_failed_sqlite_upgrade_rolls_back_whole(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "clinic.db"
    build_at(str(path), "0002")

    def broken(conn) -> None:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(database_module, "_stamp", broken)
    with pytest.raises(DatabaseRefused, match="left as it was"):
        open_database(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute(VERSION).fetchone() == ("0002",)
        columns = {row[1] for row in conn.execute("PRAGMA table_info(posts)")}
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "held_late_at" not in columns and "clinicstudio_mark" not in tables
    assert application_id(path) == 0


@pytest.mark.parametrize(("value", "words"), [
    ("mysql://u@h/clinic", "cannot use a 'mysql' database"),
    ("foo://x/y", "cannot use a 'foo' database"),
    ("::not a url://", "not a database URL"),
])
def test_unsupported_database_urls_get_one_sentence(value: str, words: str) -> None:
    with pytest.raises(UserError, match=words):
        resolve_url(value)


def test_common_postgres_spellings_use_the_shipped_driver() -> None:
    for value in ("postgres://u@h/c", "postgresql+psycopg2://u@h/c", "postgresql://u@h/c"):
        assert resolve_url(value).drivername == "postgresql+psycopg"


def test_a_folder_or_a_path_under_a_file_is_refused_in_words(tmp_path: Path) -> None:
    with pytest.raises(DatabaseRefused, match="is a folder"):
        open_database(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(DatabaseRefused, match="is a file, not a folder"):
        open_database(tmp_path / "notes.txt" / "clinic.db")
    assert listing(tmp_path) == ["notes.txt"]


def test_opening_without_create_makes_nothing(tmp_path: Path) -> None:
    with pytest.raises(DatabaseRefused, match="nothing was created"):
        open_database(tmp_path / "typo" / "clinc.db", create=False)
    assert listing(tmp_path) == []


def _mode_allows_writing(path: Path) -> bool:
    """What os.access answers for an ordinary user (root is allowed everything)."""
    return all(p.stat().st_mode & 0o200 for p in (path, path.parent) if p.exists())


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_opens_read_only_with_a_sentence(tmp_path: Path, what: str,
                                                               monkeypatch) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "clinic.db"
    db = open_database(path)
    with db.transaction() as session:
        session.add(AuditEvent(action="kept", actor="dana"))
    db.close()
    before = digest(path)
    os.chmod(path if what == "file" else folder, 0o555 if what == "folder" else 0o444)
    if os.geteuid() == 0:  # root may write anywhere; judge by the permission bits instead
        monkeypatch.setattr(database_module, "_writable", _mode_allows_writing)
    try:
        db = open_database(path)
        assert "read-only" in db.read_only
        with db.session() as session:
            assert session.query(AuditEvent).count() == 1
        with pytest.raises(UserError, match="read-only"), db.transaction() as session:
            session.add(AuditEvent(action="x", actor="y"))
        db.close()
        assert digest(path) == before and listing(folder) == ["clinic.db"]
    finally:
        os.chmod(folder, 0o755)
        os.chmod(path, 0o644)
