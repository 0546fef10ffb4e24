"""The command-line fixtures of the publishing tests, shared by the inbox tests."""

from tests.integration.publishing.conftest import cli, file_vault, keyring_file

__all__ = ["cli", "file_vault", "keyring_file"]
