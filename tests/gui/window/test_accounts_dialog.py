"""Clinic → Accounts: connecting against loopback networks, the expiry banner, disconnecting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from clinicstudio.accounts import SecretVault, save_connection
from clinicstudio.app import Studio
from clinicstudio.domain import Platform
from clinicstudio.store.database import Database
from clinicstudio.store.models import ConnectedAccount
from clinicstudio.ui.accounts.dialog import AccountsDialog
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.fake_bluesky import FakeBluesky
from tests.helpers.fake_mastodon import FakeMastodon
from tests.helpers.fake_server import follow_consent
from tests.helpers.gui_window import close_window, make_studio, open_window
from tests.helpers.keyring_memory import MemoryKeyring, PlaintextLikeKeyring

LEFT = Qt.MouseButton.LeftButton


def open_accounts(qtbot: QtBot, window: MainWindow) -> AccountsDialog:
    window.accounts.action.trigger()
    dialog = window.accounts.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: len(dialog.lines) >= len(Platform), timeout=5_000)
    return dialog


def submit(qtbot: QtBot, dialog: AccountsDialog) -> None:
    """Press Connect and wait for the answer (success or a message)."""
    qtbot.mouseClick(dialog.submit, LEFT)
    qtbot.waitUntil(lambda: dialog.submit.isEnabled(), timeout=15_000)


def keyring_entries(vault: SecretVault) -> dict[tuple[str, str], str]:
    backend = vault.backend
    assert isinstance(backend, MemoryKeyring)
    return backend.entries


def test_connecting_bluesky_shows_connected_and_keeps_the_password_in_the_keyring(
        qtbot: QtBot, window: MainWindow, vault: SecretVault, sqlite_db: Database,
        tmp_path: Path) -> None:
    dialog = open_accounts(qtbot, window)
    assert dialog.line_for(Platform.BLUESKY).status.text() == "Not connected"
    with FakeBluesky() as fake:
        qtbot.mouseClick(dialog.line_for(Platform.BLUESKY).connect_button, LEFT)
        form = dialog.form
        assert form is not None and dialog.pages.currentIndex() == 1
        form.handle.setText(fake.user_handle)
        form.secret.setText(fake.app_password)
        form.server.setText(fake.url)
        with qtbot.waitSignal(dialog.changed, timeout=15_000):
            qtbot.mouseClick(dialog.submit, LEFT)
        assert fake.logins == 1

    qtbot.waitUntil(lambda: dialog.line_for(Platform.BLUESKY).row.connected, timeout=5_000)
    line = dialog.line_for(Platform.BLUESKY)
    assert line.status.text() == "Connected"
    assert fake.user_handle in line.details.text()
    assert dialog.pages.currentIndex() == 0
    # The password went to the keyring, and nowhere the person or the database can see it.
    assert any(fake.app_password in value for value in keyring_entries(vault).values())
    assert form.secret.text() == ""
    shown = [label.text() for label in dialog.findChildren(type(line.status))]
    assert not any(fake.app_password in text for text in shown)
    with sqlite_db.session() as session:
        account = session.scalars(select(ConnectedAccount)).one()
        assert fake.app_password not in repr(vars(account))
    assert fake.app_password.encode() not in (tmp_path / "clinic.db").read_bytes()


def test_connecting_mastodon_signs_in_through_the_browser(
        qtbot: QtBot, window: MainWindow, vault: SecretVault) -> None:
    window.accounts.open_browser = follow_consent  # plays the person approving in the browser
    dialog = open_accounts(qtbot, window)
    with FakeMastodon() as fake:
        qtbot.mouseClick(dialog.line_for(Platform.MASTODON).connect_button, LEFT)
        assert dialog.form is not None
        dialog.form.server.setText(fake.url)
        with qtbot.waitSignal(dialog.changed, timeout=15_000):
            qtbot.mouseClick(dialog.submit, LEFT)
    qtbot.waitUntil(lambda: dialog.line_for(Platform.MASTODON).row.connected, timeout=5_000)
    line = dialog.line_for(Platform.MASTODON)
    assert line.status.text() == "Connected"
    assert "@maple" in line.details.text()
    stored = " ".join(keyring_entries(vault).values())
    assert "access_token" in stored


def test_a_browser_sign_in_waits_and_can_be_cancelled(
        qtbot: QtBot, window: MainWindow, vault: SecretVault, sqlite_db: Database) -> None:
    opened: list[str] = []
    window.accounts.open_browser = opened.append  # the person never approves
    dialog = open_accounts(qtbot, window)
    with FakeMastodon() as fake:
        qtbot.mouseClick(dialog.line_for(Platform.MASTODON).connect_button, LEFT)
        assert dialog.form is not None
        dialog.form.server.setText(fake.url)
        qtbot.mouseClick(dialog.submit, LEFT)
        qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
        assert dialog.progress.text() == "Waiting for you to approve in your browser…"
        assert dialog.cancel.isVisible() and not dialog.submit.isEnabled()
        qtbot.mouseClick(dialog.cancel, LEFT)
        qtbot.waitUntil(lambda: dialog.submit.isEnabled(), timeout=10_000)
    assert dialog.progress.text() == "Cancelled. Nothing was changed."
    assert keyring_entries(vault) == {}
    with sqlite_db.session() as session:
        assert session.scalars(select(ConnectedAccount)).all() == []


def test_missing_answers_are_asked_for_in_plain_words(
        qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_accounts(qtbot, window)
    qtbot.mouseClick(dialog.line_for(Platform.BLUESKY).connect_button, LEFT)
    submit(qtbot, dialog)
    assert dialog.progress.text() == "Bluesky needs your handle and an app password."
    assert "--" not in dialog.progress.text()


@pytest.fixture
def expiring_soon(studio: Studio, vault: SecretVault) -> None:
    with studio.db.transaction() as session:
        save_connection(session, vault, network=Platform.LINKEDIN, name="LinkedIn",
                        secrets={"access_token": "li-secret-token"},
                        handle="urn:li:organization:42", service_url="http://127.0.0.1:9",
                        expires_at=_noon_in(days=5))


def _noon_in(days: int) -> datetime:
    """Noon (UTC) that many calendar days from today: "in 5 days" whatever the hour of the run."""
    return datetime.combine(datetime.now(UTC).date() + timedelta(days=days), time(12), UTC)


@pytest.fixture
def window_with_expiry(qtbot: QtBot, studio: Studio,
                       expiring_soon: None) -> Iterator[MainWindow]:
    window = open_window(qtbot, studio)
    yield window
    close_window(qtbot, window)


def test_an_expiring_connection_shows_the_banner_and_reconnect_opens_it(
        qtbot: QtBot, window_with_expiry: MainWindow) -> None:
    window = window_with_expiry
    qtbot.waitUntil(lambda: window.expiry.showing, timeout=5_000)
    banner = window.expiry.banner
    assert banner.text.text().startswith("Your LinkedIn connection expires on ")
    assert "(in 5 days)" in banner.text.text()
    assert "li-secret-token" not in banner.text.text()

    qtbot.mouseClick(banner.reconnect, LEFT)

    dialog = window.accounts.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.pages.currentIndex() == 1
    assert dialog.form is not None and dialog.form.network is Platform.LINKEDIN
    assert dialog.submit.text() == "Reconnect"
    qtbot.waitUntil(lambda: bool(dialog.lines), timeout=5_000)
    assert dialog.line_for(Platform.LINKEDIN).status.text().startswith("Expires on ")
    assert dialog.line_for(Platform.LINKEDIN).status.text().endswith("(in 5 days)")


def test_later_hides_the_banner(qtbot: QtBot, window_with_expiry: MainWindow) -> None:
    window = window_with_expiry
    qtbot.waitUntil(lambda: window.expiry.showing, timeout=5_000)
    qtbot.mouseClick(window.expiry.banner.later, LEFT)
    assert not window.expiry.showing


def test_no_banner_without_expiring_connections(qtbot: QtBot, window: MainWindow) -> None:
    ran: list[bool] = []
    window.workers.database(lambda: None, lambda _result: ran.append(True))
    qtbot.waitUntil(lambda: bool(ran), timeout=5_000)  # after the start-up check, on one thread
    assert not window.expiry.showing


def test_disconnect_removes_the_account_and_its_secret(
        qtbot: QtBot, window_with_expiry: MainWindow, vault: SecretVault,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = window_with_expiry
    monkeypatch.setattr(AccountsDialog, "confirm_disconnect", lambda self, row: True)
    dialog = open_accounts(qtbot, window)
    assert keyring_entries(vault)
    with qtbot.waitSignal(dialog.changed, timeout=5_000):
        qtbot.mouseClick(dialog.line_for(Platform.LINKEDIN).disconnect_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.line_for(Platform.LINKEDIN).row.connected,
                    timeout=5_000)
    assert dialog.line_for(Platform.LINKEDIN).status.text() == "Not connected"
    assert keyring_entries(vault) == {}
    qtbot.waitUntil(lambda: not window.expiry.showing, timeout=5_000)


def test_a_keyring_that_is_not_secure_stores_nothing_and_says_so(
        qtbot: QtBot, sqlite_db: Database) -> None:
    insecure = SecretVault(PlaintextLikeKeyring())
    studio = make_studio(sqlite_db, insecure)
    window = open_window(qtbot, studio)
    try:
        dialog = open_accounts(qtbot, window)
        with FakeBluesky() as fake:
            qtbot.mouseClick(dialog.line_for(Platform.BLUESKY).connect_button, LEFT)
            assert dialog.form is not None
            dialog.form.handle.setText(fake.user_handle)
            dialog.form.secret.setText(fake.app_password)
            dialog.form.server.setText(fake.url)
            submit(qtbot, dialog)
            assert fake.logins == 0  # refused before anything was sent
        message = dialog.progress.text()
        assert message.startswith("Nothing was stored.")
        assert "keyring" in message and "not secure" in message
        assert fake.app_password not in message
        assert insecure.backend.entries == {}  # type: ignore[attr-defined]
        with sqlite_db.session() as session:
            assert session.scalars(select(ConnectedAccount)).all() == []
    finally:
        close_window(qtbot, window)


def test_closing_the_window_during_a_sign_in_stops_waiting(
        qtbot: QtBot, studio: Studio, vault: SecretVault) -> None:
    window = open_window(qtbot, studio)
    opened: list[str] = []
    window.accounts.open_browser = opened.append
    dialog = open_accounts(qtbot, window)
    with FakeMastodon() as fake:
        qtbot.mouseClick(dialog.line_for(Platform.MASTODON).connect_button, LEFT)
        assert dialog.form is not None
        dialog.form.server.setText(fake.url)
        qtbot.mouseClick(dialog.submit, LEFT)
        qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
        close_window(qtbot, window)  # waits for every worker: the sign-in must have ended
    assert keyring_entries(vault) == {}
