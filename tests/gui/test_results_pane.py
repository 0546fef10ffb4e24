"""The Results window: figures, charts and campaigns from a clinic's history, in light and dark;
picking a top post shows its history; the View menu opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinicstudio.analytics.results import load_results
from clinicstudio.store.database import Database
from clinicstudio.ui import theme
from clinicstudio.ui.results import ResultsPane
from clinicstudio.ui.results.figures import NO_CONVERSIONS
from tests.helpers.results_data import seed_results


def shown_pane(qtbot: QtBot, sqlite_db: Database, scheme: str) -> ResultsPane:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, scheme)
    seed_results(sqlite_db, posts=18, days=60)
    pane = ResultsPane()
    qtbot.addWidget(pane)
    pane.resize(1280, 1500)
    start, end = pane.period_dates()
    with sqlite_db.session() as session:
        pane.show_results(load_results(session, start, end))
    pane.show()
    qtbot.waitExposed(pane)
    # Every table shows all its rows; nothing below overlaps it.
    posts_box = pane.top_posts.parentWidget()
    qtbot.waitUntil(lambda: pane.post_chart.y() >= posts_box.geometry().bottom())
    assert pane.top_posts.viewport().height() >= sum(
        pane.top_posts.rowHeight(r) for r in range(pane.top_posts.rowCount()))
    return pane


def test_the_pane_shows_headline_figures_campaigns_and_top_posts(
        qtbot: QtBot, sqlite_db: Database) -> None:
    pane = shown_pane(qtbot, sqlite_db, theme.LIGHT)
    tiles = {t.label.text(): t.figure.text() for t in pane.tiles}
    assert tiles["Spend"] == "$480.00"
    assert tiles["Cost per conversion"] == "$25.26"  # 480 / 19
    assert tiles["Return on ad spend"] == "4.8×"  # 2,280 / 480 = 4.75
    assert tiles["Engagements"] != "0"
    rows = {pane.campaigns.item(r, 0).text(): [pane.campaigns.item(r, c).text()
                                               for c in range(1, 8)]
            for r in range(pane.campaigns.rowCount())}
    assert rows["Sports physicals"][3] == NO_CONVERSIONS
    assert rows["Open house"][4] == "no spend yet"
    assert rows["Flu shots fall"][:2] == ["$400.00", "19"]
    assert pane.top_posts.rowCount() == 9  # the 9 of 18 posts published in the last 30 days
    qtbot.wait(200)  # let the scroll area settle before the screenshot
    pane.grab().save("/tmp/results_light.png")


def test_picking_a_top_post_shows_it_over_time_and_dark_reads_well(
        qtbot: QtBot, sqlite_db: Database) -> None:
    pane = shown_pane(qtbot, sqlite_db, theme.DARK)
    picked: list[int] = []
    pane.postPicked.connect(picked.append)
    qtbot.mouseClick(pane.top_posts.viewport(), Qt.MouseButton.LeftButton,
                     pos=pane.top_posts.visualItemRect(pane.top_posts.item(0, 0)).center())
    assert picked
    from clinicstudio.analytics.results import post_history

    with sqlite_db.session() as session:
        history = post_history(session, picked[0])
    assert set(history) == {"facebook", "instagram", "x", "linkedin", "mastodon", "bluesky"}
    pane.show_post("Flu shots are in", history)
    assert "over time" in pane.post_chart._paint.keywords["title"]  # type: ignore[union-attr]
    qtbot.wait(200)
    pane.grab().save("/tmp/results_dark.png")
