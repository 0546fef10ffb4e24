"""Real databases for tests: an SQLite file in a temporary folder, or a fresh PostgreSQL database.

PostgreSQL tests run when ``CLINICSTUDIO_TEST_PG`` names a server URL (``.ci/run`` starts one on
127.0.0.1 and sets it). In CI a missing server is a failure, not a skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "CLINICSTUDIO_TEST_PG"


def postgres_server_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url and os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL tests: set {PG_ENV} (see .ci/run)")
    return url


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """Create an empty database on the test server, yield its URL, drop it afterwards."""
    server = postgres_server_url()
    if server is None:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV} to run these")
    name = f"cs_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@contextmanager
def database_url(kind: str, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty database of ``kind`` ("sqlite" or "postgres")."""
    if kind == "sqlite":
        yield str(tmp_path / "clinic.db")
    else:
        with fresh_postgres_database() as url:
            yield url
