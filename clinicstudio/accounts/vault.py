"""Secrets in the operating system's keyring, and nowhere else.

Tokens and app passwords are kept as one JSON entry per connected account, under the service
name "ClinicStudio" and the entry name the database keeps (``ConnectedAccount.keyring_key``).
When the only keyring available would keep secrets in plain text, or there is none, nothing is
stored and the person is told why.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from clinicstudio.domain import UserError

SERVICE = "ClinicStudio"
log = logging.getLogger(__name__)

# Backends that would write secrets where anyone with the file can read them.
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class KeyringUnavailable(UserError):
    """No secure keyring on this computer; the message says what to do."""


class SecretMissing(UserError):
    """An account's secret is not (or no longer) in this computer's keyring."""


class SecretNotRemoved(UserError):
    """The keyring could not be asked to remove a secret: it may still be there."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(
            f"Its password or token could not be removed from the keyring ({reason}), so it may "
            f"still be there. Remove it yourself in the computer's keyring: service "
            f"\"{SERVICE}\", entry \"{key}\".")
        self.key = key


def plain_keyring_error(exc: BaseException) -> str:
    """The keyring library's complaint in a few words, without its advice to install a
    plain-text store (keyrings.alt), which would leave passwords readable to anyone."""
    text = str(exc).strip()
    if "keyrings.alt" in text or "No recommended backend" in text or not text:
        return "no keyring is available"
    return text.splitlines()[0]


def _leaves(backend: KeyringBackend) -> list[KeyringBackend]:
    inner = getattr(backend, "backends", None)
    return list(inner) if isinstance(inner, (list, tuple)) else [backend]


def insecure_reason(backend: KeyringBackend) -> str | None:
    """Why ``backend`` must not hold secrets, or None when it is a real OS keyring."""
    leaves = _leaves(backend)
    if not leaves:
        return "no keyring is available"
    for leaf in leaves:
        module = type(leaf).__module__
        if module.startswith(_INSECURE_MODULES):
            return f"the only keyring available ({type(leaf).__name__}) is not secure"
        try:
            priority = float(leaf.priority)
        except Exception:  # a backend that cannot say is not one we trust
            return f"the keyring {type(leaf).__name__} is not usable here"
        if priority < 1:
            return f"the keyring {type(leaf).__name__} is not secure enough"
    return None


class SecretVault:
    """Reads and writes account secrets in the OS keyring (or the backend given, for tests)."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        return self._backend or keyring.get_keyring()

    def ensure_secure(self) -> None:
        reason = insecure_reason(self.backend)
        if reason:
            raise KeyringUnavailable(
                f"ClinicStudio will not store the password: {reason}. Passwords and tokens are "
                "only kept in the computer's own keyring (Windows Credential Manager, macOS "
                "Keychain, or GNOME Keyring / KWallet on Linux); turn it on and try again.")

    def save(self, key: str, secrets: Mapping[str, Any]) -> None:
        self.ensure_secure()
        try:
            self.backend.set_password(SERVICE, key, json.dumps(dict(secrets)))
        except KeyringError as exc:
            raise KeyringUnavailable(f"The keyring refused to store the password "
                                     f"({plain_keyring_error(exc)}). "
                                     "Unlock the keyring and try again.") from exc

    def load(self, key: str, *, label: str = "this account") -> dict[str, Any]:
        try:
            value = self.backend.get_password(SERVICE, key)
        except KeyringError as exc:
            raise KeyringUnavailable(f"The keyring could not be read ({plain_keyring_error(exc)})."
                                     " Turn it on or unlock it, and try again.") from exc
        if not value:
            raise SecretMissing(f"The password for {label} is not in this computer's keyring. "
                                "Reconnect it in Accounts.")
        try:
            data = json.loads(value)
        except ValueError:
            data = {"access_token": value}
        return data if isinstance(data, dict) else {"access_token": str(data)}

    def delete(self, key: str) -> None:
        """Remove a secret; :class:`SecretNotRemoved` (naming the entry) when that cannot be done.

        An entry that is not there counts as removed: the goal is reached.
        """
        reason = insecure_reason(self.backend)
        if reason:
            raise SecretNotRemoved(key, reason)
        try:
            self.backend.delete_password(SERVICE, key)
        except PasswordDeleteError:
            pass
        except KeyringError as exc:
            log.warning("could not remove keyring entry %s: %s", key, plain_keyring_error(exc))
            raise SecretNotRemoved(key, plain_keyring_error(exc)) from exc
