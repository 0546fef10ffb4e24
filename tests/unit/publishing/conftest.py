"""Fixtures for publishing tests: a vault on an in-memory keyring and the six loopback fakes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.publishing import Publisher
from clinicstudio.store.database import Database
from tests.helpers.publishing_setup import WordChecker, connect_accounts, running_fakes


@pytest.fixture
def fakes(db: Database, vault: SecretVault) -> Iterator[dict[Platform, Any]]:
    with running_fakes() as started:
        connect_accounts(db, vault, started)
        yield started


@pytest.fixture
def publisher(db: Database, vault: SecretVault) -> Publisher:
    return Publisher(db, vault=vault, checker_factory=WordChecker, inline_wait=3.0,
                     retry_base=0.2)
