"""``clinicstudio consents`` end to end in a one-person office: a patient story is blocked
until its authorization is linked, and revoking it takes the post down from Mastodon."""

from __future__ import annotations

from pathlib import Path

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.store.database import open_database
from tests.helpers.keyring_memory import FileKeyring
from tests.helpers.publishing_setup import connect_accounts, running_fakes
from tests.integration.publishing.conftest import Cli

STORY = ("Patient spotlight: Maria Lopez is back to running after knee surgery with our "
         "physical therapy team! Shared with her written permission.")


def test_a_story_needs_its_authorization_and_comes_down_when_it_is_revoked(
        cli: Cli, file_vault: SecretVault, db_url: str, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    form = tmp_path / "maria.pdf"
    form.write_bytes(b"%PDF-1.4 signed")
    with running_fakes(networks=[Platform.MASTODON]) as fakes:
        db = open_database(db_url)
        connect_accounts(db, SecretVault(FileKeyring()), fakes)
        db.close()
        bare = cli.run("posts", "add", "--text-file", str(story), "--network", "mastodon")
        blocked = cli.run("publish", bare.stdout.strip())
        assert blocked.returncode == 1 and "links no patient authorization" in blocked.stdout

        added = cli.run("consents", "add", "--person", "Maria Lopez", "--covers", "name,story",
                        "--signed", "2026-01-05", "--form", str(form))
        assert added.returncode == 0, added.stderr
        consent = added.stdout.strip()
        post = cli.run("posts", "add", "--text-file", str(story), "--network", "mastodon",
                       "--consent", consent).stdout.strip()
        published = cli.run("publish", post)
        assert published.returncode == 0, published.stdout + published.stderr
        assert len(fakes[Platform.MASTODON].published) == 1
        shown = cli.run("consents", "show", consent).stdout
        assert f"Posts relying on it: {post}" in shown and "authorization-" in shown

        listed = cli.run("consents", "revoke", consent, "--reason", "She asked us to.")
        assert listed.returncode == 1 and "--take-down" in listed.stdout
        assert len(fakes[Platform.MASTODON].published) == 1
        taken = cli.run("consents", "revoke", consent, "--reason", "She asked us to.",
                        "--take-down")
        assert taken.returncode == 0, taken.stdout + taken.stderr
        assert f"post {post} on Mastodon: taken down." in taken.stdout
        assert fakes[Platform.MASTODON].published == []
        assert len(fakes[Platform.MASTODON].deleted) == 1
        another = cli.run("posts", "add", "--text-file", str(story), "--network", "mastodon",
                          "--consent", consent).stdout.strip()
        again = cli.run("publish", another)
        assert again.returncode == 1 and "is revoked" in again.stdout
        assert "[revoked]" in cli.run("consents", "list").stdout
