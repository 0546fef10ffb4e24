"""Passphrases are kept as salted scrypt hashes that verify only the right passphrase."""

from __future__ import annotations

from clinicstudio.governance.passphrases import (
    hash_passphrase,
    passphrase_problem,
    verify_passphrase,
)


def test_a_hash_verifies_its_passphrase_only_and_never_contains_it() -> None:
    stored = hash_passphrase("correct horse battery")
    assert stored.startswith("scrypt$")
    assert "correct horse" not in stored
    assert verify_passphrase("correct horse battery", stored)
    assert not verify_passphrase("correct horse batterY", stored)


def test_the_same_passphrase_gets_a_different_salt_each_time() -> None:
    assert hash_passphrase("same words here") != hash_passphrase("same words here")


def test_a_malformed_stored_hash_never_matches() -> None:
    assert not verify_passphrase("anything at all", "")
    assert not verify_passphrase("anything at all", "md5$abc")
    assert not verify_passphrase("anything at all", "scrypt$x$8$1$abc$def")


def test_short_passphrases_are_refused_with_a_reason() -> None:
    assert "at least 8" in (passphrase_problem("short") or "")
    assert passphrase_problem("four words long enough") is None
