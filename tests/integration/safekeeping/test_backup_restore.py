"""Backup, restore and export on SQLite and PostgreSQL: the same posts, images, accounts and
audit log come back, checked row by row; a damaged or misused backup is explained."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from clinicstudio.demo import load_demo
from clinicstudio.domain import UserError
from clinicstudio.safekeeping.archive import file_sha256, make_backup
from clinicstudio.safekeeping.export import export_posts
from clinicstudio.safekeeping.restore import restore_backup
from clinicstudio.safekeeping.rows import read_rows, table_names, to_json_value, typed_table
from clinicstudio.store.database import Database, open_database
from clinicstudio.store.models import ConnectedAccount, Post
from tests.helpers.databases import database_url


def _contents(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as plain values, for comparing two databases."""
    with db.engine.connect() as conn:
        return {name: [{k: to_json_value(v) for k, v in row.items()}
                       for row in read_rows(conn, typed_table(conn, name))]
                for name in table_names(conn)}


def _media(db: Database) -> dict[str, str]:
    return {p.relative_to(db.media_dir).as_posix(): file_sha256(p)
            for p in db.media_dir.rglob("*") if p.is_file()}


@pytest.fixture
def clinic(db: Database) -> Database:
    """The demo clinic plus a connected account with an expiry (authorizations to keep)."""
    load_demo(db)
    with db.transaction() as session:
        session.add(ConnectedAccount(
            name="Maple Grove on LinkedIn", network="linkedin", keyring_key="linkedin:maple",
            token_expires_at=datetime(2027, 1, 31, 12, tzinfo=UTC),
            details={"api_version": "202601"}))
    return db


def _restore_target(kind: str, tmp_path: Path) -> Iterator[str]:
    with database_url(kind, tmp_path / "restored") as url:
        (tmp_path / "restored").mkdir(exist_ok=True)
        yield url


# "other": an office moving from SQLite to a shared PostgreSQL server, and back.
@pytest.mark.parametrize("into", ["same", "other"])
def test_backup_then_restore_gives_back_every_row_and_image(
        clinic: Database, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        into: str) -> None:
    before, images = _contents(clinic), _media(clinic)
    assert before["posts"] and before["audit_events"] and before["connected_accounts"]
    backup = tmp_path / "clinic-backup.zip"
    summary = make_backup(clinic, backup)
    assert summary.tables["posts"] == len(before["posts"]) and summary.media_files == len(images)

    kind = "sqlite" if clinic.dialect == "sqlite" else "postgres"
    if into == "other":
        kind = "postgres" if kind == "sqlite" else "sqlite"
    # PostgreSQL keeps images in $CLINICSTUDIO_MEDIA: the restored copy gets a folder of its
    # own, so the image check cannot pass by looking at the original's files.
    monkeypatch.setenv("CLINICSTUDIO_MEDIA", str(tmp_path / "restored-media"))
    for target in _restore_target(kind, tmp_path):
        restored = restore_backup(backup, target)
        assert restored.complete, restored.problems
        copy = open_database(target)
        try:
            assert _contents(copy) == before
            assert _media(copy) == images
            assert copy.media_dir != clinic.media_dir
            # New rows continue after the restored ones (PostgreSQL's sequences were reset).
            with copy.transaction() as session:
                session.add(Post(title="After the restore", body="Hello again."))
            with copy.session() as session:
                ids = session.scalars(select(Post.id).order_by(Post.id)).all()
            assert ids[-1] == max(p["id"] for p in before["posts"]) + 1
        finally:
            copy.close()


def test_a_sqlite_backup_is_consistent_while_another_program_writes(
        sqlite_db: Database, tmp_path: Path) -> None:
    load_demo(sqlite_db)
    path = Path(str(sqlite_db.url.database))
    writer = sqlite3.connect(path, timeout=10)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE posts SET title = 'half-saved edit'")
        summary = make_backup(sqlite_db, tmp_path / "during.zip")  # does not wait or fail
    finally:
        writer.rollback()
        writer.close()
    with zipfile.ZipFile(summary.path) as archive:
        snapshot = Path(archive.extract("database.sqlite", tmp_path))
    with sqlite3.connect(snapshot) as conn:
        titles = {row[0] for row in conn.execute("SELECT title FROM posts")}
    assert "half-saved edit" not in titles
    assert len(titles) > 1


def test_restore_never_touches_an_existing_database(clinic: Database, tmp_path: Path) -> None:
    backup = tmp_path / "b.zip"
    make_backup(clinic, backup)
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    before = existing.read_bytes()
    with pytest.raises(UserError, match="restored into a new database"):
        restore_backup(backup, str(existing))
    assert existing.read_bytes() == before


def test_a_backup_never_overwrites_another(clinic: Database, tmp_path: Path) -> None:
    backup = tmp_path / "b.zip"
    backup.write_text("last week's backup")
    with pytest.raises(UserError, match="already exists"):
        make_backup(clinic, backup)
    assert backup.read_text() == "last week's backup"


def test_a_damaged_image_in_the_backup_is_reported(sqlite_db: Database, tmp_path: Path) -> None:
    load_demo(sqlite_db)
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    make_backup(sqlite_db, good)
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        damaged = next(n for n in source.namelist() if n.startswith("media/"))
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:-10] + b"0" * 10 if item.filename == damaged else data)
    summary = restore_backup(bad, str(tmp_path / "restored.db"))
    assert not summary.complete
    assert any(damaged.removeprefix("media/") in p and "differs" in p for p in summary.problems)
    assert "NOT complete" in summary.describe()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clinicstudio", *args], capture_output=True,
                          text=True, timeout=180, check=False)


def test_the_commands_round_trip_and_explain_mistakes(tmp_path: Path) -> None:
    db = str(tmp_path / "clinic.db")
    assert _cli("demo", "--db", db).returncode == 0
    made = _cli("backup", str(tmp_path / "b.zip"), "--db", db)
    assert made.returncode == 0, made.stderr
    assert "66 posts" in made.stdout
    restored = _cli("restore", str(tmp_path / "b.zip"), "--db", str(tmp_path / "new.db"))
    assert restored.returncode == 0, restored.stderr
    assert "Checked: every table has the backup's row count" in restored.stdout
    # The tamper-evident audit chain comes back whole: every event, in order, hashes intact.
    verified = _cli("audit", "verify", "--db", str(tmp_path / "new.db"))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    again = _cli("restore", str(tmp_path / "b.zip"), "--db", db)
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "already exists" in again.stderr
    (tmp_path / "notes.zip").write_text("not a zip")
    wrong = _cli("restore", str(tmp_path / "notes.zip"), "--db", str(tmp_path / "x.db"))
    assert wrong.returncode == 2 and "is not a ClinicStudio backup" in wrong.stderr


def test_export_writes_posts_texts_and_results(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    with db.session() as session:
        posts = session.scalar(select(Post).where(Post.status == "published").limit(1))
        assert posts is not None
    written = export_posts(db, tmp_path / "csv", "csv")
    assert written["posts.csv"] == 66
    header = (tmp_path / "csv" / "posts.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("id,title,kind,status,scheduled_at")
    export_posts(db, tmp_path / "json", "json")
    rows = json.loads((tmp_path / "json" / "posts.json").read_text(encoding="utf-8"))
    published = [r for r in rows if r["status"] == "published"]
    assert published and all(r["links"].startswith("https://") for r in published[:3])
    results = json.loads((tmp_path / "json" / "results.json").read_text(encoding="utf-8"))
    assert results and {"post_id", "network", "impressions"} <= set(results[0])
    assert datetime.fromisoformat(results[0]["taken_at"]) < datetime.now(UTC) + timedelta(1)
