"""Fixtures for the preview widget tests."""

from __future__ import annotations

import pytest

from tests.helpers.platforms_none_guard import keep_none_alive


@pytest.fixture(autouse=True, scope="session")
def _none_survives_the_qt_binding() -> None:
    keep_none_alive()
