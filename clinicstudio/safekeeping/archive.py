"""The backup file: one zip holding the database, the media files and a manifest.

SQLite is copied with SQLite's online backup API (``database.sqlite``): a consistent
snapshot even while the window or a scheduled run is writing. PostgreSQL is read in one
REPEATABLE READ, read-only transaction, every table to ``tables/<name>.jsonl``: all tables as
of the same instant, without stopping anyone. ``manifest.json`` lists each table's row count
and each media file's SHA-256, which :mod:`clinicstudio.safekeeping.restore` checks.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, inspect, text

from clinicstudio import __version__
from clinicstudio.domain import UserError
from clinicstudio.safekeeping.rows import read_rows, table_names, to_json_value, typed_table
from clinicstudio.store.database import Database

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite"
TABLES_FOLDER = "tables"
MEDIA_FOLDER = "media"


@dataclass(frozen=True, slots=True)
class BackupSummary:
    path: Path
    tables: dict[str, int]
    media_files: int
    missing_media: list[str]

    def describe(self) -> str:
        rows = sum(self.tables.values())
        text = (f"Backed up {len(self.tables)} tables ({rows} rows, "
                f"{self.tables.get('posts', 0)} posts) and {self.media_files} image file(s) "
                f"to {self.path}.")
        if self.missing_media:
            text += (f" {len(self.missing_media)} image(s) the database names were already "
                     f"missing from the media folder: {', '.join(self.missing_media[:5])}.")
        return text


def make_backup(db: Database, target: Path, now: datetime | None = None) -> BackupSummary:
    """Write ``target`` (a new file). Raises UserError when it cannot."""
    target = target.expanduser().resolve()
    if target.exists():
        raise UserError(f"{target} already exists. Choose another file name, or move that "
                        "file away first (a backup never overwrites another one).")
    if not target.parent.is_dir():
        raise UserError(f"The folder {target.parent} does not exist. Create it first or "
                        "choose another place for the backup.")
    manifest: dict[str, Any] = {
        "format": FORMAT, "app_version": __version__, "dialect": db.dialect,
        "created_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "source": db.describe(),
    }
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            if db.dialect == "sqlite":
                tables, revision, stored = _sqlite_snapshot(db, archive)
            else:
                tables, revision, stored = _snapshot_tables(db, archive)
            manifest["revision"], manifest["tables"] = revision, tables
            media, missing = _add_media(db.media_dir, stored, archive)
            manifest["media"], manifest["missing_media"] = media, missing
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
        partial.replace(target)
    except OSError as exc:
        raise UserError(f"Could not write the backup to {target}: {exc.strerror or exc}. "
                        "Check there is space and that you may write there.") from exc
    finally:
        partial.unlink(missing_ok=True)
    return BackupSummary(target, tables, len(media), missing)


def _sqlite_snapshot(db: Database, archive: zipfile.ZipFile
                     ) -> tuple[dict[str, int], str | None, list[str]]:
    source_path = Path(str(db.url.database))
    with tempfile.TemporaryDirectory(prefix="clinicstudio-backup-") as folder:
        copy = Path(folder) / "snapshot.sqlite"
        with closing(sqlite3.connect(f"{source_path.as_uri()}?mode=ro", uri=True)) as source, \
                closing(sqlite3.connect(copy)) as dest:
            # The online backup API: a consistent copy, WAL contents included, while others
            # keep reading and writing the live file.
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        engine = create_engine(f"sqlite:///{copy}")
        try:
            with engine.connect() as conn:
                tables = {name: row_count(conn, name) for name in table_names(conn)}
                revision = _revision(conn)
                stored = _stored_media(conn)
        finally:
            engine.dispose()
        archive.write(copy, SQLITE_MEMBER)
    return tables, revision, stored


def _snapshot_tables(db: Database, archive: zipfile.ZipFile
                     ) -> tuple[dict[str, int], str | None, list[str]]:
    tables: dict[str, int] = {}
    columns: dict[str, list[str]] = {}
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            # One snapshot for every table: what another desktop commits meanwhile is either
            # wholly in the backup or wholly not.
            conn.execute(text("SET TRANSACTION READ ONLY"))
            for name in table_names(conn):
                table = typed_table(conn, name)
                columns[name] = [c.name for c in table.c]
                count = 0
                with archive.open(f"{TABLES_FOLDER}/{name}.jsonl", "w") as out:
                    for row in read_rows(conn, table):
                        line = {k: to_json_value(v) for k, v in row.items()}
                        out.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")
                        count += 1
                tables[name] = count
            revision = _revision(conn)
            stored = _stored_media(conn)
    archive.writestr(f"{TABLES_FOLDER}/columns.json", json.dumps(columns, indent=1))
    return tables, revision, stored


def _add_media(media_dir: Path, stored: list[str], archive: zipfile.ZipFile
               ) -> tuple[dict[str, str], list[str]]:
    media: dict[str, str] = {}
    if media_dir.is_dir():
        for path in sorted(p for p in media_dir.rglob("*") if p.is_file()):
            name = path.relative_to(media_dir).as_posix()
            media[name] = file_sha256(path)
            # Images are compressed already; storing them as they are is as small and faster.
            archive.write(path, f"{MEDIA_FOLDER}/{name}", compress_type=zipfile.ZIP_STORED)
    missing = sorted(name for name in stored if name not in media)
    return media, missing


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_count(conn: Connection, name: str) -> int:
    quoted = conn.dialect.identifier_preparer.quote(name)
    return int(conn.execute(text(f"SELECT COUNT(*) FROM {quoted}")).scalar_one())


def _revision(conn: Connection) -> str | None:
    # Asked, not tried: a failed statement would end a PostgreSQL snapshot transaction.
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _stored_media(conn: Connection) -> list[str]:
    if not inspect(conn).has_table("media_assets"):
        return []
    return list(conn.execute(text("SELECT stored_name FROM media_assets")).scalars())


@contextmanager
def open_backup(path: Path) -> Iterator[tuple[zipfile.ZipFile, dict[str, Any]]]:
    """The archive and its manifest; UserError when ``path`` is not a ClinicStudio backup."""
    path = path.expanduser()
    if not path.is_file():
        raise UserError(f"There is no backup file at {path}.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(f"{path} is not a ClinicStudio backup (it is not a zip file), or it "
                        "is damaged.") from exc
    with archive:
        try:
            manifest = json.loads(archive.read(MANIFEST))
        except (KeyError, ValueError) as exc:
            raise UserError(f"{path} is not a ClinicStudio backup (it has no manifest).") from exc
        if manifest.get("format") != FORMAT:
            raise UserError(f"{path} was made by another version of ClinicStudio (backup "
                            f"format {manifest.get('format')}); restore it with that version.")
        yield archive, manifest
