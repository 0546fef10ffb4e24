"""The publishing commands end to end: add a post, publish it, look at it, as a script would."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.store.database import open_database
from tests.helpers.publishing_setup import connect_accounts, running_fakes, square_photo
from tests.integration.publishing.conftest import Cli

TEXT = "Our flu clinic is open Saturday 9 to 12. Walk-ins welcome! https://maplefamilyclinic.com"


def test_add_publish_show_and_retry_only_what_failed(cli: Cli, file_vault: SecretVault,
                                                     db_url: str, tmp_path: Path) -> None:
    text_file = tmp_path / "post.txt"
    text_file.write_text(TEXT, encoding="utf-8")
    photo = square_photo(tmp_path / "team.jpg")
    with running_fakes() as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        db.close()
        fakes[Platform.LINKEDIN].tokens.clear()  # this connection has been revoked

        added = cli.run("posts", "add", "--text-file", str(text_file), "--image", str(photo),
                        "--alt", "Our team in front of the clinic")
        assert added.returncode == 0, added.stderr
        post_id = added.stdout.strip()
        assert post_id.isdigit()

        first = cli.run("publish", post_id)
        assert first.returncode == 1, first.stderr
        lines = first.stdout.strip().splitlines()
        assert len(lines) == 6
        assert any(line.startswith("LinkedIn: Your LinkedIn connection") for line in lines)
        assert f"Mastodon: {fakes[Platform.MASTODON].published[0]['url']}" in lines

        fakes[Platform.LINKEDIN].tokens.add("li-token")
        second = cli.run("publish", post_id)
        assert second.returncode == 0, second.stdout + second.stderr

        shown = json.loads(cli.run("posts", "show", post_id, "--json").stdout)
        assert shown["status"] == "published"
        assert {e["network"]: e["state"] for e in shown["outbox"]} == {
            p.value: "sent" for p in Platform}
        listed = json.loads(cli.run("posts", "list", "--json").stdout)
        assert [p["id"] for p in listed] == [int(post_id)]
        for fake in fakes.values():
            assert len(fake.published) == 1


def test_publish_due_sends_what_is_due_and_holds_late_posts(cli: Cli, file_vault: SecretVault,
                                                            db_url: str, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    with running_fakes(networks=[Platform.MASTODON, Platform.BLUESKY]) as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        db.close()
        ids = {}
        for name, when in (("due", now - timedelta(minutes=5)),
                           ("late", now - timedelta(hours=3)),
                           ("later", now + timedelta(hours=1))):
            (tmp_path / name).write_text(f"A {name} post about hand washing.", encoding="utf-8")
            # Past times are refused unless --late-ok says they are meant (as here).
            late_ok = ["--late-ok"] if when < now else []
            result = cli.run("posts", "add", "--text-file", str(tmp_path / name), "--network",
                             "mastodon", "--network", "bluesky", "--at", when.isoformat(),
                             *late_ok)
            assert result.returncode == 0, result.stderr
            ids[name] = int(result.stdout)

        due = cli.run("publish-due")
        assert due.returncode == 0, due.stdout + due.stderr
        assert "1 late post(s) held" in due.stdout
        shown = {name: json.loads(cli.run("posts", "show", str(i), "--json").stdout)
                 for name, i in ids.items()}
        assert shown["due"]["status"] == "published"
        assert shown["late"]["status"] == "scheduled" and shown["late"]["held_late"]
        assert shown["later"]["status"] == "scheduled"
        assert [p["text"] for p in fakes[Platform.BLUESKY].published] == [
            "A due post about hand washing."]

        again = cli.run("publish-due")
        assert "Nothing was due." in again.stdout
        assert len(fakes[Platform.MASTODON].published) == 1


def test_publish_says_blocked_with_status_1_and_bad_usage_with_status_2(
        cli: Cli, db_url: str, tmp_path: Path) -> None:
    from clinicstudio.settings import OfficeSettings, save_settings

    db = open_database(db_url)
    with db.transaction() as session:
        save_settings(session, OfficeSettings(require_approval=True))
    db.close()
    text_file = tmp_path / "post.txt"
    text_file.write_text(TEXT, encoding="utf-8")
    post_id = cli.run("posts", "add", "--text-file", str(text_file), "--network",
                      "mastodon").stdout.strip()

    waiting = cli.run("publish", post_id)
    assert waiting.returncode == 1
    said = [line for line in waiting.stderr.splitlines() if line.startswith("clinicstudio:")]
    assert said == ["clinicstudio: This post needs an approver's OK before it can be published."]

    unknown = cli.run("publish", post_id, "--network", "myspace")
    assert unknown.returncode == 2
    said = [line for line in unknown.stderr.splitlines() if line.startswith("clinicstudio:")]
    assert len(said) == 1 and "Unknown network in myspace" in said[0]
    assert "Traceback" not in unknown.stderr
