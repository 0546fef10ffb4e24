"""Killing ``clinicstudio publish`` at chosen moments neither loses a post nor doubles it.

A fake network stalls one request so the test knows exactly where the publish is, then the
process is killed with SIGKILL (no clean-up of any kind runs) and ``publish`` is started again.
Either the stalled request never took effect (the post must still go out, once) or it did and
only its answer was lost (the post must be found on the network, not sent again).
"""

from __future__ import annotations

import signal
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.store.database import open_database
from tests.helpers.publishing_setup import add_post, connect_accounts, running_fakes, square_photo
from tests.integration.publishing.conftest import Cli, finish, wait_until_reached

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")

MOMENTS = [
    # (network, method, path, the request took effect before the kill)
    pytest.param(Platform.MASTODON, "POST", "/api/v2/media", False, id="uploading-an-image"),
    pytest.param(Platform.X, "POST", "/2/tweets", False, id="x-before-the-post-exists"),
    pytest.param(Platform.FACEBOOK, "POST", "/v25.0/1001/feed", True,
                 id="facebook-created-answer-lost"),
    pytest.param(Platform.BLUESKY, "POST", "/xrpc/com.atproto.repo.createRecord", True,
                 id="bluesky-created-answer-lost"),
    pytest.param(Platform.LINKEDIN, "POST", "/rest/posts", True, id="linkedin-created-answer-lost"),
    pytest.param(Platform.INSTAGRAM, "POST", "/v25.0/17841400000000001/media_publish", True,
                 id="instagram-published-answer-lost"),
]


@pytest.mark.parametrize(("network", "method", "path", "took_effect"), MOMENTS)
def test_kill_and_restart_publishes_each_network_exactly_once(
        cli: Cli, file_vault: SecretVault, db_url: str, tmp_path: Path, network: Platform,
        method: str, path: str, took_effect: bool) -> None:
    photo = square_photo(tmp_path / "waiting-room.jpg")
    with running_fakes() as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        post_id = add_post(db, "New Saturday hours: 9 to 1. See you soon!", images=[photo])
        db.close()
        release = threading.Event()
        fault = fakes[network].fault(method, path, stall=release, stall_after=took_effect,
                                     drop=not took_effect)

        process = cli.start("publish", str(post_id))
        wait_until_reached(process, fault.arrived)
        process.send_signal(signal.SIGKILL)
        finish(process)
        release.set()  # the stalled request ends without an answer to anyone

        code, out, err = finish(cli.start("publish", str(post_id)))

        assert code == 0, out + err
        for name, fake in fakes.items():
            assert len(fake.published) == 1, f"{name.label}: {fake.published}"
        if took_effect:
            assert len(fakes[network].calls(method, path)) == 1  # found, not sent again


def test_a_killed_publish_due_is_finished_by_the_next_run(
        cli: Cli, file_vault: SecretVault, db_url: str) -> None:
    networks = [Platform.X, Platform.MASTODON, Platform.BLUESKY]
    with running_fakes(networks=networks) as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        add_post(db, "Reminder: the clinic is closed on Monday.", networks,
                 at=datetime.now(UTC) - timedelta(minutes=1))
        db.close()
        release = threading.Event()
        fault = fakes[Platform.MASTODON].fault("POST", "/api/v1/statuses", stall=release,
                                               stall_after=True)

        process = cli.start("publish-due")
        wait_until_reached(process, fault.arrived)
        process.send_signal(signal.SIGKILL)
        finish(process)
        release.set()

        code, out, err = finish(cli.start("publish-due"))

        assert code == 0, out + err
        assert "3 sent" in out or "1 post(s) handled" in out
        for fake in fakes.values():
            assert len(fake.published) == 1
        # Mastodon got the same Idempotency-Key again and answered with the original post.
        keys = [r.header("idempotency-key") for r in fakes[Platform.MASTODON].calls(
            "POST", "/api/v1/statuses")]
        assert len(keys) <= 2 and len(set(keys)) == 1
