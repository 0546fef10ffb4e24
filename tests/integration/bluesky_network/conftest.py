"""Bluesky tests against the AT Protocol development network (tests/helpers/atproto_network)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.atproto_network import AtprotoAccount, AtprotoNetwork
from tests.integration.publishing.conftest import Cli, cli, file_vault, keyring_file

__all__ = ["cli", "connected_cli", "file_vault", "keyring_file"]


def connected_cli(network: AtprotoNetwork, clinic: AtprotoAccount, tmp_path: Path) -> Cli:
    """The command line on a new database in ``tmp_path``, with ``clinic``'s Bluesky account
    connected through ``accounts connect`` as a person would."""
    cli = Cli(str(tmp_path / "clinic.db"), tmp_path / "keyring.json")
    connected = cli.run("accounts", "connect", "bluesky", "--handle", clinic.handle,
                        "--service", network.pds_url, stdin=clinic.password + "\n")
    assert connected.returncode == 0, connected.stderr
    return cli
