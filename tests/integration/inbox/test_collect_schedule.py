"""Collection from ``publish-due``: at most once per interval, however many runs there are."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.inbox.collect import refresh_if_due
from clinicstudio.store.database import Database
from tests.helpers.inbox_setup import comment, publish_clinic_post
from tests.helpers.keyring_memory import MemoryKeyring
from tests.helpers.publishing_setup import connect_accounts, running_fakes


def test_publish_due_collects_the_inbox_at_most_every_ten_minutes(
        db: Database, tmp_path: Path) -> None:
    vault = SecretVault(MemoryKeyring())
    now = datetime.now(UTC)
    with running_fakes(networks=[Platform.MASTODON]) as fakes:
        fake = fakes[Platform.MASTODON]
        connect_accounts(db, vault, fakes)
        _post, remote = publish_clinic_post(db, vault, Platform.MASTODON, tmp_path)
        comment(fake, Platform.MASTODON, remote, "Are you open on the 24th?")
        first = refresh_if_due(db, vault, now=now)
        assert first is not None and len(first.new) == 1
        reads = len(fake.calls("GET", "/api/v1/notifications"))
        assert refresh_if_due(db, vault, now=now + timedelta(minutes=5)) is None
        assert len(fake.calls("GET", "/api/v1/notifications")) == reads  # nothing asked
        later = refresh_if_due(db, vault, now=now + timedelta(minutes=11))
        assert later is not None and later.new == []
