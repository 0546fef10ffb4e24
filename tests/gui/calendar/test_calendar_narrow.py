"""The calendar in a narrow pane: usable at about 700 px, next to the editor."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from clinicstudio.planning import CalendarService
from clinicstudio.store.database import Database
from clinicstudio.store.models import Campaign
from clinicstudio.ui.calendar import CalendarPane
from tests.helpers.planning_posts import add_post

Clinic = tuple[Database, int, int]


def test_the_month_fits_in_700_pixels_with_long_names(
        qtbot: QtBot, clinic: Clinic, service: CalendarService) -> None:
    db = clinic[0]
    with db.transaction() as session:
        session.add(Campaign(name="Back-to-school vaccination reminders for the whole county"))
        post_id = add_post(session, datetime(2026, 11, 19, 14, tzinfo=UTC),
                           title="Our new walk-in hours for flu shots start this Thursday",
                           networks=("facebook", "instagram", "mastodon")).id
    pane = CalendarPane(service)
    qtbot.addWidget(pane)

    assert pane.minimumSizeHint().width() <= 720

    pane.resize(700, 760)
    pane.show()
    qtbot.waitExposed(pane)
    view = pane.month_view
    assert view.width() <= 700
    rect = view.chip_rect(post_id)
    assert rect is not None and rect.width() >= 60  # each day keeps a readable chip
    assert view.chip_ids(date(2026, 11, 19)) == [post_id]
    assert pane.legend.isVisible()
    qtbot.waitUntil(lambda: pane.legend.geometry().top() > pane.filters.geometry().bottom())


def test_a_wide_pane_keeps_the_legend_beside_the_filters(
        qtbot: QtBot, service: CalendarService) -> None:
    pane = CalendarPane(service)
    qtbot.addWidget(pane)
    pane.resize(1200, 820)
    pane.show()
    qtbot.waitExposed(pane)

    qtbot.waitUntil(lambda: abs(pane.legend.geometry().center().y()
                                - pane.filters.geometry().center().y()) < 8)
