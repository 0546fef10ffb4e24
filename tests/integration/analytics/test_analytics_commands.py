"""`analytics refresh|posts|followers` and `publish-due` reading figures, as a script would."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.store.database import open_database
from tests.helpers.publishing_setup import add_post, connect_accounts, running_fakes
from tests.integration.publishing.conftest import Cli

NETWORKS = [Platform.MASTODON, Platform.BLUESKY, Platform.X]


def test_refresh_then_posts_and_followers_in_the_documented_shapes(
        cli: Cli, file_vault: SecretVault, db_url: str) -> None:
    with running_fakes(networks=NETWORKS) as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        post_id = add_post(db, "Flu shots are in! https://maplefamilyclinic.com/flu", NETWORKS)
        db.close()
        assert cli.run("publish", str(post_id)).returncode == 0
        status_id = fakes[Platform.MASTODON].published[0]["id"]
        fakes[Platform.MASTODON].counts[status_id] = {"favourites_count": 4,
                                                       "reblogs_count": 2, "replies_count": 1}
        fakes[Platform.MASTODON].follower_count = 250
        fakes[Platform.BLUESKY].follower_count = 90

        refreshed = cli.run("analytics", "refresh")
        assert refreshed.returncode == 0, refreshed.stderr
        assert "Read the figures of 3 post(s) and the followers of 3 account(s)." in \
            refreshed.stdout

        posts = json.loads(cli.run("analytics", "posts", "--json").stdout)
        mastodon = next(p for p in posts if p["network"] == "mastodon")
        assert set(mastodon) == {"post_id", "network", "read_at", "metrics"}
        assert mastodon["post_id"] == post_id
        assert mastodon["metrics"] == {"likes": 4, "reposts": 2, "replies": 1, "quotes": 0,
                                       "saves": None, "impressions": None, "reach": None,
                                       "clicks": None}
        assert datetime.fromisoformat(mastodon["read_at"].replace("Z", "+00:00")) <= \
            datetime.now(UTC)
        followers = json.loads(cli.run("analytics", "followers", "--json").stdout)
        assert {(f["network"], f["account"], f["followers"]) for f in followers} == {
            ("mastodon", "maple", 250), ("bluesky", "maple.bsky.social", 90),
            ("x", "maplefamilyclinic", 0)}
        assert all(set(f) == {"network", "account", "followers", "read_at"} for f in followers)

        fakes[Platform.X].error("GET", "/2/tweets", 503, {"title": "Service Unavailable"})
        again = cli.run("analytics", "refresh")
        assert again.returncode == 1
        assert "X: X could not be reached or had a problem on its side. ClinicStudio will " \
            "read the figures again later." in again.stdout
        assert "Traceback" not in again.stderr


def test_publish_due_reads_the_figures_of_what_went_out(
        cli: Cli, file_vault: SecretVault, db_url: str, tmp_path: Path) -> None:
    with running_fakes(networks=[Platform.MASTODON]) as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        add_post(db, "Closed Monday for the holiday.", [Platform.MASTODON],
                 at=datetime.now(UTC) - timedelta(minutes=1))
        from clinicstudio.store.models import Post

        with db.transaction() as session:
            for post in session.query(Post):
                post.status = "scheduled"
        db.close()

        due = cli.run("publish-due", "--json")
        assert due.returncode == 0, due.stderr
        result = json.loads(due.stdout)
        assert result["analytics"] == {"posts_read": 1, "accounts_read": 1, "problems": []}
        # Within the hour nothing is due again: the network is not asked twice.
        again = json.loads(cli.run("publish-due", "--json").stdout)
        assert again["analytics"]["posts_read"] == 0
        # (The inbox reads the post's replies at /context; the figures come from the post.)
        readings = [c for c in fakes[Platform.MASTODON].calls("GET", "/api/v1/statuses/")
                    if not c.path.endswith("/context")]
        assert len(readings) == 1
