"""Keyring backends for tests that are not about the OS keyring itself.

``MemoryKeyring`` keeps secrets in a dict; ``FileKeyring`` in a JSON file named by
``CLINICSTUDIO_TEST_KEYRING_FILE``, so a ``clinicstudio`` subprocess started by a test (with
``PYTHON_KEYRING_BACKEND=tests.helpers.keyring_memory.FileKeyring``) sees what the test stored.
Both are real :class:`keyring.backend.KeyringBackend` subclasses, not mocks.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries[(service, username)] = password
        self._store(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if (service, username) not in entries:
            raise PasswordDeleteError("no such entry")
        del entries[(service, username)]
        self._store(entries)

    def _load(self) -> dict[tuple[str, str], str]:
        return self.entries

    def _store(self, entries: dict[tuple[str, str], str]) -> None:
        self.entries = entries


class FileKeyring(MemoryKeyring):
    """Shared between processes through a file (tests only: it is not secret at all)."""

    @property
    def path(self) -> Path:
        return Path(os.environ["CLINICSTUDIO_TEST_KEYRING_FILE"])

    def _load(self) -> dict[tuple[str, str], str]:
        if not self.path.exists():
            return {}
        return {tuple(k.split("\x1f", 1)): v  # type: ignore[misc]
                for k, v in json.loads(self.path.read_text()).items()}

    def _store(self, entries: dict[tuple[str, str], str]) -> None:
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({f"{s}\x1f{u}": v for (s, u), v in entries.items()}))
        temporary.replace(self.path)


class PlaintextLikeKeyring(MemoryKeyring):
    """Stands for a keyring that would keep secrets unprotected (priority below 1)."""

    priority = 0.5  # type: ignore[assignment]


# keyring registers every backend class it sees and would pick these by priority for a plain
# keyring.get_keyring(); they must only ever be used where a test asks for them by name.
for _test_backend in (MemoryKeyring, FileKeyring, PlaintextLikeKeyring):
    KeyringBackend._classes.discard(_test_backend)  # type: ignore[attr-defined]
