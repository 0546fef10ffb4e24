"""The vault against a real Secret Service (GNOME Keyring under dbus-run-session).

Run locally with::

    HOME=$(mktemp -d) dbus-run-session -- bash -c \
        'echo -n pw | gnome-keyring-daemon --unlock --components=secrets;
        .venv/bin/pytest tests/unit/accounts/test_keyring_secret_service.py'

They skip where no Secret Service answers, except in CI (``CI`` set), where that is a failure.
"""

from __future__ import annotations

import os
import uuid

import pytest

from clinicstudio.accounts import SecretVault
from clinicstudio.accounts.vault import SERVICE

pytestmark = pytest.mark.keyring


@pytest.fixture
def secret_service() -> object:
    reason = ""
    try:
        from keyring.backends import SecretService

        backend = SecretService.Keyring()
        if backend.priority < 1:
            reason = "the Secret Service backend is not usable"
    except Exception as exc:  # no D-Bus, no daemon, locked collection ...
        reason = f"no Secret Service: {exc}"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the keyring tests against a real Secret Service ({reason})")
        pytest.skip(reason)
    return backend


def test_a_secret_is_stored_read_and_removed_in_the_secret_service(secret_service: object) -> None:
    import secretstorage

    vault = SecretVault(secret_service)  # type: ignore[arg-type]
    key = f"account/mastodon/test-{uuid.uuid4().hex[:8]}"
    vault.ensure_secure()
    vault.save(key, {"access_token": "token-for-the-test"})
    try:
        assert vault.load(key) == {"access_token": "token-for-the-test"}
        connection = secretstorage.dbus_init()
        try:
            items = list(secretstorage.search_items(connection, {"service": SERVICE,
                                                                 "username": key}))
            assert len(items) == 1
        finally:
            connection.close()
    finally:
        vault.delete(key)
    assert secret_service.get_password(SERVICE, key) is None  # type: ignore[attr-defined]
