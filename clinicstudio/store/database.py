"""Opening the studio's database safely, on SQLite or PostgreSQL.

Opening never damages what is there. A database is ours when it carries our mark: the SQLite
header's application id (read from the file's first 100 bytes before SQLite opens it) or the
``clinicstudio_mark`` table on PostgreSQL. Databases made by earlier versions, which have no mark
but do have ClinicStudio's own tables and revision, are stamped when they are upgraded.

Before SQLAlchemy writes a byte, an SQLite file is looked at read-only: a file that is not SQLite,
a corrupt one, another program's database or one written by a newer ClinicStudio is refused with
a one-line reason (:class:`DatabaseRefused`) and left exactly as it was, with no side files. An
older schema is copied aside (``name.db.bak-<revision>-<time>``) and then upgraded in one
transaction; should the upgrade still fail, the copy is put back. A file or folder this user may
not write to is opened read-only (:attr:`Database.read_only` says why).
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
MARK_TABLE = "clinicstudio_mark"
#: ``PRAGMA application_id`` of every ClinicStudio SQLite file: "ClSt" as a 32-bit number.
APPLICATION_ID = int.from_bytes(b"ClSt", "big")
SIDE_FILES = ("-wal", "-shm", "-journal")
SUPPORTED = "an SQLite file path, or a PostgreSQL URL such as postgresql://user@server/clinic"


class DatabaseRefused(UserError):
    """The database cannot be opened as it is; the message says why and what to do."""


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("ClinicStudio", appauthor=False)) / "clinicstudio.db"


def resolve_url(target: str | os.PathLike[str] | None) -> URL:
    """Turn ``--db`` (an SQLAlchemy URL, a file path or nothing) into a URL."""
    if target is None or str(target) == "":
        target = os.environ.get("CLINICSTUDIO_DB") or default_database_path()
    text = str(target)
    if "\x00" in text:
        raise UserError("The --db value contains a NUL character; give " + SUPPORTED + ".")
    if "://" in text:
        try:
            url = make_url(text)
        except (ArgumentError, ValueError) as exc:
            raise UserError(f"'{text}' is not a database URL or file path; give {SUPPORTED}.") \
                from exc
        backend = url.get_backend_name()
        if backend in ("postgresql", "postgres"):
            # psycopg 3 is the driver we ship with; other names would ask for one we do not have.
            return url.set(drivername="postgresql+psycopg")
        if backend == "sqlite":
            return url.set(drivername="sqlite+pysqlite")
        raise UserError(f"ClinicStudio cannot use a '{url.drivername}' database; give "
                        f"{SUPPORTED}.")
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def _check_sqlite_path(path: Path, create: bool) -> None:
    """Refuse a path that cannot be a database file, in words, before anything is created."""
    if path.is_dir():
        raise DatabaseRefused(f"{path} is a folder, not a database file; give a file name "
                              f"inside it, for example {path / 'clinicstudio.db'}.")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise DatabaseRefused(f"{path} cannot be a database: {parent} is a file, not a "
                                      "folder. Choose another place with --db.")
            break
    if not path.exists() and not create:
        raise DatabaseRefused(f"There is no database at {path}. Check the --db path "
                              "(nothing was created).")


def _writable(path: Path) -> bool:
    """May this user change the file and make side files (-wal, -shm) beside it?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _alembic_config() -> Config:
    from alembic.config import Config  # only when the schema has to change

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


__all__ = ["Database", "DatabaseRefused", "head_revision", "known_revisions", "open_database"]


@dataclass(frozen=True, slots=True)
class SchemaState:
    revision: str | None
    has_tables: bool
    #: Carries our mark, or (made by an earlier version) our tables at one of our revisions.
    ours: bool
    marked: bool = False


def _state(revision: str | None, tables: set[str], marked: bool) -> SchemaState:
    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    earlier_version = revision in known_revisions() and user_tables >= OUR_TABLES
    return SchemaState(revision, bool(user_tables), marked or earlier_version, marked)


def _foreign(path: Path) -> DatabaseRefused:
    return DatabaseRefused(
        f"{path} belongs to another program (it is not a ClinicStudio database). It was left "
        "untouched; choose another database with --db.")


@contextmanager
def _no_new_side_files(path: Path) -> Iterator[None]:
    """Remove the empty -wal/-shm files a read-only look at a WAL file leaves behind."""
    side = [path.with_name(path.name + suffix) for suffix in SIDE_FILES]
    before = {p for p in side if p.exists()}
    try:
        yield
    finally:
        for extra in side:
            if extra in before or not extra.exists():
                continue
            try:
                if not (extra.name.endswith("-wal") and extra.stat().st_size):
                    extra.unlink()
            except OSError:
                log.warning("could not remove %s", extra)


def _read_only_uri(path: Path) -> str:
    """Read without writing. Where this user may write, ``mode=ro`` reads safely alongside
    another ClinicStudio writing (it takes SQLite's locks). A read-only file or folder allows
    no -shm file and nobody writes there, so it is read as ``immutable`` (no locks, no side
    files), unless a -wal file still holds committed changes that must be read."""
    wal = path.with_name(path.name + "-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    return f"{path.as_uri()}?{'mode=ro' if has_wal or _writable(path) else 'immutable=1'}"


def _inspect_sqlite_file(path: Path, verify_integrity: bool = True) -> SchemaState:
    """Look at an SQLite file without changing it (read-only, no WAL switch, no side files).

    ``verify_integrity=False`` reads every page only when an upgrade is due (the window checks
    an up-to-date file in the background instead: the full read grows with the file).
    """
    with path.open("rb") as handle:
        header = handle.read(100)
    if header[:len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        raise DatabaseRefused(
            f"{path} is not a ClinicStudio database (it is not an SQLite file). "
            "Choose another file with --db, or move this one away to start fresh."
        )
    page_size = int.from_bytes(header[16:18], "big")
    if len(header) < 100 or page_size not in {1} | {2 ** n for n in range(9, 16)}:
        raise DatabaseRefused(
            f"{path} is damaged (its SQLite header is not valid). It was left untouched: "
            "restore a backup copy (clinicstudio.db.bak-*) or use another file.")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id not in (0, APPLICATION_ID):
        raise _foreign(path)  # SQLite itself never opens another application's file
    try:
        with _no_new_side_files(path), closing(
                sqlite3.connect(_read_only_uri(path), uri=True, timeout=10)) as conn:
            listing = conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            tables = {row[0] for row in listing}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            if verify_integrity or revision != head_revision():
                _refuse_if_damaged(conn, path)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseRefused(busy_sentence(str(path))) from exc
        raise DatabaseRefused(
            f"{path} cannot be read ({exc}). It was left untouched: check that this user may "
            "read it, restore a backup copy (clinicstudio.db.bak-*) or use another file."
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            f"{path} is damaged and cannot be read ({exc}). It was left untouched: restore a "
            "backup copy (clinicstudio.db.bak-*) or use another file."
        ) from exc
    return _state(revision, tables, application_id == APPLICATION_ID)


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
        with _no_new_side_files(path), closing(
                sqlite3.connect(_read_only_uri(path), uri=True, timeout=10)) as conn:
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
        if "alembic_version" in tables:  # read directly: Alembic loads only to upgrade
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        marked = MARK_TABLE in tables and bool(
            conn.execute(text(f"SELECT count(*) FROM {MARK_TABLE}")).scalar())
    return _state(revision, tables, marked)


def busy_sentence(where: str) -> str:
    return (f"The database {where} is busy: another program is writing to it. Wait a minute and "
            "try again; if it stays busy, close the other ClinicStudio windows.")


def _check_schema(state: SchemaState, where: str) -> None:
    if state.has_tables and not state.ours:
        raise DatabaseRefused(
            f"{where} belongs to another program (it is not a ClinicStudio database). "
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

    def __init__(self, engine: Engine, media_dir: Path, backup: Path | None = None,
                 read_only: str = "") -> None:
        self.engine = engine
        self.media_dir = media_dir
        #: The copy made before a schema upgrade during this opening, if any.
        self.backup = backup
        #: Why nothing can be changed (the file or its folder is read-only); empty when writable.
        self.read_only = read_only
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
        """A session whose work is committed at the end of the block, or rolled back on error.

        A read-only or busy database is reported in words (:class:`UserError`).
        """
        try:
            with self._sessions.begin() as session:
                yield session
        except OperationalError as exc:
            plain = plain_database_error(exc, self.describe(), self.read_only)
            if plain is None:
                raise
            raise UserError(plain) from exc

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


def plain_database_error(exc: BaseException, where: str, read_only: str = "") -> str | None:
    """The sentence for a database refusing a write (read-only, busy), or None if another fault."""
    reason = str(getattr(exc, "orig", exc))
    if "readonly" in reason or "read-only" in reason:
        return read_only or (f"{where} is read-only, so this change cannot be saved. Ask whoever "
                             "manages this computer to let you write to it, or use another file.")
    if "locked" in reason or "busy" in reason:
        return busy_sentence(where)
    return None


def open_database(target: str | os.PathLike[str] | None = None, *, create: bool = True,
                  verify_integrity: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database at ``target``.

    With ``create=False`` nothing is created: a missing file is refused in words.
    Raises :class:`DatabaseRefused` with a plain reason when the database cannot be used as is.
    ``verify_integrity=False`` skips reading every page of an up-to-date SQLite file (the
    window does, and calls :meth:`Database.damage` in the background instead).
    """
    url = resolve_url(target)
    if url.get_backend_name() == "sqlite":
        return _open_sqlite(url, create, verify_integrity)
    engine = create_engine(url, pool_pre_ping=True)
    where = url.render_as_string(hide_password=True)
    try:
        state = _inspect_engine(engine)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise DatabaseRefused(f"Cannot reach the database at {where}: {reason}") from exc
    except Exception as exc:  # e.g. a driver missing: still one sentence
        engine.dispose()
        raise DatabaseRefused(f"Cannot open the database at {where} ({type(exc).__name__}: "
                              f"{exc}).") from exc
    try:
        _check_schema(state, where)
        if not state.has_tables and not create:
            raise DatabaseRefused(f"The database at {where} is empty; nothing was created.")
        if not _up_to_date(state):
            _upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    media_root = os.environ.get("CLINICSTUDIO_MEDIA")
    media_dir = Path(media_root) if media_root else default_database_path().with_name("media")
    return Database(engine, media_dir)


def _up_to_date(state: SchemaState) -> bool:
    """At the newest schema and marked as ours: nothing to upgrade or stamp."""
    return state.marked and state.revision == head_revision()


def _open_sqlite(url: URL, create: bool, verify_integrity: bool = True) -> Database:
    path = Path(url.database or "")
    if not url.database or url.database == ":memory:":
        engine = _sqlite_engine(url)
        _upgrade(engine)
        return Database(engine, default_database_path().with_name("media"))
    _check_sqlite_path(path, create)
    media_dir = path.with_name(path.stem + "-media")
    backup: Path | None = None
    existing = path.exists() and path.stat().st_size > 0
    if existing:
        state = _inspect_sqlite_file(path, verify_integrity)
        _check_schema(state, str(path))
        if not _writable(path):
            return _open_read_only(path, state, media_dir)
        if _up_to_date(state):
            return Database(_sqlite_engine(url), media_dir)
        if state.revision != head_revision() and state.revision is not None:
            backup = _backup_sqlite(path, state.revision)
    elif not _writable(path.parent if path.parent.exists() else _existing_parent(path)) \
            or (path.exists() and not _writable(path)):
        raise DatabaseRefused(f"A database cannot be created at {path}: this user may not write "
                              "there. Choose a folder you can write to with --db.")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _upgrade_sqlite(url, path, backup, existing)
    except OperationalError as exc:
        plain = plain_database_error(exc, str(path))
        if plain is None:
            raise
        raise DatabaseRefused(plain) from exc
    engine = _sqlite_engine(url)
    return Database(engine, media_dir, backup)


def _existing_parent(path: Path) -> Path:
    return next(p for p in path.parents if p.exists())


def _open_read_only(path: Path, state: SchemaState, media_dir: Path) -> Database:
    if state.revision != head_revision() or not state.marked:
        raise DatabaseRefused(
            f"{path} is read-only for this user and was made by an earlier ClinicStudio, so it "
            "cannot be brought up to date. Ask whoever manages this computer to let you write "
            "to it (or copy it somewhere you can), then open it again.")
    uri = _read_only_uri(path)
    engine = create_engine("sqlite+pysqlite://", creator=lambda: sqlite3.connect(
        uri, uri=True, timeout=10, check_same_thread=False))
    reason = (f"{path} is read-only for this user: you can look at posts, but nothing can be "
              "saved or published. Ask whoever manages this computer to let you write to it.")
    log.warning("%s", reason)
    return Database(engine, media_dir, read_only=reason)


def _sqlite_engine(url: URL, *, transactional_ddl: bool = False) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 10})
    event.listen(engine, "connect", _on_sqlite_connect)
    if transactional_ddl:
        # pysqlite commits before every CREATE/ALTER on its own; taking over BEGIN makes the
        # whole upgrade (tables, data, the mark) one transaction that rolls back as one.
        def no_driver_transactions(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None
            dbapi_conn.execute("PRAGMA foreign_keys=OFF")  # a table copy must not cascade

        def begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        event.listen(engine, "connect", no_driver_transactions)
        event.listen(engine, "begin", begin)
    return engine


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


def _restore_sqlite(backup: Path, path: Path) -> None:
    with closing(sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)) as source, closing(
        sqlite3.connect(path)
    ) as dest:
        source.backup(dest)


def _upgrade_sqlite(url: URL, path: Path, backup: Path | None, existed: bool) -> None:
    """Upgrade in one transaction; if that still fails, put the backup (or nothing) back."""
    engine = _sqlite_engine(url, transactional_ddl=True)
    try:
        _upgrade(engine)
    except Exception as exc:
        engine.dispose()
        if isinstance(exc, OperationalError) and plain_database_error(exc, str(path)):
            raise
        log.exception("upgrading %s failed", path)
        if backup is not None and _inspect_sqlite_file(path).revision != _revision_of(backup):
            _restore_sqlite(backup, path)
        elif not existed:
            for made in [path, *(path.with_name(path.name + s) for s in SIDE_FILES)]:
                made.unlink(missing_ok=True)
        raise DatabaseRefused(
            f"{path} could not be brought up to date ({type(exc).__name__}); it was left as it "
            "was before. Please report this, with the log, to whoever supports ClinicStudio."
        ) from exc
    engine.dispose()


def _revision_of(path: Path) -> str | None:
    return _inspect_sqlite_file(path).revision


def _stamp(conn: Any) -> None:
    """Put our mark on the database (inside the upgrade's transaction)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def _upgrade(engine: Engine) -> None:
    from alembic import command

    config = _alembic_config()
    # One transaction: PostgreSQL's DDL is transactional, and SQLite's is too once pysqlite no
    # longer commits on its own (see _sqlite_engine); a failed upgrade leaves the old schema.
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        _stamp(conn)
