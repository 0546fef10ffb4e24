"""The Results window from the studio: View → Results opens it, "Read figures now" reads the
networks in the background and the figures appear without a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.publishing import Publisher
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.publishing_setup import add_post, connect_accounts, running_fakes


def test_view_results_reads_the_networks_and_shows_the_figures(
        qtbot: QtBot, window: MainWindow, vault: SecretVault) -> None:
    db = window.studio.db
    with running_fakes(networks=[Platform.MASTODON]) as fakes:
        connect_accounts(db, vault, fakes)
        post_id = add_post(db, "Flu shots are in! Walk in Monday to Friday.",
                           [Platform.MASTODON])
        Publisher(db, vault=vault, inline_wait=0).publish_now(post_id)
        mastodon = fakes[Platform.MASTODON]
        mastodon.counts[mastodon.published[0]["id"]] = {"favourites_count": 7,
                                                         "reblogs_count": 2}
        mastodon.follower_count = 412

        action = window.results_action
        assert action in window.actions_.view.actions()
        action.trigger()
        controller = window.results_view
        pane = controller.pane
        qtbot.waitUntil(controller.window.isVisible)
        with qtbot.waitSignal(controller.clock.read, timeout=20_000):
            qtbot.mouseClick(pane.refresh, Qt.MouseButton.LeftButton)
        assert pane.status.text() == ("Read the figures of 1 post(s) and the followers of "
                                      "1 account(s).")
        qtbot.waitUntil(lambda: pane.tiles[0].figure.text() == "9", timeout=10_000)
        assert pane.tiles[1].figure.text() == "412"
        assert pane.top_posts.rowCount() == 1
        controller.window.grab().save("/tmp/results_window.png")
        controller.window.close()
