"""Publishing from the window to loopback networks: progress per network, links, failures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinicstudio.accounts import SecretVault
from clinicstudio.app import Studio
from clinicstudio.domain import Platform
from clinicstudio.store.audit import events_for_post
from clinicstudio.ui.dialogs import OverrideDialog
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import (
    answer_publish_question,
    close_window,
    new_post,
    open_window,
    type_into,
)
from tests.helpers.publishing_setup import connect_accounts, running_fakes

NETWORKS = [Platform.FACEBOOK, Platform.MASTODON]


@pytest.fixture
def fakes(studio: Studio, vault: SecretVault) -> Iterator[dict[Platform, Any]]:
    with running_fakes(networks=NETWORKS) as fakes:
        connect_accounts(studio.db, vault, fakes)
        yield fakes


@pytest.fixture
def connected_window(qtbot: QtBot, studio: Studio,
                     fakes: dict[Platform, Any]) -> Iterator[MainWindow]:
    window = open_window(qtbot, studio)
    yield window
    close_window(qtbot, window)


def publish(qtbot: QtBot, window: MainWindow) -> list[Any]:
    asked = answer_publish_question()
    with qtbot.waitSignal(window.publishing.finished, timeout=20_000) as blocker:
        qtbot.mouseClick(window.publish_bar.publish, Qt.MouseButton.LeftButton)
        # While the networks answer, the window keeps working.
        qtbot.waitUntil(lambda: window.publish_bar.busy or blocker.signal_triggered)
    assert len(asked) == 1  # asked exactly once
    return list(blocker.args[0])


def test_publishing_shows_each_network_with_a_link(
        qtbot: QtBot, connected_window: MainWindow, fakes: dict[Platform, Any]) -> None:
    window = connected_window
    new_post(qtbot, window)
    assert window.editor.networks.networks() == tuple(NETWORKS)
    type_into(qtbot, window, "Flu shots are in: walk in any weekday morning.")

    outcomes = publish(qtbot, window)

    assert {o.network for o in outcomes if o.ok} == set(NETWORKS)
    texts = window.publish_bar.result_texts()
    assert "View on Facebook" in texts[Platform.FACEBOOK]
    assert "View on Mastodon" in texts[Platform.MASTODON]
    assert all(o.url and o.url in texts[o.network] for o in outcomes)
    assert "Published to 2 of 2 networks" in window.publish_bar.status.text()
    assert len(fakes[Platform.MASTODON].published) == 1


def test_a_failed_network_says_why(qtbot: QtBot, connected_window: MainWindow,
                                   fakes: dict[Platform, Any]) -> None:
    window = connected_window
    fakes[Platform.MASTODON].error("POST", "/api/v1/statuses", 401,
                                   {"error": "The access token is invalid"})
    new_post(qtbot, window)
    type_into(qtbot, window, "Our lobby is being repainted this week.")

    outcomes = publish(qtbot, window)

    failed = [o for o in outcomes if not o.ok]
    assert [o.network for o in failed] == [Platform.MASTODON]
    text = window.publish_bar.result_texts()[Platform.MASTODON]
    assert "Not published" in text and failed[0].reason.split()[0] in text
    assert "View on Facebook" in window.publish_bar.result_texts()[Platform.FACEBOOK]


def test_retrying_sends_only_the_networks_that_failed(
        qtbot: QtBot, connected_window: MainWindow, fakes: dict[Platform, Any]) -> None:
    window = connected_window
    fakes[Platform.MASTODON].error("POST", "/api/v1/statuses", 401,
                                   {"error": "The access token is invalid"})
    new_post(qtbot, window)
    type_into(qtbot, window, "New parking spaces behind the building.")
    publish(qtbot, window)
    qtbot.waitUntil(lambda: window.publish_bar.publish.text() == "Retry the rest")
    assert not window.publish_bar.schedule.isEnabled()

    outcomes = publish(qtbot, window)  # the network's trouble has passed

    assert all(o.ok for o in outcomes)
    assert len(fakes[Platform.FACEBOOK].published) == 1
    assert len(fakes[Platform.MASTODON].published) == 1


def test_an_approver_override_unblocks_publishing_and_is_audited(
        qtbot: QtBot, connected_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window = connected_window
    new_post(qtbot, window)
    type_into(qtbot, window, "Our new therapy cures back pain.")
    assert not window.publish_bar.publish.isEnabled()
    window.findings.table.selectRow(0)
    monkeypatch.setattr(OverrideDialog, "ask", classmethod(
        lambda cls, row, span, user, parent: "Quoted from the manufacturer's approved label."))

    with qtbot.waitSignal(window.broadcasted, timeout=5_000):
        window.findings.override.click()

    qtbot.waitUntil(window.publish_bar.publish.isEnabled)
    post = window.editor.post
    assert post is not None
    with window.studio.db.session() as session:
        events = [e for e in events_for_post(session, post.id) if e.action == "finding_overridden"]
    assert events and events[0].detail["span_text"] == "cures"
    assert events[0].actor == "Dana Whitfield"


def test_an_author_may_not_override(qtbot: QtBot, window: MainWindow) -> None:
    from clinicstudio.domain import Role

    window.findings.set_role(Role.AUTHOR)
    new_post(qtbot, window)
    type_into(qtbot, window, "Our new therapy cures back pain.")
    window.findings.table.selectRow(0)
    assert not window.findings.override.isEnabled()
    assert "approver" in window.findings.override.toolTip()


def test_scheduling_sets_the_time_in_the_clinics_zone(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from clinicstudio.domain import PostStatus
    from clinicstudio.store.posts import get_post
    from clinicstudio.ui.dialogs import ScheduleChoice, ScheduleDialog

    when = datetime(2030, 3, 4, 15, 0, tzinfo=UTC)  # 9:00 in Chicago
    asked: list[str] = []
    monkeypatch.setattr(ScheduleDialog, "ask", classmethod(
        lambda cls, zone, current, parent, **_: asked.append(zone) or ScheduleChoice(when)))
    new_post(qtbot, window)
    type_into(qtbot, window, "Spring open house on Saturday.")

    with qtbot.waitSignal(window.broadcasted, timeout=10_000):
        window.actions_.schedule.trigger()

    assert asked == ["America/Chicago"]
    post = window.editor.post
    assert post is not None
    with window.studio.db.session() as session:
        stored = get_post(session, post.id)
        assert stored.scheduled_at == when
        assert stored.status == PostStatus.SCHEDULED
        assert stored.body == "Spring open house on Saturday."
    # The bar under the editor says when it goes out, in the clinic's time.
    qtbot.waitUntil(lambda: "Scheduled for Mon 4 Mar, 9:00 AM" in window.publish_bar.status.text())


def test_ctrl_enter_asks_once_naming_networks_audience_and_what_is_left_out(
        qtbot: QtBot, connected_window: MainWindow, fakes: dict[Platform, Any]) -> None:
    window = connected_window
    new_post(qtbot, window)
    window.editor.networks.boxes[Platform.MASTODON].click()  # untick Mastodon
    type_into(qtbot, window, "Flu shots are in: walk in any weekday morning.")
    asked = answer_publish_question(publish=False)

    qtbot.keyClick(window.editor.main_text, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)

    assert "Publish to Facebook now?" in asked[0]
    assert "everyone who follows the clinic" in asked[0]
    assert "Left out: Mastodon (connected, but not ticked)." in asked[0]
    qtbot.wait(300)
    assert not window.publish_bar.busy
    assert fakes[Platform.FACEBOOK].published == []


def test_dont_ask_again_is_kept_for_this_desk(
        qtbot: QtBot, connected_window: MainWindow, fakes: dict[Platform, Any]) -> None:
    from clinicstudio.ui.publish_confirm import asks_before_publishing

    window = connected_window
    new_post(qtbot, window)
    type_into(qtbot, window, "Our lobby is being repainted this week.")
    asked = answer_publish_question(dont_ask=True)
    with qtbot.waitSignal(window.publishing.finished, timeout=20_000):
        window.actions_.publish.trigger()
    assert len(asked) == 1 and not asks_before_publishing()
    assert not window.ask_before_publishing.isChecked()  # Post › Ask before publishing
    # Let the window finish telling its panes about the first post before starting another.
    qtbot.waitUntil(lambda: not window._catch_up.isActive() and not window.workers.busy)

    new_post(qtbot, window)
    type_into(qtbot, window, "New parking spaces behind the building.")
    qtbot.waitUntil(window.publish_bar.publish.isEnabled)
    with qtbot.waitSignal(window.publishing.finished, timeout=20_000):
        window.actions_.publish.trigger()  # no question this time
    assert len(fakes[Platform.MASTODON].published) == 2
    window.ask_before_publishing.setChecked(True)  # and the question is back
    assert asks_before_publishing()
