"""Fixtures for results tests: a vault on an in-memory keyring, the six loopback networks with
connected accounts, and a helper that publishes a post to all of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform, PostStatus
from clinicstudio.publishing import Publisher
from clinicstudio.store.database import Database
from tests.helpers.publishing_setup import (
    WordChecker,
    add_post,
    square_photo,
)


@pytest.fixture
def published(db: Database, vault: SecretVault, fakes: dict[Platform, Any],
              tmp_path: Path) -> Callable[..., int]:
    """Publish a post (with a photo, so Instagram takes it) to ``networks``; its id."""
    publisher = Publisher(db, vault=vault, checker_factory=WordChecker, inline_wait=0)
    photo = square_photo(tmp_path / "desk.jpg")

    def publish(text: str, networks: list[Platform] | None = None) -> int:
        post_id = add_post(db, text, networks, images=[photo])
        report = publisher.publish_now(post_id)
        assert report.status is PostStatus.PUBLISHED, [o.line for o in report.outcomes]
        return post_id

    return publish
