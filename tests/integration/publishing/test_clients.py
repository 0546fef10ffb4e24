"""Network clients against their loopback fakes: errors in plain words, rate-limit headers,
media processing, and no token ever written to the log."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
import requests

from clinicstudio.domain import Platform
from clinicstudio.platforms.api import Connection, OutgoingImage, OutgoingPost, client_for
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.platforms.api.graph import translate_graph_error
from clinicstudio.platforms.api.http import redact, retry_after_seconds
from tests.helpers.fake_facebook import FakeFacebook, graph_error
from tests.helpers.fake_instagram import FakeInstagram
from tests.helpers.fake_linkedin import FakeLinkedIn
from tests.helpers.fake_mastodon import FakeMastodon
from tests.helpers.fake_server import Reply
from tests.helpers.publishing_setup import running_fakes

NOW = 1_800_000_000.0


def test_every_networks_rate_limit_header_is_understood() -> None:
    iso = datetime.fromtimestamp(NOW + 300, UTC).isoformat()
    assert retry_after_seconds({"x-rate-limit-reset": str(int(NOW) + 60)}, NOW) == 60
    assert retry_after_seconds({"RateLimit-Reset": str(int(NOW) + 90)}, NOW) == 90
    assert retry_after_seconds({"X-RateLimit-Reset": iso}, NOW) == 300
    assert retry_after_seconds({"Retry-After": "7"}, NOW) == 7
    when = format_datetime(datetime.fromtimestamp(NOW + 30, UTC), usegmt=True)
    assert retry_after_seconds({"Retry-After": when}, NOW) == 30
    usage = json.dumps({"1001": [{"type": "pages", "estimated_time_to_regain_access": 5}]})
    assert retry_after_seconds({"X-Business-Use-Case-Usage": usage}, NOW) == 300
    assert retry_after_seconds({}, NOW) is None


def test_tokens_are_blanked_out_of_log_lines() -> None:
    line = "GET /me?access_token=EAAB123secret&fields=id body refresh_token=r-456"
    assert redact(line) == "GET /me?access_token=***&fields=id body refresh_token=***"
    assert "hunter22" not in redact("Bearer hunter22 failed", ["hunter22"])
    answer = '{"accessJwt": "eyJ.a.b", "refreshJwt":"eyJ.c.d", "did": "did:plc:x"}'
    assert redact(answer) == '{"accessJwt": "***", "refreshJwt":"***", "did": "did:plc:x"}'
    assert redact('{"error": {"code": 190}}') == '{"error": {"code": 190}}'


@pytest.fixture
def facebook() -> Iterator[FakeFacebook]:
    with FakeFacebook() as fake:
        yield fake


def _facebook_client(fake: FakeFacebook, token: str | None = None) -> object:
    return client_for(Connection(Platform.FACEBOOK, fake.base_url,
                                 {"access_token": token or fake.page_token},
                                 remote_id=fake.page_id))


def test_facebook_throttling_says_when_it_will_try_again(facebook: FakeFacebook) -> None:
    usage = json.dumps({facebook.page_id: [{"estimated_time_to_regain_access": 12}]})
    reply = graph_error(32, "Page request limit reached")
    reply.headers["X-Business-Use-Case-Usage"] = usage
    facebook.fault("POST", "/v25.0/1001/feed", reply=reply)
    client = _facebook_client(facebook)
    with pytest.raises(PublishError) as caught:
        client.publish(OutgoingPost("Hello", "k"))  # type: ignore[attr-defined]
    client.close()  # type: ignore[attr-defined]
    assert caught.value.retryable and caught.value.retry_after == 720
    assert caught.value.plain == ("Facebook asked ClinicStudio to slow down. It will try again by "
                                  "itself in about 12 minutes.")


def test_an_expired_facebook_token_asks_for_a_reconnect_and_never_reaches_the_log(
        facebook: FakeFacebook, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="clinicstudio")
    client = _facebook_client(facebook, token="EAAB-expired-token-value")
    with pytest.raises(PublishError) as caught:
        client.publish(OutgoingPost("Hello", "k"))  # type: ignore[attr-defined]
    client.close()  # type: ignore[attr-defined]
    assert caught.value.reconnect
    assert caught.value.plain == ("Your Facebook connection has expired or was revoked. "
                                  "Reconnect it in Accounts, then publish again.")
    assert "Session has expired" in caplog.text  # the raw answer is in the log ...
    assert "EAAB-expired-token-value" not in caplog.text  # ... the token is not


def test_a_dropped_connection_while_posting_is_retryable_and_uncertain(
        facebook: FakeFacebook) -> None:
    facebook.fault("POST", "/v25.0/1001/feed", drop=True)
    client = _facebook_client(facebook)
    with pytest.raises(PublishError) as caught:
        client.publish(OutgoingPost("Hello", "k"))  # type: ignore[attr-defined]
    client.close()  # type: ignore[attr-defined]
    assert caught.value.retryable and caught.value.uncertain
    assert facebook.published == []


def test_instagram_carousel_waits_for_containers_and_keeps_alt_text(tmp_path: object) -> None:
    with FakeInstagram(polls_in_progress=2) as fake:
        client = client_for(Connection(Platform.INSTAGRAM, fake.base_url,
                                       {"access_token": fake.page_token}, remote_id=fake.ig_user,
                                       details={"page_id": fake.page_id}))
        client.poll_interval = 0.01  # type: ignore[attr-defined]
        images = tuple(OutgoingImage(b"\xff\xd8jpeg" + bytes([n]), "image/jpeg", 1080, 1350,
                                     f"Photo {n}", f"{n}.jpg") for n in range(3))
        published = client.publish(OutgoingPost("Meet our team!", "k", images))
        client.close()
        [post] = fake.published
        assert post["caption"] == "Meet our team!" and len(post["children"]) == 3
        assert [fake.containers[c]["alt_text"] for c in post["children"]] == [
            "Photo 0", "Photo 1", "Photo 2"]
        assert published.url == post["url"]
        assert len(fake.photos) == 3  # hosted as unpublished Page photos, none published
        assert fake.calls("POST", "/v25.0/1001/feed") == []


def test_mastodon_waits_for_media_still_processing(tmp_path: object) -> None:
    with FakeMastodon(media_processing_polls=2) as fake:
        client = client_for(Connection(Platform.MASTODON, fake.url,
                                       {"access_token": "masto-token"},
                                       remote_id=fake.account_id))
        client.poll_interval = 0.01  # type: ignore[attr-defined]
        image = OutgoingImage(b"png", "image/png", 10, 10, "Our front desk", "a.png")
        client.publish(OutgoingPost("Welcome!", "key-1", (image,)))
        client.close()
        [status] = fake.published
        assert status["media_attachments"][0]["description"] == "Our front desk"
        assert len(fake.calls("GET", "/api/v1/media/")) == 3


def test_linkedin_expiry_and_retired_version_are_plain(tmp_path: object) -> None:
    expired = datetime(2026, 5, 3, 12, tzinfo=UTC)
    with FakeLinkedIn() as fake:
        old = client_for(Connection(Platform.LINKEDIN, fake.url, {"access_token": "li-token"},
                                    remote_id=fake.organization, expires_at=expired))
        with pytest.raises(PublishError) as caught:
            old.publish(OutgoingPost("Hello", "k"))
        old.close()
        assert caught.value.plain.startswith("Your LinkedIn connection expired on 3 May 2026.")
        assert fake.requests == []  # known expired: not even tried

        retired = client_for(Connection(
            Platform.LINKEDIN, fake.url, {"access_token": "li-token"},
            remote_id=fake.organization, details={"api_version": "202401"},
            expires_at=datetime.now(UTC) + timedelta(days=9)))
        with pytest.raises(PublishError, match="API version it has retired"):
            retired.publish(OutgoingPost("Hello", "k"))
        retired.close()


def test_linkedin_escapes_reserved_characters_and_keeps_hashtags(tmp_path: object) -> None:
    with FakeLinkedIn() as fake:
        client = client_for(Connection(Platform.LINKEDIN, fake.url, {"access_token": "li-token"},
                                       remote_id=fake.organization))
        client.publish(OutgoingPost("Flu (and COVID) shots #health", "k"))
        client.close()
        commentary = fake.published[0]["commentary"]
        assert commentary.startswith("Flu \\(and COVID\\) shots")
        assert "#health" in commentary


def test_a_slow_answer_is_waited_for_not_treated_as_a_failure(facebook: FakeFacebook) -> None:
    facebook.fault("POST", "/v25.0/1001/feed", delay=0.5)
    client = _facebook_client(facebook)
    published = client.publish(OutgoingPost("Hello", "k"))  # type: ignore[attr-defined]
    client.close()  # type: ignore[attr-defined]
    assert [p["id"] for p in facebook.published] == [published.remote_id]


def test_a_server_error_is_retryable(facebook: FakeFacebook) -> None:
    facebook.fault("POST", "/v25.0/1001/feed", reply=Reply(500, {"error": {"code": 2}}))
    client = _facebook_client(facebook)
    with pytest.raises(PublishError) as caught:
        client.publish(OutgoingPost("Hello", "k"))  # type: ignore[attr-defined]
    client.close()  # type: ignore[attr-defined]
    assert caught.value.retryable


OLD = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
REPEATED = "Closed Monday for the holiday. See you Tuesday!"


def _old_identical_post(network: Platform, fake: Any) -> None:
    """Last winter's post with exactly the same words, as the network lists it."""
    iso = OLD.isoformat().replace("+00:00", "Z")
    fake.published.append({
        Platform.X: {"id": "900", "text": REPEATED, "created_at": iso},
        Platform.MASTODON: {"id": "900", "content": f"<p>{REPEATED}</p>", "created_at": iso,
                            "url": f"{fake.url}/@maple/900"},
        Platform.LINKEDIN: {"id": "urn:li:share:900", "commentary": REPEATED,
                            "createdAt": int(OLD.timestamp() * 1000)},
        Platform.INSTAGRAM: {"id": "900", "caption": REPEATED, "url": "https://ig/p/old/",
                             "timestamp": iso.replace("Z", "+0000")},
    }[network])


def _connection(network: Platform, fake: Any) -> Connection:
    if network is Platform.X:
        tokens = fake.issue()
        return Connection(network, fake.url, {
            "access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"],
            "client_id": fake.client_id, "expires_at": time.time() + 7200},
            remote_id=fake.user_id, handle=fake.username)
    if network is Platform.MASTODON:
        return Connection(network, fake.url, {"access_token": "masto-token"},
                          remote_id=fake.account_id)
    if network is Platform.LINKEDIN:
        return Connection(network, fake.url, {"access_token": "li-token"},
                          remote_id=fake.organization)
    return Connection(network, fake.base_url, {"access_token": fake.page_token},
                      remote_id=fake.ig_user, details={"page_id": fake.page_id})


@pytest.mark.parametrize("network", [Platform.X, Platform.MASTODON, Platform.LINKEDIN,
                                     Platform.INSTAGRAM])
def test_an_earlier_post_with_the_same_words_is_not_taken_for_this_one(
        network: Platform) -> None:
    # A retry checks the network first; last winter's identical post must not count as sent,
    # or this one is marked published and never goes out.
    with running_fakes(networks=[network]) as fakes:
        fake = fakes[network]
        _old_identical_post(network, fake)
        client = client_for(_connection(network, fake))
        try:
            since = datetime.now(UTC) - timedelta(minutes=5)
            assert client.find_existing(OutgoingPost(REPEATED, "k"), since) is None
            fake.published.append({**fake.published[0], "id": "901", "created_at": None,
                                   "createdAt": None, "timestamp": None})
            found = client.find_existing(OutgoingPost(REPEATED, "k"), since)
            assert found is not None and found.remote_id == "901"
        finally:
            client.close()


def test_x_tokens_renewed_by_another_process_are_picked_up_not_called_expired() -> None:
    # The window and publish-due both hold the same X refresh token; X accepts it once.
    with running_fakes(networks=[Platform.X]) as fakes:
        fake = fakes[Platform.X]
        keyring = dict(_connection(Platform.X, fake).secrets, expires_at=0.0)

        def connection() -> Connection:
            return Connection(Platform.X, fake.url, dict(keyring), remote_id=fake.user_id,
                              handle=fake.username, save_secrets=keyring.update,
                              load_secrets=lambda: dict(keyring))

        window, background = client_for(connection()), client_for(connection())
        try:
            window.publish(OutgoingPost("Open late on Thursdays.", "k1"))  # renews first
            published = background.publish(OutgoingPost("Flu shots are in.", "k2"))
        finally:
            window.close()
            background.close()
        assert [p["text"] for p in fake.published] == ["Open late on Thursdays.",
                                                       "Flu shots are in."]
        assert published.remote_id == fake.published[1]["id"]


@pytest.mark.parametrize(("network", "limit"), [
    (Platform.X, "5 MB"), (Platform.FACEBOOK, "4 MB"), (Platform.INSTAGRAM, "4 MB"),
    (Platform.MASTODON, "16.8 MB")])
def test_an_image_too_large_for_a_network_is_explained_before_any_upload(
        network: Platform, limit: str) -> None:
    big = OutgoingImage(b"\xff\xd8" + bytes(17_000_000), "image/jpeg", 1080, 1080,
                        "Our waiting room", "waiting-room.jpg")
    with running_fakes(networks=[network]) as fakes:
        fake = fakes[network]
        connection = (Connection(network, fake.base_url, {"access_token": fake.page_token},
                                 remote_id=fake.page_id) if network is Platform.FACEBOOK
                      else _connection(network, fake))
        client = client_for(connection)
        try:
            with pytest.raises(PublishError) as caught:
                client.publish(OutgoingPost("Our new waiting room.", "k", (big,)))
        finally:
            client.close()
        who = "This Mastodon server" if network is Platform.MASTODON else network.label
        assert caught.value.message == (f"The image waiting-room.jpg is 17 MB; {who} takes "
                                        f"images up to {limit}.")
        assert not caught.value.retryable
        assert [c for c in fake.requests if c.method == "POST"] == []


@pytest.mark.parametrize(("reply", "expected"), [
    (graph_error(100, "Link scrape failed", 1609005), "could not read the web page"),
    (graph_error(36001, "Invalid resolution", 36001), "between 320 and 1440 pixels"),
    (graph_error(9007, "Media ID is not available", 2207027), "It will try again by itself"),
])
def test_graph_errors_from_the_research_sheet_are_plain(reply: Reply, expected: str) -> None:
    response = requests.Response()
    response.status_code = reply.status
    response._content = json.dumps(reply.body).encode()
    error = translate_graph_error("Instagram", response)
    assert expected in error.plain and "{" not in error.plain


def test_oversized_uploads_on_mastodon_and_bluesky_are_plain() -> None:
    from clinicstudio.platforms.api.bluesky import translate_bluesky_error
    from clinicstudio.platforms.api.mastodon import translate_mastodon_error

    for translate, status, body in ((translate_mastodon_error, 413, b"<html>Too large</html>"),
                                    (translate_bluesky_error, 400,
                                     b'{"error": "BlobTooLarge", "message": "too big"}')):
        response = requests.Response()
        response.status_code = status
        response._content = body
        assert "too large" in translate(response).message


def test_a_connection_never_shows_its_tokens_when_printed_or_logged() -> None:
    connection = Connection(Platform.MASTODON, "https://mastodon.example",
                            {"access_token": "masto-secret-7781"}, remote_id="1")
    assert "masto-secret-7781" not in repr(connection)
    assert "masto-secret-7781" not in f"{connection}"
