"""Passphrases kept only as a slow salted hash (scrypt), never in clear anywhere.

The stored text names its parameters (``scrypt$n$r$p$salt$hash``), so they can be raised later
without locking anyone out: an older hash still verifies with the parameters it was made with.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets

# 16 MB and a tenth of a second or so per try (benchmarks/bench_governance.py): slow for
# guessing, quick enough to sign in.
N, R, P = 2**14, 8, 1
MIN_LENGTH = 8


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=32)


def hash_passphrase(passphrase: str) -> str:
    salt = secrets.token_bytes(16)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(_derive(passphrase, salt, N, R, P))}"


def verify_passphrase(passphrase: str, stored: str) -> bool:
    """Whether ``passphrase`` matches ``stored``; a malformed ``stored`` never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        derived = _derive(passphrase, _unb64(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(derived, _unb64(digest))


@functools.cache
def decoy() -> str:
    """Compared against when a name is unknown, so a wrong name costs the same time as a wrong
    passphrase and the answer reveals nothing about which one was wrong."""
    return hash_passphrase(secrets.token_urlsafe(16))


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is not good enough, or None."""
    if len(passphrase) < MIN_LENGTH:
        return (f"A passphrase needs at least {MIN_LENGTH} characters; a few words together "
                "are easy to remember and hard to guess.")
    if passphrase.strip() != passphrase:
        return "A passphrase cannot start or end with a space."
    return None
