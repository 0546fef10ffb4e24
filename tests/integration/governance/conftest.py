"""The command-line fixtures of the publishing integration tests: a test's database and a
file-backed keyring shared with the ``clinicstudio`` subprocesses."""

from tests.integration.publishing.conftest import cli, file_vault, keyring_file

__all__ = ["cli", "file_vault", "keyring_file"]
