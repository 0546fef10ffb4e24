"""The Results window from the studio: View → Results opens it, "Read figures now" reads the
networks in the background and the figures appear without a restart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from clinicstudio.accounts import SecretVault
from clinicstudio.analytics.campaigns import add_campaign
from clinicstudio.domain import Platform
from clinicstudio.publishing import Publisher
from clinicstudio.ui.main_window import MainWindow
from clinicstudio.ui.results.spend_dialog import SpendDialog
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


def test_spend_and_conversions_entered_in_the_window_give_cpa_and_roas(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with window.studio.db.transaction() as session:
        add_campaign(session, "Flu shots fall", slug="flu-shots-fall")
    controller = window.results_view
    pane = controller.pane
    window.results_action.trigger()
    qtbot.waitUntil(lambda: pane.results is not None and bool(pane.results.campaigns))

    def fill_in() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, SpendDialog) and w.isVisible())
        dialog.network.setCurrentIndex(dialog.network.findData("facebook"))
        dialog.amount.setText("150")
        dialog.accept()

    QTimer.singleShot(200, fill_in)
    pane.add_spend.click()
    qtbot.waitUntil(lambda: pane.status.text() == "Spend recorded.", timeout=5_000)
    export = tmp_path / "bookings.csv"
    export.write_text("date,utm_source,utm_medium,utm_campaign,conversions,revenue\n"
                      f"{date.today()},facebook,social,flu-shots-fall,3,450\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(export), "")))
    pane.import_conversions.click()
    qtbot.waitUntil(lambda: pane.status.text().startswith("Imported 1 row(s)"), timeout=5_000)
    qtbot.waitUntil(lambda: pane.tiles[3].figure.text() == "$50.00", timeout=5_000)
    assert pane.tiles[4].figure.text() == "3.0×"

    bad = tmp_path / "names.csv"
    bad.write_text("date,utm_source,utm_campaign,conversions,Patient\n"
                   f"{date.today()},facebook,flu-shots-fall,1,Jane Roe\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(bad), "")))
    pane.import_conversions.click()
    qtbot.waitUntil(lambda: "never patient details" in pane.status.text(), timeout=5_000)
    controller.window.close()
