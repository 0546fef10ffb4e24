"""Fixtures for the studio window tests: a fresh database and a window around it per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from clinicstudio.accounts import SecretVault
from clinicstudio.app import Studio
from clinicstudio.store.database import Database
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import close_window, make_studio, open_window


@pytest.fixture
def studio(sqlite_db: Database, vault: SecretVault) -> Studio:
    studio = make_studio(sqlite_db, vault)
    studio.save_setup(name="Maple Grove Family Health", phones=["(555) 010-2000"],
                      address="12 Main Street, Springfield", website="www.maplegrove.test",
                      staff=["Dana Whitfield", "Sam Ortiz"], time_zone="America/Chicago")
    return studio


@pytest.fixture
def window(qtbot: QtBot, studio: Studio) -> Iterator[MainWindow]:
    window = open_window(qtbot, studio)
    yield window
    close_window(qtbot, window)


@pytest.fixture(autouse=True)
def _collect_window_garbage(qtbot: QtBot) -> Iterator[None]:
    """Free each test's Qt wrappers while Qt is still running, not at interpreter exit."""
    yield
    import gc

    gc.collect()
