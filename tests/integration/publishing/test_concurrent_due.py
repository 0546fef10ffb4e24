"""Several ``publish-due`` processes at once, on one SQLite file and on one PostgreSQL database:
every due post reaches every network exactly once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.store.database import open_database
from tests.helpers.publishing_setup import add_post, connect_accounts, running_fakes
from tests.integration.publishing.conftest import Cli, finish

POSTS = 8
PROCESSES = 4


def test_concurrent_publish_due_sends_each_post_once(cli: Cli, file_vault: SecretVault,
                                                     db_url: str) -> None:
    due = datetime.now(UTC) - timedelta(minutes=2)
    # A little latency widens the window in which the processes overlap.
    with running_fakes(latency=0.05) as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        texts = [f"Tip {i}: wash your hands for twenty seconds." for i in range(POSTS)]
        for text in texts:
            add_post(db, text, [Platform.X, Platform.MASTODON, Platform.BLUESKY,
                                Platform.LINKEDIN, Platform.FACEBOOK], at=due)
        db.close()

        processes = [cli.start("publish-due") for _ in range(PROCESSES)]
        results = [finish(p) for p in processes]

        assert all(code == 0 for code, _, _ in results), results
        sent = {
            Platform.X: [p["text"] for p in fakes[Platform.X].published],
            Platform.MASTODON: [p["content"] for p in fakes[Platform.MASTODON].published],
            Platform.BLUESKY: [p["text"] for p in fakes[Platform.BLUESKY].published],
            Platform.LINKEDIN: [p["commentary"] for p in fakes[Platform.LINKEDIN].published],
            Platform.FACEBOOK: [p["message"] for p in fakes[Platform.FACEBOOK].published],
        }
        for network, items in sent.items():
            assert len(items) == POSTS, network
            assert max(Counter(items).values()) == 1, network
        # X and Facebook refuse exact duplicates themselves; make sure none was even tried.
        assert len(fakes[Platform.X].calls("POST", "/2/tweets")) == POSTS
        assert len(fakes[Platform.FACEBOOK].calls("POST", "/v25.0/1001/feed")) == POSTS
