"""Fixtures every test may use. Area-specific fakes live in tests/helpers/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.store.database import Database, open_database
from tests.helpers.atproto_network import AtprotoNetwork, require_network, running_network
from tests.helpers.databases import database_url
from tests.helpers.keyring_memory import MemoryKeyring


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's data folder, database or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("CLINICSTUDIO_DB", raising=False)
    # The rules' compiled patterns are the same for every test: one copy for the session spares
    # each test's first command the compiling (tests of the cache itself set their own).
    monkeypatch.setenv("CLINICSTUDIO_PATTERN_CACHE",
                       str(tmp_path_factory.getbasetemp() / "compiled-patterns.bin"))


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL, once on SQLite and once on PostgreSQL."""
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An open, migrated, empty database (SQLite and PostgreSQL)."""
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """An open, migrated, empty SQLite database, for tests about SQLite itself."""
    database = open_database(tmp_path / "clinic.db")
    yield database
    database.close()


@pytest.fixture
def vault() -> SecretVault:
    """Network tokens kept in a keyring in memory (the real Secret Service has tests of its
    own): most tests only need somewhere to put them."""
    return SecretVault(MemoryKeyring())


@pytest.fixture(scope="session")
def atproto_network() -> Iterator[AtprotoNetwork]:
    """The AT Protocol's development network (PLC, PDS, AppView) on loopback, once a session."""
    require_network()
    with running_network() as network:
        yield network


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With the run spread over processes (``pytest -n``), the tests on the AT Protocol's
    development network all go to one of them, so that only one network is started."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if "atproto_network" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("atproto-network"))
