"""The Accounts window's service: plain status words, connecting, cancelling, disconnecting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.accounts.desk import (
    AccountsDesk,
    BrowserSignIn,
    ConnectRequest,
    SignInCancelled,
    status_words,
)
from clinicstudio.domain import Platform, UserError
from clinicstudio.store.database import Database
from tests.helpers.fake_mastodon import FakeMastodon
from tests.helpers.fake_server import follow_consent
from tests.helpers.keyring_memory import MemoryKeyring, PlaintextLikeKeyring

NOW = datetime(2026, 4, 24, 9, 0, tzinfo=UTC)


def test_status_words_say_when_a_connection_ends() -> None:
    assert status_words(None, NOW) == ("Connected", "connected")
    assert status_words(NOW + timedelta(days=9), NOW) == ("Expires on 3 May (in 9 days)",
                                                          "expiring")
    assert status_words(NOW + timedelta(hours=20), NOW)[0] == "Expires on 25 April (tomorrow)"
    assert status_words(NOW + timedelta(days=50), NOW)[1] == "connected"
    assert status_words(NOW - timedelta(days=1), NOW) == ("Expired: reconnect", "expired")


def test_every_network_has_a_line_and_a_connection_replaces_not_connected(
        sqlite_db: Database) -> None:
    vault = SecretVault(MemoryKeyring())
    desk = AccountsDesk(sqlite_db, vault)
    assert [(r.network, r.status) for r in desk.rows()] == [
        (p, "Not connected") for p in Platform]
    with FakeMastodon() as fake:
        desk.connect(ConnectRequest(Platform.MASTODON, service_url=fake.url),
                     BrowserSignIn(follow_consent))
    row = next(r for r in desk.rows() if r.network is Platform.MASTODON)
    assert (row.name, row.handle, row.status) == ("Mastodon", "maple", "Connected")
    assert "secret" not in repr(row).lower() and "token" not in repr(row).lower()
    desk.disconnect("Mastodon")
    assert not next(r for r in desk.rows() if r.network is Platform.MASTODON).connected
    assert vault.backend.entries == {}  # type: ignore[attr-defined]


def test_cancelling_the_browser_sign_in_stops_at_once(sqlite_db: Database) -> None:
    desk = AccountsDesk(sqlite_db, SecretVault(MemoryKeyring()))
    sign_in = BrowserSignIn(lambda url: None)  # the person never approves...
    sign_in.cancel()  # ...and presses Cancel
    with FakeMastodon() as fake, pytest.raises(SignInCancelled):
        desk.connect(ConnectRequest(Platform.MASTODON, service_url=fake.url), sign_in,
                     timeout=30)
    assert all(not r.connected for r in desk.rows())


def test_missing_answers_and_an_insecure_keyring_are_said_plainly(sqlite_db: Database) -> None:
    desk = AccountsDesk(sqlite_db, SecretVault(MemoryKeyring()))
    with pytest.raises(UserError, match=r"^X needs the client ID"):
        desk.connect(ConnectRequest(Platform.X))
    insecure = AccountsDesk(sqlite_db, SecretVault(PlaintextLikeKeyring()))
    with pytest.raises(UserError, match=r"^Nothing was stored\. .*not secure"):
        insecure.connect(ConnectRequest(Platform.BLUESKY, handle="a.bsky.social",
                                        secret="abcd-efgh-ijkl-mnop"))


def test_a_request_never_shows_its_secret() -> None:
    request = ConnectRequest(Platform.BLUESKY, handle="a", secret="abcd-efgh-ijkl-mnop")
    assert "abcd" not in repr(request)
