"""Restoring a backup into a new database, then checking that nothing is missing.

The new database is given the schema the backup was made with (its Alembic revision), the rows
of every table are copied in with their own keys, and only then is the schema brought up to
this version's. Row counts per table and every media file's SHA-256 are compared with the
backup's manifest; any difference is reported and the command fails.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, func, inspect, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from clinicstudio.domain import UserError
from clinicstudio.safekeeping.archive import (
    MEDIA_FOLDER,
    SQLITE_MEMBER,
    TABLES_FOLDER,
    file_sha256,
    open_backup,
    row_count,
)
from clinicstudio.safekeeping.rows import from_json_value, read_rows, table_names, typed_table
from clinicstudio.store.database import MIGRATIONS, Database, open_database, resolve_url

BATCH = 500


@dataclass
class RestoreSummary:
    database: str
    tables: dict[str, int]
    media_files: int
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        if self.problems:
            return ("The restore is NOT complete:\n" + "\n".join(f"  - {p}" for p in self.problems)
                    + f"\nThe restored copy is at {self.database}; keep the backup file.")
        rows = sum(self.tables.values())
        return (f"Restored {len(self.tables)} tables ({rows} rows, {self.tables.get('posts', 0)} "
                f"posts) and {self.media_files} image file(s) into {self.database}. Checked: "
                "every table has the backup's row count and every image its fingerprint.")


def restore_backup(backup: Path, target: str | None) -> RestoreSummary:
    """Restore ``backup`` into the new, empty database ``target`` (``--db``)."""
    url = resolve_url(target)
    with open_backup(backup) as (archive, manifest):
        _refuse_unless_new(url)
        engine = create_engine(url)
        try:
            _migrate(engine, manifest.get("revision"))
            with engine.begin() as conn:
                for name, rows in _source_rows(archive, manifest):
                    _insert(conn, name, rows)
                _reset_sequences(conn)
            counts = _counts(engine, list(manifest["tables"]))
        finally:
            engine.dispose()
        db = open_database(url.render_as_string(hide_password=False))  # up to this version
        try:
            copied = _restore_media(archive, manifest["media"], db)
            summary = RestoreSummary(db.describe(), counts, copied)
        finally:
            db.close()
    summary.problems += _compare(manifest["tables"], counts)
    summary.problems += _check_media(manifest["media"], db.media_dir)
    return summary


def _refuse_unless_new(url: URL) -> None:
    where = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        if path.exists() and path.stat().st_size > 0:
            raise UserError(f"{path} already exists. A backup is restored into a new database: "
                            "name a file that does not exist yet with --db.")
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
    except SQLAlchemyError as exc:
        raise UserError(f"Cannot reach the database at {where}: "
                        f"{str(getattr(exc, 'orig', exc)).strip().splitlines()[0]}") from exc
    finally:
        engine.dispose()
    if tables:
        raise UserError(f"The database at {where} already has tables. A backup is restored "
                        "into a new, empty database: create one and name it with --db.")


def _migrate(engine: Engine, revision: str | None) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, revision or "head")
        except CommandError as exc:
            raise UserError(f"This backup was made by a newer ClinicStudio (database version "
                            f"{revision}). Install that version or newer to restore it.") from exc


def _source_rows(archive: zipfile.ZipFile, manifest: dict[str, Any]
                 ) -> Iterator[tuple[str, Iterable[dict[str, Any]]]]:
    if SQLITE_MEMBER in archive.namelist():
        with tempfile.TemporaryDirectory(prefix="clinicstudio-restore-") as folder:
            snapshot = Path(archive.extract(SQLITE_MEMBER, folder))
            engine = create_engine(f"sqlite:///{snapshot}")
            try:
                with engine.connect() as conn:
                    for name in table_names(conn):
                        yield name, read_rows(conn, typed_table(conn, name))
            finally:
                engine.dispose()
        return
    for name in manifest["tables"]:
        yield name, _json_lines(archive, name)


def _json_lines(archive: zipfile.ZipFile, name: str) -> Iterator[dict[str, Any]]:
    with archive.open(f"{TABLES_FOLDER}/{name}.jsonl") as lines:
        for line in lines:
            yield json.loads(line)


def _insert(conn: Connection, name: str, rows: Iterable[dict[str, Any]]) -> None:
    if not inspect(conn).has_table(name):
        raise UserError(f"The backup has a table '{name}' that this ClinicStudio does not know; "
                        "restore it with the version that made it.")
    table = typed_table(conn, name)
    # The migrations may have put rows of their own in a new database (the audit chain's head,
    # the studio's mark): the backup's rows take their place.
    if conn.execute(select(func.count()).select_from(table)).scalar():
        conn.execute(table.delete())
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append({c.name: from_json_value(c, row.get(c.name)) for c in table.c
                      if c.name in row})
        if len(batch) >= BATCH:
            conn.execute(table.insert(), batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: the next new row's id follows the restored ones (SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for name in table_names(conn):
        for column in inspect(conn).get_columns(name):
            sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                    {"t": name, "c": column["name"]}).scalar()
            if sequence:
                quoted = conn.dialect.identifier_preparer.quote(name)
                column_name = conn.dialect.identifier_preparer.quote(column["name"])
                conn.execute(text(f"SELECT setval(:s, COALESCE((SELECT MAX({column_name}) FROM "
                                  f"{quoted}), 0) + 1, false)"), {"s": sequence})


def _counts(engine: Engine, names: list[str]) -> dict[str, int]:
    counts = {}
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        for name in names:
            if name in present:
                counts[name] = row_count(conn, name)
    return counts


def _restore_media(archive: zipfile.ZipFile, media: dict[str, str], db: Database) -> int:
    for name in media:
        target = db.media_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(f"{MEDIA_FOLDER}/{name}") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
    return len(media)


def _compare(expected: dict[str, int], counts: dict[str, int]) -> list[str]:
    problems = []
    for name, rows in expected.items():
        if name not in counts:
            problems.append(f"table {name} is missing from the restored database")
        elif counts[name] != rows:
            problems.append(f"table {name} has {counts[name]} rows, the backup has {rows}")
    return problems


def _check_media(media: dict[str, str], folder: Path) -> list[str]:
    problems = []
    for name, digest in media.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"image {name} is missing")
        elif file_sha256(path) != digest:
            problems.append(f"image {name} differs from the one in the backup")
    return problems
