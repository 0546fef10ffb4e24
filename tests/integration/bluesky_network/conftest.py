"""Bluesky tests against the AT Protocol development network (tests/helpers/atproto_network)."""

from __future__ import annotations

from tests.integration.publishing.conftest import cli, file_vault, keyring_file

__all__ = ["cli", "file_vault", "keyring_file"]
