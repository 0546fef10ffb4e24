"""Secrets go to the keyring only, and never to an insecure one."""

from __future__ import annotations

import pytest
from keyring.backends import fail

from clinicstudio.accounts import KeyringUnavailable, SecretMissing, SecretVault
from clinicstudio.accounts.vault import SERVICE
from tests.helpers.keyring_memory import MemoryKeyring, PlaintextLikeKeyring


def test_secrets_round_trip_under_the_clinicstudio_service() -> None:
    backend = MemoryKeyring()
    vault = SecretVault(backend)
    vault.save("account/x/Front desk", {"access_token": "a1", "refresh_token": "r1"})

    assert vault.load("account/x/Front desk") == {"access_token": "a1", "refresh_token": "r1"}
    assert list(backend.entries) == [(SERVICE, "account/x/Front desk")]
    vault.delete("account/x/Front desk")
    vault.delete("account/x/Front desk")  # already gone is fine
    with pytest.raises(SecretMissing, match="Reconnect it in Accounts"):
        vault.load("account/x/Front desk")


@pytest.mark.parametrize("backend", [fail.Keyring(), PlaintextLikeKeyring()])
def test_an_insecure_or_missing_keyring_is_refused_with_a_plain_message(backend: object) -> None:
    vault = SecretVault(backend)  # type: ignore[arg-type]
    with pytest.raises(KeyringUnavailable, match="will not store the password"):
        vault.save("account/bluesky/Clinic", {"app_password": "abcd-efgh"})
    assert getattr(backend, "entries", {}) == {}
