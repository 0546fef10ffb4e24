"""Over-limit posts are never sent: the gate checks each network's limits on every path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from clinicstudio.domain import OutboxState, Platform
from clinicstudio.publishing import Publisher, publish_due
from clinicstudio.store.database import Database
from clinicstudio.store.models import ConnectedAccount
from tests.helpers.publishing_setup import add_post

OVER = "a" * 501
# 500 characters as typed; the short link counts as 23, so Mastodon counts 511.
LINK_OVER = "b" * 487 + " https://a.co"


@pytest.mark.parametrize("text", [OVER, LINK_OVER], ids=["501-characters", "link-counts-23"])
def test_publish_now_does_not_send_an_over_limit_post(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher, text: str) -> None:
    post_id = add_post(db, text, [Platform.MASTODON, Platform.FACEBOOK])
    report = publisher.publish_now(post_id)
    by_network = {o.network: o for o in report.outcomes}
    assert by_network["mastodon"].state is OutboxState.FAILED
    assert "Mastodon allows 500 characters" in by_network["mastodon"].message
    assert not fakes[Platform.MASTODON].published
    assert by_network["facebook"].state is OutboxState.SENT  # the others still go out


def test_publish_due_does_not_send_an_over_limit_post(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    now = datetime.now(UTC)
    post_id = add_post(db, "x" * 10_000, [Platform.X], at=now - timedelta(minutes=1))
    report = publish_due(db, now, publisher=publisher)
    assert post_id in report.started
    assert not fakes[Platform.X].published
    assert report.failed


def test_the_connected_servers_own_limit_is_used(
        db: Database, fakes: dict[Platform, Any], publisher: Publisher) -> None:
    with db.transaction() as session:
        account = session.query(ConnectedAccount).filter_by(network="mastodon").one()
        account.details = {**(account.details or {}), "max_characters": 1000}
    post_id = add_post(db, "d" * 700, [Platform.MASTODON])
    report = publisher.publish_now(post_id)
    assert report.outcomes[0].state is OutboxState.SENT
