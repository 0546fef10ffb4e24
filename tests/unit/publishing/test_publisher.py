"""Publishing one post to its networks in parallel, partial success, retries and the gate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from clinicstudio.domain import OutboxState, Platform, PostStatus, UserError
from clinicstudio.publishing import NetworkOutcome, Publisher, record_override, withdraw
from clinicstudio.publishing.scheduler import posts_with_due_retries
from clinicstudio.settings import OfficeSettings, save_settings
from clinicstudio.store.audit import events_for_post
from clinicstudio.store.database import Database
from clinicstudio.store.posts import PostDraft, set_status, update_post
from tests.helpers.fake_server import Reply
from tests.helpers.publishing_setup import (
    WordChecker,
    add_post,
    connect_accounts,
    running_fakes,
    square_photo,
)

TEXT = "Flu shots are in! Walk in Monday to Friday. Book: https://maplefamilyclinic.com/flu"


def test_a_post_goes_to_all_six_networks_once_with_links(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher, tmp_path: Path) -> None:
    photo = square_photo(tmp_path / "desk.jpg")
    post_id = add_post(db, TEXT, images=[photo])
    seen: list[NetworkOutcome] = []
    publisher.on_progress = seen.append

    report = publisher.publish_now(post_id)

    assert report.status is PostStatus.PUBLISHED, [o.line for o in report.outcomes]
    assert {o.network for o in report.outcomes} == {p.value for p in Platform}
    for fake in fakes.values():
        assert len(fake.published) == 1
    assert fakes[Platform.X].published[0]["alts"] == ["A smiling nurse at the front desk"]
    assert fakes[Platform.INSTAGRAM].published[0]["alt"] == "A smiling nurse at the front desk"
    mastodon_url = next(o.url for o in report.outcomes if o.network == "mastodon")
    assert mastodon_url == fakes[Platform.MASTODON].published[0]["url"]
    assert {(o.network, o.state) for o in seen if o.state is OutboxState.SENT} == {
        (p.value, OutboxState.SENT) for p in Platform}
    actions = [e.action for e in events_for_post(db.session(), post_id)]
    assert actions.count("published") == 6


def test_partial_success_then_only_the_failed_network_is_retried(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher, tmp_path: Path) -> None:
    post_id = add_post(db, TEXT, [Platform.MASTODON, Platform.LINKEDIN, Platform.BLUESKY])
    fakes[Platform.LINKEDIN].tokens.clear()  # the LinkedIn token was revoked

    report = publisher.publish_now(post_id)

    assert report.status is PostStatus.PARTLY_PUBLISHED
    failed = next(o for o in report.outcomes if o.network == "linkedin")
    assert failed.state is OutboxState.FAILED
    assert "LinkedIn connection" in failed.message and "Reconnect" in failed.message

    fakes[Platform.LINKEDIN].tokens.add("li-token")  # reconnected
    again = publisher.publish_now(post_id)

    assert again.status is PostStatus.PUBLISHED
    assert [len(fakes[n].published) for n in (Platform.MASTODON, Platform.LINKEDIN,
                                               Platform.BLUESKY)] == [1, 1, 1]


def test_a_rate_limit_is_waited_out_as_the_network_asks(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    from tests.helpers.fake_x import rate_limited

    post_id = add_post(db, TEXT, [Platform.X])
    fakes[Platform.X].fault("POST", "/2/tweets", reply=rate_limited(1))

    report = publisher.publish_now(post_id)

    assert report.status is PostStatus.PUBLISHED
    assert len(fakes[Platform.X].calls("POST", "/2/tweets")) == 2
    assert len(fakes[Platform.X].published) == 1


def test_a_lost_answer_is_checked_before_sending_again(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    post_id = add_post(db, TEXT, [Platform.FACEBOOK, Platform.LINKEDIN, Platform.X])
    for network, path in ((Platform.FACEBOOK, "/v25.0/1001/feed"),
                          (Platform.LINKEDIN, "/rest/posts"), (Platform.X, "/2/tweets")):
        fakes[network].fault("POST", path, drop_after=True)

    report = publisher.publish_now(post_id)

    assert report.status is PostStatus.PUBLISHED, [o.line for o in report.outcomes]
    for network in (Platform.FACEBOOK, Platform.LINKEDIN, Platform.X):
        assert len(fakes[network].published) == 1
        assert len(fakes[network].calls("POST", "/v25.0/1001/feed" if network is
                                        Platform.FACEBOOK else "/")) >= 1


def test_a_blocking_finding_stops_publishing_until_overridden(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    post_id = add_post(db, "Get well soon PATIENTNAME!", [Platform.MASTODON])

    report = publisher.publish_now(post_id)

    assert report.status is PostStatus.FAILED and report.blockers
    assert "TEST-PHI" in report.outcomes[0].message
    assert fakes[Platform.MASTODON].published == []

    with db.transaction() as session:
        record_override(session, post_id, "TEST-PHI", "PATIENTNAME",
                        "Signed consent form 2026-14 on file", "Dana Ortiz")
    assert publisher.publish_now(post_id).status is PostStatus.PUBLISHED
    assert len(fakes[Platform.MASTODON].published) == 1
    with db.session() as session:
        actions = [e.action for e in events_for_post(session, post_id)]
    assert actions.index("publish_blocked") < actions.index("finding_overridden") < \
        actions.index("published")


def test_image_metadata_never_leaves_the_computer(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher, tmp_path: Path) -> None:
    photo = square_photo(tmp_path / "gps.jpg", gps=True)
    assert b"PhoneMaker" in photo.read_bytes()
    post_id = add_post(db, TEXT, [Platform.BLUESKY, Platform.FACEBOOK], images=[photo])

    publisher.publish_now(post_id)

    uploads = list(fakes[Platform.BLUESKY].blobs.values()) + list(
        fakes[Platform.FACEBOOK].photos.values())
    assert len(uploads) == 2
    assert all(b"PhoneMaker" not in data for data in uploads)


def test_server_errors_are_retried_later_not_lost(
        db: Database, fakes: dict[Platform, Any], vault: Any) -> None:
    publisher = Publisher(db, vault=vault, checker_factory=WordChecker, inline_wait=0)
    post_id = add_post(db, TEXT, [Platform.MASTODON])
    fakes[Platform.MASTODON].fault("POST", "/api/v1/statuses",
                                   reply=Reply(503, {"error": "Service Unavailable"}))

    report = publisher.publish_now(post_id)

    assert report.status is PostStatus.PUBLISHING
    assert report.outcomes[0].state is OutboxState.PENDING
    assert report.outcomes[0].next_try_at is not None
    assert "try again by itself" in report.outcomes[0].message


def test_a_network_without_a_connected_account_says_how_to_fix_it(
        db: Database, vault: Any) -> None:
    with running_fakes(networks=[Platform.BLUESKY]) as fakes:
        connect_accounts(db, vault, fakes)
        post_id = add_post(db, TEXT, [Platform.BLUESKY, Platform.LINKEDIN])
        publisher = Publisher(db, vault=vault, checker_factory=WordChecker)

        report = publisher.publish_now(post_id)

    assert report.status is PostStatus.PARTLY_PUBLISHED
    lines = sorted(o.line for o in report.outcomes)
    assert lines[1] == ("LinkedIn: No LinkedIn account is connected. Connect one in Accounts, "
                        "then publish again.")


def test_an_office_that_requires_approval_cannot_publish_a_draft(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    with db.transaction() as session:
        save_settings(session, OfficeSettings(require_approval=True))
    post_id = add_post(db, TEXT, [Platform.MASTODON])
    with pytest.raises(UserError, match="approver"):
        publisher.publish_now(post_id)
    assert fakes[Platform.MASTODON].published == []

    with db.transaction() as session:
        set_status(session, post_id, PostStatus.APPROVED)
    assert publisher.publish_now(post_id).ok


def test_a_finding_in_one_networks_text_holds_back_only_that_network(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    post_id = add_post(db, "Thank you for coming in!", [Platform.MASTODON, Platform.BLUESKY])
    with db.transaction() as session:
        update_post(session, post_id, PostDraft(
            body="Thank you for coming in!", networks=["mastodon", "bluesky"],
            overrides={"bluesky": "Thank you for coming in, PATIENTNAME!"}))

    report = publisher.publish_now(post_id)

    assert report.status is PostStatus.PARTLY_PUBLISHED
    assert [b.network for b in report.blockers] == ["bluesky"]
    assert len(fakes[Platform.MASTODON].published) == 1 and fakes[Platform.BLUESKY].published == []


def test_a_withdrawn_network_is_no_longer_retried(
        db: Database, fakes: dict[Platform, Any], vault: Any) -> None:
    publisher = Publisher(db, vault=vault, checker_factory=WordChecker, inline_wait=0)
    post_id = add_post(db, TEXT, [Platform.MASTODON, Platform.BLUESKY])
    fakes[Platform.MASTODON].fault("POST", "/api/v1/statuses",
                                   reply=Reply(503, {"error": "Service Unavailable"}))
    assert publisher.publish_now(post_id).status is PostStatus.PARTLY_PUBLISHED

    assert withdraw(db, post_id, ["mastodon"]) == ["mastodon"]

    with db.session() as session:
        assert posts_with_due_retries(session, datetime.now(UTC) + timedelta(days=1)) == []
    assert publisher.send_pending(post_id).status is PostStatus.PUBLISHED
    assert fakes[Platform.MASTODON].published == []


def test_an_unknown_network_is_one_plain_line_not_a_crash(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    post_id = add_post(db, TEXT, [Platform.X])
    with pytest.raises(UserError, match="Unknown network in myspace; use one of facebook"):
        publisher.publish_now(post_id, ["myspace"])


def test_after_the_last_automatic_try_the_message_does_not_promise_another(
        db: Database, fakes: dict[Platform, Any], vault: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from clinicstudio.publishing import outbox

    monkeypatch.setattr(outbox, "MAX_ATTEMPTS", 1)
    publisher = Publisher(db, vault=vault, checker_factory=WordChecker, inline_wait=0)
    post_id = add_post(db, TEXT, [Platform.MASTODON])
    fakes[Platform.MASTODON].fault("POST", "/api/v1/statuses",
                                   reply=Reply(503, {"error": "Service Unavailable"}))

    [outcome] = publisher.publish_now(post_id).outcomes

    assert outcome.state is OutboxState.FAILED
    assert "try again by itself" not in outcome.message
    assert "tried 1 times and has stopped; publish again" in outcome.message


def test_a_far_off_reset_header_is_honoured_but_bounded(
        db: Database, fakes: dict[Platform, Any], vault: Any) -> None:
    from tests.helpers.fake_x import rate_limited

    publisher = Publisher(db, vault=vault, checker_factory=WordChecker, inline_wait=0)
    post_id = add_post(db, TEXT, [Platform.X])
    fakes[Platform.X].fault("POST", "/2/tweets", reply=rate_limited(90 * 24 * 3600))
    before = datetime.now(UTC)

    [outcome] = publisher.publish_now(post_id).outcomes

    assert outcome.state is OutboxState.PENDING and outcome.next_try_at is not None
    assert before + timedelta(hours=23) < outcome.next_try_at
    assert outcome.next_try_at <= datetime.now(UTC) + timedelta(hours=24)
    assert f"next try {outcome.next_try_at:%H:%M} UTC" in outcome.line


def test_an_expired_connection_says_on_which_day(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    from clinicstudio.store.models import ConnectedAccount
    from tests.helpers.fake_facebook import graph_error

    with db.transaction() as session:
        for account in session.query(ConnectedAccount).filter_by(network="facebook"):
            account.token_expires_at = datetime(2026, 5, 3, 12, 0, tzinfo=UTC)
    post_id = add_post(db, TEXT, [Platform.FACEBOOK])
    fakes[Platform.FACEBOOK].fault("POST", "/v25.0/1001/feed", reply=graph_error(
        190, "Error validating access token: Session has expired", 463))

    [outcome] = publisher.publish_now(post_id).outcomes

    assert outcome.state is OutboxState.FAILED
    assert outcome.message.startswith("Your Facebook connection expired on 3 May 2026.")
    assert "Reconnect it in Accounts" in outcome.message


def test_a_long_send_renews_its_lease_so_another_computer_never_takes_it_over(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from clinicstudio.publishing import outbox

    monkeypatch.setattr(outbox, "LEASE", timedelta(seconds=0.6))
    publisher.worker = "front-desk-pc|1|abc"  # as if this sender ran on another computer
    post_id = add_post(db, TEXT, [Platform.MASTODON])
    release = threading.Event()
    stalled = fakes[Platform.MASTODON].fault("POST", "/api/v1/statuses", stall=release,
                                             stall_after=True)
    sender = threading.Thread(target=publisher.publish_now, args=(post_id,))
    sender.start()
    try:
        assert stalled.arrived.wait(10)
        time.sleep(1.5)  # well past the lease: only renewals keep the claim alive
        taken_over = outbox.recover_abandoned(db, datetime.now(UTC))
    finally:
        release.set()
        sender.join(30)

    assert taken_over == []
    assert len(fakes[Platform.MASTODON].published) == 1
