"""``clinicstudio accounts``: secrets from standard input only, browser sign-in, refusals."""

from __future__ import annotations

import json
import sys

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from tests.helpers.fake_bluesky import FakeBluesky
from tests.helpers.fake_linkedin import FakeLinkedIn
from tests.helpers.fake_mastodon import FakeMastodon
from tests.helpers.fake_x import FakeX
from tests.integration.publishing.conftest import ROOT, Cli


def test_connect_bluesky_with_a_password_on_stdin_list_and_disconnect(
        cli: Cli, file_vault: SecretVault) -> None:
    with FakeBluesky() as fake:
        connected = cli.run("accounts", "connect", "bluesky", "--name", "Clinic Bluesky",
                            "--handle", fake.user_handle, "--service", fake.url,
                            stdin=fake.app_password + "\n")
        assert connected.returncode == 0, connected.stderr
        assert "Connected Bluesky as maple.bsky.social" in connected.stdout
        listed = cli.run("accounts", "list", "--json")
        [row] = json.loads(listed.stdout)
        assert row["network"] == "bluesky" and row["handle"] == fake.user_handle
        assert fake.app_password not in listed.stdout + connected.stdout + connected.stderr
        key = f"account/{Platform.BLUESKY.value}/Clinic Bluesky"
        assert file_vault.load(key)["did"] == fake.did

        removed = cli.run("accounts", "disconnect", "Clinic Bluesky")
        assert removed.returncode == 0
        assert json.loads(cli.run("accounts", "list", "--json").stdout) == []
        assert file_vault.backend.get_password("ClinicStudio", key) is None


def test_connect_mastodon_through_the_browser_sign_in(cli: Cli) -> None:
    cli.env["BROWSER"] = f"{sys.executable} {ROOT / 'tests/helpers/fake_browser.py'} %s"
    with FakeMastodon() as fake:
        result = cli.run("accounts", "connect", "mastodon", "--service", fake.url, timeout=60)
        assert result.returncode == 0, result.stderr
        assert "Connected Mastodon as maple" in result.stdout
        assert len(fake.calls("POST", "/api/v1/apps")) == 1


def test_no_secure_keyring_means_nothing_is_stored(cli: Cli) -> None:
    cli.env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    with FakeBluesky() as fake:
        result = cli.run("accounts", "connect", "bluesky", "--handle", fake.user_handle,
                         "--service", fake.url, stdin=fake.app_password + "\n")
        assert result.returncode == 2
        assert "will not store the password" in result.stderr
        assert fake.logins == 0
    assert json.loads(cli.run("accounts", "list", "--json").stdout) == []


def test_connect_x_in_the_browser_and_linkedin_with_a_pasted_token(cli: Cli) -> None:
    cli.env["BROWSER"] = f"{sys.executable} {ROOT / 'tests/helpers/fake_browser.py'} %s"
    with FakeX() as x, FakeLinkedIn() as linkedin:
        result = cli.run("accounts", "connect", "x", "--client-id", x.client_id,
                         "--service", x.url, "--authorize-url", f"{x.url}/i/oauth2/authorize",
                         "--port", "0", timeout=60)
        assert result.returncode == 0, result.stderr
        assert "Connected X as maplefamilyclinic" in result.stdout

        pasted = cli.run("accounts", "connect", "linkedin", "--token", "--service",
                         linkedin.url, stdin="li-token\n")
        assert pasted.returncode == 0, pasted.stderr
        assert "It expires on" in pasted.stdout
        rows = {r["network"]: r for r in json.loads(cli.run("accounts", "list", "--json").stdout)}
        assert rows["linkedin"]["handle"] == linkedin.organization
        assert rows["linkedin"]["expires_at"] is not None and not rows["linkedin"]["expired"]
        assert rows["x"]["expires_at"] is None


def test_disconnect_without_a_keyring_tells_the_truth_and_names_the_entry(
        cli: Cli, file_vault: SecretVault) -> None:
    with FakeBluesky() as fake:
        connected = cli.run("accounts", "connect", "bluesky", "--name", "Front desk",
                            "--handle", fake.user_handle, "--service", fake.url,
                            stdin=fake.app_password + "\n")
        assert connected.returncode == 0, connected.stderr
    key = f"account/{Platform.BLUESKY.value}/Front desk"
    cli.env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

    result = cli.run("accounts", "disconnect", "Front desk")

    assert result.returncode == 1
    assert "removed from the keyring" not in result.stdout
    assert f'service "ClinicStudio", entry "{key}"' in result.stderr
    assert "keyrings.alt" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert file_vault.load(key)["did"] == fake.did  # the truth: it is still there


def test_the_keyring_librarys_plain_text_advice_is_never_passed_on() -> None:
    from keyring.backends.fail import Keyring as NoKeyring

    from clinicstudio.accounts.vault import KeyringUnavailable

    try:
        SecretVault(NoKeyring()).load("account/x/Front desk")
    except KeyringUnavailable as exc:
        assert "keyrings.alt" not in str(exc) and "no keyring is available" in str(exc)
    else:
        raise AssertionError("a missing keyring must be reported")
