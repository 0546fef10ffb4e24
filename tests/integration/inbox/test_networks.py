"""The inbox on each network's loopback server: collected once, answered once in the thread,
deleted items kept, trouble on one network reported in plain words while the others come in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from clinicstudio.accounts import SecretVault
from clinicstudio.compliance import Checker
from clinicstudio.domain import Platform
from clinicstudio.inbox import InboxService
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database
from clinicstudio.store.models import AuditEvent, Post
from tests.helpers.inbox_setup import (
    PHONE,
    clinic_replies,
    comment,
    feed_posts,
    publish_clinic_post,
    set_up_clinic,
)
from tests.helpers.keyring_memory import MemoryKeyring
from tests.helpers.publishing_setup import connect_accounts, running_fakes

QUESTION = "Is the flu clinic open to kids too? My son is scared of needles"
SAFE = f"Thank you for reaching out. Please call our office at {PHONE} so we can help directly."
CONFIRMING = "Thanks Jordan, we're so glad your root canal went well last Tuesday!"


def service(db: Database, vault: SecretVault) -> InboxService:
    return InboxService(db, vault, checker_factory=Checker, actor=lambda: "Dana")


@pytest.mark.parametrize("network", list(Platform), ids=lambda p: p.value)
def test_a_comment_is_collected_once_and_answered_once_in_its_thread(
        db: Database, vault: SecretVault, tmp_path: Path, network: Platform) -> None:
    set_up_clinic(db)
    with running_fakes(networks=[network]) as fakes:
        fake = fakes[network]
        connect_accounts(db, vault, fakes)
        post_id, remote = publish_clinic_post(db, vault, network, tmp_path)
        comment_id = comment(fake, network, remote, QUESTION)
        inbox = service(db, vault)

        assert inbox.refresh().problems == {}
        assert inbox.refresh().new == []  # the second look stores nothing twice
        [item] = inbox.list()
        assert (item["network"], item["kind"], item["post_id"], item["state"]) == (
            network.value, "comment", post_id, "new")
        assert item["text"] == QUESTION

        blocked = inbox.reply(item["id"], CONFIRMING)
        assert blocked.blocked and not blocked.sent
        assert clinic_replies(fake, network, comment_id) == []

        sent = inbox.reply(item["id"], SAFE)
        assert sent.sent, sent.message
        assert len(clinic_replies(fake, network, comment_id)) == 1
        assert SAFE.split(".")[0] in clinic_replies(fake, network, comment_id)[0]
        assert feed_posts(fake, network) == 1  # the answer is not a new post in the feed
        with pytest.raises(Exception, match="already been answered"):
            inbox.reply(item["id"], SAFE)

        inbox.refresh()  # the clinic's own answer is not an inbox item
        [after] = inbox.list()
        assert after["state"] == "answered"
    with db.session() as session:
        reply_post = session.get(Post, sent.post_id)
        assert reply_post is not None and reply_post.kind == "reply"
        assert reply_post.reply_context == QUESTION


def test_bluesky_reply_points_at_the_comment_and_the_root(
        db: Database, vault: SecretVault, tmp_path: Path) -> None:
    set_up_clinic(db)
    with running_fakes(networks=[Platform.BLUESKY]) as fakes:
        fake = fakes[Platform.BLUESKY]
        connect_accounts(db, vault, fakes)
        _post_id, root = publish_clinic_post(db, vault, Platform.BLUESKY, tmp_path)
        first = comment(fake, Platform.BLUESKY, root, "Do you take walk-ins on Saturday?")
        nested = fake.add_reply(first, "Asking the same, for my mom")
        mention = fake.add_mention("are you open on Christmas Eve?")
        fake.priority = True  # the account listens only to people it follows
        inbox = service(db, vault)
        inbox.refresh()
        kinds = {i["text"]: i["kind"] for i in inbox.list()}
        assert kinds == {"Do you take walk-ins on Saturday?": "comment",
                         "Asking the same, for my mom": "reply",
                         "@maple.bsky.social are you open on Christmas Eve?": "mention"}
        nested_item = next(i for i in inbox.list() if i["kind"] == "reply")
        assert inbox.reply(nested_item["id"], SAFE).sent
        [reply] = [r for r in fake.records.values() if "reply" in r]
        assert reply["reply"]["parent"] == {"uri": nested, "cid": fake.posts[nested]["cid"]}
        assert reply["reply"]["root"] == {"uri": root, "cid": fake.posts[root]["cid"]}
        mention_item = next(i for i in inbox.list() if i["kind"] == "mention")
        assert inbox.reply(mention_item["id"], SAFE).sent
        answers = [r for r in fake.records.values()
                   if (r.get("reply") or {}).get("parent", {}).get("uri") == mention]
        assert answers[0]["reply"]["root"]["uri"] == mention


def test_a_comment_removed_on_the_network_is_marked_not_lost(
        db: Database, vault: SecretVault, tmp_path: Path) -> None:
    with running_fakes(networks=[Platform.FACEBOOK]) as fakes:
        fake = fakes[Platform.FACEBOOK]
        connect_accounts(db, vault, fakes)
        _post_id, remote = publish_clinic_post(db, vault, Platform.FACEBOOK, tmp_path)
        gone = fake.add_comment(remote, "Call me at 555-123-4567 about my results")
        fake.add_comment(remote, "Great news, thanks!")
        inbox = service(db, vault)
        inbox.refresh()
        fake.removed[gone] = fake.comments.pop(gone)  # the author deleted it
        assert inbox.refresh().deleted == 1
        rows = {r["text"]: r for r in inbox.list()}
        assert rows["Call me at 555-123-4567 about my results"]["deleted"] is True
        assert rows["Great news, thanks!"]["deleted"] is False


def test_a_rate_limited_network_is_reported_and_the_others_still_come_in(
        db: Database, vault: SecretVault, tmp_path: Path) -> None:
    from tests.helpers.fake_mastodon import rate_limited

    networks = [Platform.MASTODON, Platform.X]
    with running_fakes(networks=networks) as fakes:
        connect_accounts(db, vault, fakes)
        for network in networks:
            _post_id, remote = publish_clinic_post(db, vault, network, tmp_path)
            comment(fakes[network], network, remote, f"Hello from {network.label}")
        fakes[Platform.MASTODON].fault("GET", "/api/v1/statuses/",
                                       reply=rate_limited(600), times=1)
        report = service(db, vault).refresh()
        assert "Mastodon asked ClinicStudio to slow down" in report.problems["mastodon"]
        assert "in about 10 minutes" in report.problems["mastodon"]
        assert [i["network"] for i in service(db, vault).list()] == ["x"]
        fakes[Platform.X].error("GET", "/2/users/", 401, {"title": "Unauthorized",
                                                          "detail": "Unauthorized",
                                                          "type": "about:blank"}, times=5)
        report = service(db, vault).refresh()
        assert "Reconnect it in Accounts" in report.problems["x"]
        assert {i["network"] for i in service(db, vault).list()} == {"x", "mastodon"}


@pytest.mark.parametrize("network, action", [
    (Platform.FACEBOOK, "hide"), (Platform.INSTAGRAM, "delete"), (Platform.X, "hide"),
    (Platform.LINKEDIN, "delete")], ids=lambda v: getattr(v, "value", v))
def test_hiding_or_deleting_a_comment_is_one_audited_action(
        db: Database, vault: SecretVault, tmp_path: Path, network: Platform,
        action: str) -> None:
    with running_fakes(networks=[network]) as fakes:
        fake = fakes[network]
        connect_accounts(db, vault, fakes)
        _post_id, remote = publish_clinic_post(db, vault, network, tmp_path)
        comment_id = comment(fake, network, remote, "My chart number is 448812, call me")
        inbox = service(db, vault)
        inbox.refresh()
        [item] = inbox.list()
        assert "was" in inbox.moderate(item["id"], action)
        assert _gone_or_hidden(fake, network, comment_id)
        assert inbox.list()[0]["state"] == "hidden"
    with db.session() as session:
        events = session.scalars(select(AuditEvent).where(
            AuditEvent.action.like("inbox_%"))).all()
        assert any(e.action in ("inbox_hidden", "inbox_deleted") and e.actor == "Dana"
                   for e in events)


def test_networks_that_cannot_hide_say_so(db: Database, vault: SecretVault,
                                          tmp_path: Path) -> None:
    with running_fakes(networks=[Platform.MASTODON]) as fakes:
        connect_accounts(db, vault, fakes)
        _post_id, remote = publish_clinic_post(db, vault, Platform.MASTODON, tmp_path)
        fakes[Platform.MASTODON].add_reply(remote, "spam spam")
        inbox = service(db, vault)
        inbox.refresh()
        [item] = inbox.list()
        with pytest.raises(Exception, match="does not let a page hide"):
            inbox.moderate(item["id"], "hide")
        assert inbox.list()[0]["state"] == "new"


def test_a_facebook_recommendation_is_read_and_answered_as_a_review(
        db: Database, vault: SecretVault) -> None:
    with running_fakes(networks=[Platform.FACEBOOK]) as fakes:
        fake = fakes[Platform.FACEBOOK]
        connect_accounts(db, vault, fakes)
        story = fake.add_rating("Waited an hour past my appointment time. Not impressed.")
        inbox = service(db, vault)
        inbox.refresh()
        [review] = inbox.list()
        assert (review["kind"], review["post_id"]) == ("review", None)
        assert inbox.show(review["id"]).advice  # unhappy: the calm-answer advice is shown
        sorry = ("We are sorry to hear this. We cannot discuss details here; please call our "
                 f"office at {PHONE} and ask for the office manager.")
        assert inbox.reply(review["id"], sorry).sent
        assert [c["message"] for c in fake.replies_to(story)] == [sorry]


def _gone_or_hidden(fake: Any, network: Platform, comment_id: str) -> bool:
    if network in (Platform.FACEBOOK, Platform.INSTAGRAM):
        return comment_id in fake.removed or fake.comments[comment_id]["is_hidden"]
    if network is Platform.X:
        return comment_id in fake.hidden
    return any(c["commentUrn"] == comment_id for c in fake.deleted)


def test_audit_table_is_untouched_by_listing(db: Database) -> None:
    with db.transaction() as session:
        record(session, "marker")
    InboxService(db, SecretVault(MemoryKeyring()), checker_factory=Checker).list()
    with db.session() as session:
        assert [e.action for e in session.scalars(select(AuditEvent))] == ["marker"]
