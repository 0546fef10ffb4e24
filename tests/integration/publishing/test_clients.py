"""Network clients against their loopback fakes: errors in plain words, rate-limit headers,
media processing, and no token ever written to the log."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from clinicstudio.domain import Platform
from clinicstudio.platforms.api import Connection, OutgoingImage, OutgoingPost, client_for
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.platforms.api.http import redact, retry_after_seconds
from tests.helpers.fake_facebook import FakeFacebook, graph_error
from tests.helpers.fake_instagram import FakeInstagram
from tests.helpers.fake_linkedin import FakeLinkedIn
from tests.helpers.fake_mastodon import FakeMastodon
from tests.helpers.fake_server import Reply

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
