"""Opening the studio's database safely, on SQLite or PostgreSQL.

Opening never damages what is there. Before SQLAlchemy writes a byte, an SQLite file is looked at
read-only: a file that is not SQLite, a corrupt one, another program's database or one written by
a newer ClinicStudio is refused with a one-line reason (:class:`DatabaseRefused`) and left exactly
as it was. An older schema is copied aside (``name.db.bak-<revision>-<time>``) and then upgraded.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from clinicstudio.domain import UserError
from clinicstudio.store.schema_versions import head_revision, known_revisions

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
OUR_TABLES = {"posts", "post_variants", "clinic_profile"}


class DatabaseRefused(UserError):
    """The database cannot be opened as it is; the message says why and what to do."""


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("ClinicStudio", appauthor=False)) / "clinicstudio.db"


def resolve_url(target: str | os.PathLike[str] | None) -> URL:
    """Turn ``--db`` (an SQLAlchemy URL, a file path or nothing) into a URL."""
    if target is None or str(target) == "":
        target = os.environ.get("CLINICSTUDIO_DB") or default_database_path()
    text = str(target)
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise UserError(f"'{text}' is not a database URL or file path") from exc
        if url.drivername == "postgresql":
            # psycopg 3 is the driver we ship with; the bare name would ask for psycopg2.
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def _alembic_config() -> Config:
    from alembic.config import Config  # only when the schema has to change

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@dataclass(frozen=True, slots=True)
class SchemaState:
    revision: str | None
    has_tables: bool
    ours: bool


def _inspect_sqlite_file(path: Path, verify_integrity: bool = True) -> SchemaState:
    """Look at an SQLite file without changing it (read-only, no WAL switch, no journal)."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise DatabaseRefused(
            f"{path} is not a ClinicStudio database (it is not an SQLite file). "
            "Choose another file with --db, or move this one away to start fresh."
        )
    try:
        uri = f"{path.as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            listing = conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            tables = {row[0] for row in listing}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            if verify_integrity or revision != head_revision():
                # Reading every page grows with the file; the window skips it when no upgrade
                # is due and runs Database.damage() in the background once it is usable.
                _refuse_if_damaged(conn, path)
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            f"{path} is damaged and cannot be read ({exc}). It was left untouched: restore a "
            "backup copy (clinicstudio.db.bak-*) or use another file."
        ) from exc
    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    return SchemaState(revision, bool(user_tables), bool(OUR_TABLES & user_tables))


def _refuse_if_damaged(conn: sqlite3.Connection, path: Path) -> None:
    check = conn.execute("PRAGMA quick_check").fetchone()
    if not check or check[0] != "ok":
        raise DatabaseRefused(
            f"{path} is damaged ({check[0] if check else 'no answer'}). It was left "
            "untouched: restore a backup copy (clinicstudio.db.bak-*) or use another file."
        )


def sqlite_damage(path: Path) -> str | None:
    """A plain sentence when the SQLite file at ``path`` is damaged, else None (read-only)."""
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            _refuse_if_damaged(conn, path)
    except DatabaseRefused as exc:
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return (f"{path} is damaged and cannot be read ({exc}). Restore a backup copy "
                "(clinicstudio.db.bak-*) or use another file.")
    return None


def _inspect_engine(engine: Engine) -> SchemaState:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = None
        if "alembic_version" in tables:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return SchemaState(revision, bool(tables), bool(OUR_TABLES & tables))


def _check_schema(state: SchemaState, where: str) -> None:
    if state.has_tables and state.revision is None:
        raise DatabaseRefused(
            f"{where} belongs to another program (it has tables but none of ClinicStudio's). "
            "It was left untouched; choose another database with --db."
        )
    if state.revision is not None and state.revision not in known_revisions():
        raise DatabaseRefused(
            f"{where} was written by a newer ClinicStudio (schema {state.revision}). It was left "
            "untouched: update ClinicStudio on this computer to open it."
        )


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets the window read while the scheduler writes; FULL sync means a committed post
    # survives a power cut, not only a crash. busy_timeout waits for another process's write.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Database:
    """An open, up-to-date ClinicStudio database and the folder its media files live in."""

    def __init__(self, engine: Engine, media_dir: Path, backup: Path | None = None) -> None:
        self.engine = engine
        self.media_dir = media_dir
        #: The copy made before a schema upgrade during this opening, if any.
        self.backup = backup
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end of the block, or rolled back on error."""
        with self._sessions.begin() as session:
            yield session

    def describe(self) -> str:
        """Where the data lives, as a person would write it (a file path, or a safe URL)."""
        if self.dialect == "sqlite":
            return str(self.url.database)
        return self.url.render_as_string(hide_password=True)

    def damage(self) -> str | None:
        """A plain sentence when the database file is damaged, else None (reads every page)."""
        if self.dialect != "sqlite" or not self.url.database:
            return None
        return sqlite_damage(Path(self.url.database))

    def close(self) -> None:
        self.engine.dispose()


def open_database(target: str | os.PathLike[str] | None = None, *, create: bool = True,
                  verify_integrity: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database at ``target``.

    Raises :class:`DatabaseRefused` with a plain reason when the database cannot be used as is.
    ``verify_integrity=False`` skips reading every page of an up-to-date SQLite file (the
    window does, and calls :meth:`Database.damage` in the background instead).
    """
    url = resolve_url(target)
    backup: Path | None = None
    revision: str | None = None
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        if path.exists() and path.stat().st_size > 0:
            state = _inspect_sqlite_file(path, verify_integrity)
            _check_schema(state, str(path))
            revision = state.revision
            if state.revision is not None and state.revision != head_revision():
                backup = _backup_sqlite(path, state.revision)
        elif not create:
            raise DatabaseRefused(f"There is no database at {path}.")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _on_sqlite_connect)
        media_dir = path.with_name(path.stem + "-media")
    else:
        engine = create_engine(url, pool_pre_ping=True)
        try:
            state = _inspect_engine(engine)
        except (OperationalError, DBAPIError) as exc:
            engine.dispose()
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            raise DatabaseRefused(
                f"Cannot reach the database at {url.render_as_string(hide_password=True)}: {reason}"
            ) from exc
        _check_schema(state, url.render_as_string(hide_password=True))
        revision = state.revision
        media_root = os.environ.get("CLINICSTUDIO_MEDIA")
        media_dir = Path(media_root) if media_root else default_database_path().with_name("media")
    if revision != head_revision():
        _upgrade(engine)
    return Database(engine, media_dir, backup)


def _backup_sqlite(path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.bak-{revision}-{stamp}")
    # The backup API copies a consistent snapshot, including what still sits in the WAL file.
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as source, closing(
        sqlite3.connect(target)
    ) as dest:
        source.backup(dest)
    log.info("backed up %s to %s before upgrading its schema", path, target)
    return target


def _upgrade(engine: Engine) -> None:
    from alembic import command

    config = _alembic_config()
    # PostgreSQL runs the whole upgrade in one transaction (its DDL is transactional), so a
    # failed upgrade leaves the old schema; SQLite has the backup copy made just before.
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
