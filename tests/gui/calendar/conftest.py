"""Fixtures for the calendar pane: a clinic in New York, posts, and a pane over them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from clinicstudio.planning import CalendarService
from clinicstudio.store.database import Database
from clinicstudio.ui.calendar import CalendarPane
from tests.helpers.planning_posts import NOW, set_up_clinic


@pytest.fixture
def clinic(sqlite_db: Database) -> tuple[Database, int, int]:
    campaign_id, segment_id = set_up_clinic(sqlite_db)
    return sqlite_db, campaign_id, segment_id


@pytest.fixture
def service(clinic: tuple[Database, int, int]) -> CalendarService:
    return CalendarService(clinic[0], actor="Dana", now=lambda: NOW)


@pytest.fixture
def make_pane(qtbot: QtBot, service: CalendarService) -> Iterator[type[CalendarPane]]:
    """Call it after adding posts: builds, sizes and shows a pane in November 2026."""
    panes: list[CalendarPane] = []

    def build() -> CalendarPane:
        pane = CalendarPane(service)
        qtbot.addWidget(pane)
        pane.resize(1200, 820)
        pane.show()
        qtbot.waitExposed(pane)
        panes.append(pane)
        return pane

    yield build  # type: ignore[misc]
    for pane in panes:
        pane.close()
