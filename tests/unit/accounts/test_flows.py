"""Connecting each network against its loopback fake, the browser played by a small function."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest

from clinicstudio.accounts import SecretVault, connection_for, flows
from clinicstudio.domain import Platform, UserError
from clinicstudio.platforms.api import OutgoingPost, client_for
from clinicstudio.store.database import Database
from tests.helpers.fake_bluesky import FakeBluesky
from tests.helpers.fake_facebook import FakeFacebook
from tests.helpers.fake_instagram import FakeInstagram
from tests.helpers.fake_linkedin import FakeLinkedIn
from tests.helpers.fake_mastodon import FakeMastodon
from tests.helpers.fake_server import Reply, Request, follow_consent, redirect
from tests.helpers.fake_x import FakeX


def test_x_pkce_on_loopback_then_rotating_refresh_tokens(sqlite_db: Database,
                                                          vault: SecretVault) -> None:
    with FakeX() as fake, sqlite_db.transaction() as session:
        account = flows.connect_x(session, vault, name="Clinic X", client_id=fake.client_id,
                                  service_url=fake.url,
                                  authorize_url=f"{fake.url}/i/oauth2/authorize", port=0,
                                  open_browser=follow_consent)
        assert account.handle == fake.username and account.remote_id == fake.user_id
        first = vault.load(account.keyring_key)
        # The access token has run out: the client renews it, and the new refresh token
        # replaces the old one in the keyring before anything else happens.
        connection = connection_for(account, vault)
        connection.secrets["expires_at"] = 0
        client = client_for(connection)
        client.publish(OutgoingPost("Hello from the clinic!", "k1"))
        client.close()
        renewed = vault.load(account.keyring_key)
        assert renewed["refresh_token"] != first["refresh_token"]
        assert first["refresh_token"] not in fake.refresh_tokens
        assert len(fake.published) == 1


def test_mastodon_registers_the_app_and_signs_in_with_pkce(sqlite_db: Database,
                                                            vault: SecretVault) -> None:
    with FakeMastodon() as fake, sqlite_db.transaction() as session:
        fake.image_size_limit = 8 * 1024 * 1024
        account = flows.connect_mastodon(session, vault, name="Mastodon", service_url=fake.url,
                                         open_browser=follow_consent)
        assert account.remote_id == fake.account_id
        assert account.details["max_characters"] == 500
        assert account.details["image_size_limit"] == 8 * 1024 * 1024  # the server's own
        assert vault.load(account.keyring_key)["access_token"] in fake.tokens


def test_bluesky_logs_in_once_and_then_only_refreshes(
        sqlite_db: Database, vault: SecretVault, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with FakeBluesky(access_ttl=-10) as fake, sqlite_db.transaction() as session:
        account = flows.connect_bluesky(session, vault, name="Bluesky",
                                        handle=fake.user_handle, app_password=fake.app_password,
                                        service_url=fake.url)
        for number in range(3):
            connection = connection_for(account, vault)
            client = client_for(connection)
            client.publish(OutgoingPost(f"Post {number}", f"3kabcdefghij{number}"))
            client.close()
        assert fake.logins == 1 and fake.refreshes == 3
        assert len(fake.published) == 3
        assert "createSession" in caplog.text  # the calls are logged ...
        for secret in [fake.app_password, *fake.access, *fake.refresh]:
            assert secret not in caplog.text  # ... their secrets are not


def test_bluesky_wrong_password_is_a_plain_message(sqlite_db: Database,
                                                   vault: SecretVault) -> None:
    with FakeBluesky() as fake, sqlite_db.transaction() as session, pytest.raises(
            UserError, match="did not accept that handle and app password"):
        flows.connect_bluesky(session, vault, name="Bluesky", handle=fake.user_handle,
                              app_password="wrong", service_url=fake.url)


def test_linkedin_pasted_token_and_pkce_both_record_sixty_days(sqlite_db: Database,
                                                               vault: SecretVault) -> None:
    with FakeLinkedIn() as fake, sqlite_db.transaction() as session:
        pasted = flows.connect_linkedin(session, vault, name="LinkedIn pasted", token="li-token",
                                        service_url=fake.url)
        signed_in = flows.connect_linkedin(session, vault, name="LinkedIn", client_id="cid",
                                           service_url=fake.url, auth_url=fake.url,
                                           open_browser=follow_consent)
        for account in (pasted, signed_in):
            assert account.remote_id == fake.organization
            assert account.token_expires_at is not None
            left = account.token_expires_at - datetime.now(UTC)
            assert timedelta(days=59) < left <= timedelta(days=60)


def test_facebook_and_instagram_tokens_are_verified_before_saving(sqlite_db: Database,
                                                                   vault: SecretVault) -> None:
    with FakeInstagram() as fake, sqlite_db.transaction() as session:
        with pytest.raises(UserError, match="connection was not saved"):
            flows.connect_meta(session, vault, Platform.FACEBOOK, name="FB", token="bad",
                               service_url=fake.base_url)
        page = flows.connect_meta(session, vault, Platform.FACEBOOK, name="FB",
                                  token=fake.page_token, service_url=fake.base_url)
        insta = flows.connect_meta(session, vault, Platform.INSTAGRAM, name="IG",
                                   token=fake.page_token, service_url=fake.base_url)
        assert page.remote_id == FakeFacebook.page_id
        assert insta.remote_id == fake.ig_user and insta.details["page_id"] == fake.page_id


class FakeBroker(FakeFacebook):
    """A token broker: after the person signs in with Meta, it hands the Page token back."""

    def handle(self, request: Request) -> Reply:
        if request.path == "/start":
            query = urlencode({"access_token": self.page_token, "state": request.param("state")})
            return redirect(f"{request.param('redirect_uri')}?{query}")
        return super().handle(request)


def test_a_token_broker_hands_the_token_to_the_loopback_listener(sqlite_db: Database,
                                                                  vault: SecretVault) -> None:
    with FakeBroker() as broker, sqlite_db.transaction() as session:
        token = flows.token_from_broker(f"{broker.url}/start", Platform.FACEBOOK,
                                        open_browser=follow_consent)
        account = flows.connect_meta(session, vault, Platform.FACEBOOK, name="Page",
                                     token=token, service_url=broker.base_url)
        assert vault.load(account.keyring_key)["access_token"] == broker.page_token
