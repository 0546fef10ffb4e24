"""Fixtures for publishing tests: a vault on an in-memory keyring and the six loopback fakes."""

from __future__ import annotations

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.publishing import Publisher
from clinicstudio.store.database import Database
from tests.helpers.publishing_setup import WordChecker


@pytest.fixture
def publisher(db: Database, vault: SecretVault) -> Publisher:
    return Publisher(db, vault=vault, checker_factory=WordChecker, inline_wait=3.0,
                     retry_base=0.2)
