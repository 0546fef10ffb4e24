"""Fixtures the unit suites share: the six loopback networks with connected accounts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.store.database import Database
from tests.helpers.publishing_setup import connect_accounts, running_fakes


@pytest.fixture
def fakes(db: Database, vault: SecretVault) -> Iterator[dict[Platform, Any]]:
    """All six networks running on loopback, each with the clinic's account connected."""
    with running_fakes() as started:
        connect_accounts(db, vault, started)
        yield started
