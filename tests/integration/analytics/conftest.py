"""The command-line fixtures of the publishing tests: ``clinicstudio`` in subprocesses with a
file-backed test keyring."""

from tests.integration.publishing.conftest import cli, file_vault, keyring_file

__all__ = ["cli", "file_vault", "keyring_file"]
