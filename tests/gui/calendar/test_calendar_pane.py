"""The calendar pane, offscreen: chips on the right local day, drops, double-clicks, filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinicstudio.domain import Changes, PostStatus
from clinicstudio.store.clinic import save_profile
from clinicstudio.store.database import Database
from clinicstudio.store.models import Post
from clinicstudio.ui.calendar import CalendarPane
from tests.helpers.gui_calendar import drop
from tests.helpers.planning_posts import add_post

Clinic = tuple[Database, int, int]
MakePane = Callable[[], CalendarPane]


def scheduled_at(db: Database, post_id: int) -> datetime | None:
    with db.session() as session:
        post = session.get(Post, post_id)
        assert post is not None
        return post.scheduled_at


def test_month_shows_each_chip_on_its_local_day(clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    with db.transaction() as session:
        # 23:30 on Saturday 31 October in New York is already 1 November in UTC.
        late = add_post(session, datetime(2026, 11, 1, 3, 30, tzinfo=UTC), title="Late").id
        tip = add_post(session, datetime(2026, 11, 18, 14, tzinfo=UTC), title="Tip").id
    pane = make_pane()
    assert pane.title.text() == "November 2026"
    assert "America/New_York" in pane.zone_label.text()
    month = pane.month_view
    assert month.chip_ids(date(2026, 11, 18)) == [tip]
    assert late not in month.chip_ids(date(2026, 11, 1))
    pane.step(-1)
    assert pane.title.text() == "October 2026"
    assert month.chip_ids(date(2026, 10, 31)) == [late]
    chip, cell = month.chip_rect(late), month.day_rect(date(2026, 10, 31))
    assert chip is not None and cell is not None and cell.contains(chip)


def test_dropping_a_chip_on_another_day_saves_it_at_the_same_local_time(
        qtbot: QtBot, clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    with db.transaction() as session:
        post_id = add_post(session, datetime(2026, 11, 10, 14, 30, tzinfo=UTC)).id
    pane = make_pane()
    target = pane.month_view.day_rect(date(2026, 11, 24))
    assert target is not None
    with qtbot.waitSignal(pane.postRescheduled) as moved:
        drop(pane.month_view, post_id, target.center())
    assert moved.args == [post_id]
    assert scheduled_at(db, post_id) == datetime(2026, 11, 24, 14, 30, tzinfo=UTC)
    assert pane.month_view.chip_ids(date(2026, 11, 24)) == [post_id]
    assert pane.month_view.chip_ids(date(2026, 11, 10)) == []
    assert "Tuesday, November 24" in pane.status.text()


def test_a_published_post_cannot_be_moved_and_the_pane_says_why(
        qtbot: QtBot, clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    when = datetime(2026, 11, 2, 14, tzinfo=UTC)
    with db.transaction() as session:
        post_id = add_post(session, when, status=PostStatus.PUBLISHED).id
    pane = make_pane()
    month = pane.month_view
    chip = month.chip_rect(post_id)
    assert chip is not None
    # Trying to drag its chip: no drag starts, the reason shows.
    with qtbot.waitSignal(month.moveRefused):
        press = QMouseEvent(QEvent.Type.MouseButtonPress, chip.center(), chip.center(),
                            Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(month, press)
        away = chip.center() + QPointF(40, 30)
        move = QMouseEvent(QEvent.Type.MouseMove, away, away, Qt.MouseButton.NoButton,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(month, move)
    assert "already gone out" in pane.status.text()
    assert pane.status.property("tone") == "error"
    # A drop that arrives anyway (from another window, say) is refused too.
    target = month.day_rect(date(2026, 11, 20))
    assert target is not None
    with qtbot.assertNotEmitted(pane.postRescheduled):
        drop(month, post_id, target.center())
    assert scheduled_at(db, post_id) == when
    assert "already gone out" in pane.status.text()


def test_double_clicks_start_a_post_on_a_day_or_open_one(
        qtbot: QtBot, clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    with db.transaction() as session:
        post_id = add_post(session, datetime(2026, 11, 10, 14, tzinfo=UTC)).id
    pane = make_pane()
    month = pane.month_view
    cell = month.day_rect(date(2026, 11, 20))
    assert cell is not None
    empty = QPoint(int(cell.center().x()), int(cell.bottom() - 6))
    with qtbot.waitSignal(pane.newPostRequested) as started:
        qtbot.mouseDClick(month, Qt.MouseButton.LeftButton, pos=empty)
    assert started.args == [datetime(2026, 11, 20, 14, 0, tzinfo=UTC)]  # 09:00 in New York
    chip = month.chip_rect(post_id)
    assert chip is not None
    with qtbot.waitSignal(pane.openPostRequested) as opened:
        qtbot.mouseDClick(month, Qt.MouseButton.LeftButton, pos=chip.center().toPoint())
    assert opened.args == [post_id]


def test_filters_hide_the_chips_they_leave_out(clinic: Clinic, make_pane: MakePane) -> None:
    db, campaign_id, segment_id = clinic
    day = date(2026, 11, 12)
    with db.transaction() as session:
        facebook = add_post(session, datetime(2026, 11, 12, 14, tzinfo=UTC),
                            networks=("facebook",), campaign_id=campaign_id).id
        instagram = add_post(session, datetime(2026, 11, 12, 16, tzinfo=UTC),
                             networks=("instagram",), segment_id=segment_id).id
        draft = add_post(session, datetime(2026, 11, 12, 18, tzinfo=UTC),
                         networks=("instagram",), status=PostStatus.DRAFT).id
    pane = make_pane()
    bar = pane.filters
    assert pane.month_view.chip_ids(day) == [facebook, instagram, draft]
    bar.select(bar.network, "instagram")
    assert pane.month_view.chip_ids(day) == [instagram, draft]
    bar.select(bar.status, "draft")
    assert pane.month_view.chip_ids(day) == [draft]
    bar.select(bar.network, None)
    bar.select(bar.status, None)
    bar.select(bar.campaign, campaign_id)
    assert pane.month_view.chip_ids(day) == [facebook]
    bar.select(bar.campaign, None)
    bar.select(bar.segment, segment_id)
    assert pane.month_view.chip_ids(day) == [instagram]


def test_refresh_shows_changes_made_elsewhere(clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    pane = make_pane()
    with db.transaction() as session:
        post_id = add_post(session, datetime(2026, 11, 19, 14, tzinfo=UTC)).id
    assert pane.month_view.chip_ids(date(2026, 11, 19)) == []
    pane.refresh(Changes())
    assert pane.month_view.chip_ids(date(2026, 11, 19)) == []
    pane.refresh(Changes(posts=frozenset({post_id})))
    assert pane.month_view.chip_ids(date(2026, 11, 19)) == [post_id]


def test_a_new_clinic_zone_moves_chips_to_their_new_local_day(
        clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    with db.transaction() as session:
        # 02:00 UTC on 11 November: the evening of the 10th in New York, the 11th in Berlin.
        post_id = add_post(session, datetime(2026, 11, 11, 2, tzinfo=UTC)).id
    pane = make_pane()
    assert pane.month_view.chip_ids(date(2026, 11, 10)) == [post_id]
    with db.transaction() as session:
        save_profile(session, time_zone="Europe/Berlin")
    pane.refresh(Changes(clinic=True))
    assert pane.month_view.chip_ids(date(2026, 11, 11)) == [post_id]
    assert "Europe/Berlin" in pane.zone_label.text()


def test_more_link_opens_the_week_of_a_busy_day(
        qtbot: QtBot, clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    with db.transaction() as session:
        for hour in range(14, 23):
            add_post(session, datetime(2026, 11, 18, hour, tzinfo=UTC))
    pane = make_pane()
    shown = pane.month_view.chip_ids(date(2026, 11, 18))
    assert 0 < len(shown) < 9
    more = pane.month_view.more_rect(date(2026, 11, 18))
    assert more is not None
    qtbot.mouseClick(pane.month_view, Qt.MouseButton.LeftButton, pos=more.center().toPoint())
    assert pane.current_view() == "week"
    assert pane.title.text() == "Nov 15 – Nov 21, 2026"


def test_the_chip_menu_moves_a_post_without_dragging(
        qtbot: QtBot, clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    with db.transaction() as session:
        post_id = add_post(session, datetime(2026, 11, 10, 14, tzinfo=UTC)).id
        sent_id = add_post(session, datetime(2026, 11, 2, 14, tzinfo=UTC),
                           status=PostStatus.PUBLISHED).id
    pane = make_pane()
    month = pane.month_view

    def actions(chip_of: int) -> dict[str, bool]:
        chip = month.chip_rect(chip_of)
        assert chip is not None
        hit = month.hit_at(chip.center())
        assert hit is not None
        menu = month.menu_for(hit)
        found = {a.text(): a.isEnabled() for a in menu.actions() if a.text()}
        later = next((a for a in menu.actions() if a.text() == "Move a day later"), None)
        if chip_of == post_id and later is not None:
            with qtbot.waitSignal(pane.postRescheduled):
                later.trigger()
        menu.deleteLater()
        return found

    assert actions(post_id)["Move a day later"] is True
    assert scheduled_at(db, post_id) == datetime(2026, 11, 11, 14, tzinfo=UTC)
    assert actions(sent_id)["Move a day later"] is False
