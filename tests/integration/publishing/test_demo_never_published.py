"""A database with the demo clinic loaded and a real account connected publishes no demo post."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform, PostStatus
from clinicstudio.store.database import open_database
from clinicstudio.store.models import Post
from tests.helpers.publishing_setup import add_post, connect_accounts, running_fakes
from tests.integration.publishing.conftest import Cli


def test_demo_posts_never_go_out_by_publish_or_publish_due(cli: Cli, file_vault: SecretVault,
                                                           db_url: str) -> None:
    loaded = cli.run("demo")
    assert loaded.returncode == 0, loaded.stderr
    with running_fakes(networks=[Platform.BLUESKY]) as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        with db.transaction() as session:
            # Every scheduled demo post is due now, as after a weekend with the computer off.
            session.execute(update(Post).where(Post.status == str(PostStatus.SCHEDULED))
                            .values(scheduled_at=datetime.now(UTC) - timedelta(minutes=1)))
            due = list(session.scalars(select(Post.id).where(
                Post.status == str(PostStatus.SCHEDULED))))
            first = due[0]
        db.close()
        assert due

        due_run = cli.run("publish-due", "--json")
        assert due_run.returncode == 1, due_run.stdout + due_run.stderr
        assert sorted(json.loads(due_run.stdout)["refused_demo"]) == sorted(due)
        plain = cli.run("publish-due")
        assert "demo clinic post(s) not published" in plain.stdout

        by_hand = cli.run("publish", str(first))
        assert by_hand.returncode == 1
        assert "belongs to the demo clinic" in by_hand.stderr
        assert "Traceback" not in by_hand.stderr
        assert fakes[Platform.BLUESKY].published == []

        shown = json.loads(cli.run("posts", "show", str(first), "--json").stdout)
        assert shown["demo"] is True and shown["status"] == "scheduled"


def test_removing_the_demo_keeps_the_clinics_own_posts(cli: Cli, file_vault: SecretVault,
                                                       db_url: str) -> None:
    assert cli.run("demo").returncode == 0
    db = open_database(db_url)
    own = add_post(db, "Our own post about flu shots", [Platform.BLUESKY])
    db.close()
    removed = cli.run("demo", "--remove")
    assert removed.returncode == 0, removed.stderr
    assert "66 demo posts" in removed.stdout
    listed = json.loads(cli.run("posts", "list", "--json").stdout)
    assert [p["id"] for p in listed] == [own]
    again = cli.run("demo", "--remove")
    assert "nothing was removed" in again.stdout
