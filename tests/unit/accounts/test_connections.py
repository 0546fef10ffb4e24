"""Connected accounts: no secret in the database, expiry warnings, disconnecting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from clinicstudio.accounts import (
    SecretVault,
    disconnect,
    expiring_connections,
    list_connections,
    save_connection,
)
from clinicstudio.domain import Platform
from clinicstudio.store.database import Database
from tests.helpers.keyring_memory import MemoryKeyring


def test_the_secret_lives_in_the_keyring_and_nowhere_in_the_database(db: Database) -> None:
    vault = SecretVault(MemoryKeyring())
    with db.transaction() as session:
        save_connection(session, vault, network=Platform.MASTODON, name="Mastodon",
                        secrets={"access_token": "very-secret-token-123"},
                        service_url="https://social.example.org")
    with db.session() as session:
        dump = " ".join(str(row) for table in ("connected_accounts", "audit_events")
                        for row in session.execute(text(f"SELECT * FROM {table}")))
        assert "very-secret-token-123" not in dump
        [account] = list_connections(session)
    assert vault.load(account.keyring_key)["access_token"] == "very-secret-token-123"


def test_expiring_connections_are_listed_soonest_first(db: Database) -> None:
    vault = SecretVault(MemoryKeyring())
    now = datetime(2026, 5, 1, 9, tzinfo=UTC)
    with db.transaction() as session:
        for name, days in (("LinkedIn page", 2), ("Old LinkedIn", -1), ("Bluesky", 80)):
            save_connection(session, vault, network=Platform.LINKEDIN, name=name,
                            secrets={"access_token": "t"}, expires_at=now + timedelta(days=days))
        save_connection(session, vault, network=Platform.MASTODON, name="Mastodon",
                        secrets={"access_token": "t"}, service_url="https://m.example.org")
    with db.session() as session:
        warnings = expiring_connections(session, within_days=14, now=now)
    assert [(w.name, w.expired) for w in warnings] == [("Old LinkedIn", True),
                                                       ("LinkedIn page", False)]
    assert warnings[0].message == ("Your LinkedIn connection “Old LinkedIn” expired on 30 April: "
                                   "reconnect it in Accounts.")


def test_disconnect_removes_the_row_and_the_secret(db: Database) -> None:
    backend = MemoryKeyring()
    vault = SecretVault(backend)
    with db.transaction() as session:
        save_connection(session, vault, network=Platform.X, name="X", secrets={"a": "b"})
    with db.transaction() as session:
        disconnect(session, vault, "X")
    with db.session() as session:
        assert list_connections(session) == []
    assert backend.entries == {}
