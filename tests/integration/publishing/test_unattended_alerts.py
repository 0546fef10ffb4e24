"""A scheduled post that fails reaches a person: a desktop notification, a log line that says
what to do, and the last-run record `scheduler status` reads."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.store.database import open_database
from clinicstudio.store.models import ConnectedAccount
from clinicstudio.unattended.last_run import read_last_run
from clinicstudio.unattended.places import log_file
from tests.helpers.publishing_setup import connect_accounts, running_fakes
from tests.integration.publishing.conftest import Cli

# Stands in for the desktop's notify-send: records what would have been shown.
FAKE_NOTIFY_SEND = """#!/bin/sh
printf '%s\\n' "$@" >> "$NOTIFICATIONS"
printf '%s\\n' "--" >> "$NOTIFICATIONS"
"""


@pytest.fixture
def desktop(tmp_path: Path, cli: Cli) -> Path:
    folder = tmp_path / "desktop-bin"
    folder.mkdir()
    tool = folder / "notify-send"
    tool.write_text(FAKE_NOTIFY_SEND)
    tool.chmod(0o755)
    shown = tmp_path / "notifications.txt"
    cli.env.update(PATH=f"{folder}{os.pathsep}{cli.env['PATH']}", NOTIFICATIONS=str(shown),
                   DBUS_SESSION_BUS_ADDRESS="unix:path=/run/user/1000/bus")
    return shown


def _due_post(cli: Cli, tmp_path: Path, *networks: str) -> str:
    text = tmp_path / "post.txt"
    text.write_text("Flu shots every weekday morning, no appointment needed.", encoding="utf-8")
    when = (datetime.now(UTC) - timedelta(minutes=2)).isoformat()
    args = [arg for network in networks for arg in ("--network", network)]
    added = cli.run("posts", "add", "--text-file", str(text), *args, "--at", when,
                     "--late-ok")  # due already: publish-due sends it now
    assert added.returncode == 0, added.stderr
    return added.stdout.strip()


def test_a_failed_scheduled_post_is_announced_and_logged(
        cli: Cli, desktop: Path, file_vault: SecretVault, db_url: str, tmp_path: Path) -> None:
    with running_fakes(networks=[Platform.MASTODON, Platform.LINKEDIN]) as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        db.close()
        fakes[Platform.LINKEDIN].tokens.clear()  # the clinic's LinkedIn connection was revoked
        post = _due_post(cli, tmp_path, "mastodon", "linkedin")

        run = cli.run("publish-due")

    assert run.returncode == 1
    assert f"See the log: {log_file()}" in run.stdout
    shown = desktop.read_text(encoding="utf-8")
    assert "ClinicStudio: A scheduled post could not be published" in shown
    assert f"Post {post} on LinkedIn: Your LinkedIn connection" in shown
    assert str(log_file()) in shown
    logged = log_file().read_text(encoding="utf-8")
    assert f"ERROR clinicstudio.publish_due: Post {post} on LinkedIn: Your LinkedIn connection" \
        in logged
    assert "Reconnect" in logged  # the line says what to do
    assert "li-token" not in logged
    last = read_last_run()
    assert last is not None and not last.ok
    assert any(f"Post {post} on LinkedIn" in problem for problem in last.problems)


def test_a_connection_about_to_expire_is_announced_once_a_day(
        cli: Cli, desktop: Path, file_vault: SecretVault, db_url: str) -> None:
    with running_fakes(networks=[Platform.LINKEDIN]) as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        with db.transaction() as session:
            session.execute(update(ConnectedAccount).values(
                token_expires_at=datetime.now(UTC) + timedelta(days=3)))
        db.close()
        first = cli.run("publish-due")
        second = cli.run("publish-due")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    shown = desktop.read_text(encoding="utf-8")
    assert shown.count("ClinicStudio: a connection is about to expire") == 1
    assert "reconnect it in ClinicStudio › Accounts" in shown


def test_without_a_desktop_nothing_is_shown_but_the_log_has_it(
        cli: Cli, desktop: Path, file_vault: SecretVault, db_url: str, tmp_path: Path) -> None:
    del cli.env["DBUS_SESSION_BUS_ADDRESS"]
    with running_fakes(networks=[Platform.LINKEDIN]) as fakes:
        db = open_database(db_url)
        connect_accounts(db, file_vault, fakes)
        db.close()
        fakes[Platform.LINKEDIN].tokens.clear()
        post = _due_post(cli, tmp_path, "linkedin")
        run = cli.run("publish-due")
    assert run.returncode == 1
    assert not desktop.exists()
    assert f"Post {post} on LinkedIn" in log_file().read_text(encoding="utf-8")
