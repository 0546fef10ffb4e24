"""The week and agenda views, and turning an observance into a draft from the pane."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from clinicstudio.domain import PostStatus
from clinicstudio.planning import CalendarService
from clinicstudio.store.database import Database
from clinicstudio.store.models import Post
from clinicstudio.ui.calendar import CalendarPane
from clinicstudio.ui.calendar.chips import chip_tooltip
from tests.helpers.gui_calendar import drop
from tests.helpers.planning_posts import add_post

Clinic = tuple[Database, int, int]
MakePane = Callable[[], CalendarPane]


def test_week_drop_sets_day_and_time_in_the_clinic_zone(
        qtbot: QtBot, clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    with db.transaction() as session:
        post_id = add_post(session, datetime(2026, 11, 10, 14, tzinfo=UTC)).id
    pane = make_pane()
    pane.show_view("week", date(2026, 11, 10))
    assert pane.title.text() == "Nov 8 – Nov 14, 2026"
    body = pane.week_view.body
    chip = body.chip_rect(post_id)
    slot = body.point_for(date(2026, 11, 10), time(9, 0))
    assert chip is not None and slot is not None and chip.contains(slot)
    target = body.point_for(date(2026, 11, 12), time(16, 45))
    assert target is not None
    with qtbot.waitSignal(pane.postRescheduled):
        drop(body, post_id, target)
    with db.session() as session:
        post = session.get(Post, post_id)
        assert post is not None
        assert post.scheduled_at == datetime(2026, 11, 12, 21, 45, tzinfo=UTC)
    assert "4:45 PM" in pane.status.text()
    with qtbot.waitSignal(pane.newPostRequested) as started:
        empty = body.point_for(date(2026, 11, 13), time(11, 30))
        assert empty is not None
        qtbot.mouseDClick(body, Qt.MouseButton.LeftButton, pos=empty.toPoint())
    assert started.args == [datetime(2026, 11, 13, 16, 30, tzinfo=UTC)]


def test_agenda_lists_posts_in_order_and_opens_them(
        qtbot: QtBot, qtmodeltester: ModelTester, clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    with db.transaction() as session:
        later = add_post(session, datetime(2026, 11, 20, 14, tzinfo=UTC), title="Later",
                         networks=("facebook", "linkedin")).id
        sooner = add_post(session, datetime(2026, 11, 5, 19, tzinfo=UTC), title="Sooner",
                          status=PostStatus.PUBLISHED).id
    pane = make_pane()
    pane.show_view("agenda", date(2026, 11, 1))
    model = pane.agenda_view.agenda_model
    qtmodeltester.check(model)
    assert [p.id for p in model.items()] == [sooner, later]
    assert model.index(1, 1).data() == "9:00 AM"
    assert model.index(1, 3).data() == "Facebook, LinkedIn"
    assert model.index(0, 4).data() == "Published"
    with qtbot.waitSignal(pane.openPostRequested) as opened:
        pane.agenda_view.activated.emit(model.index(1, 2))
    assert opened.args == [later]


def test_an_observance_becomes_a_draft_that_opens_in_the_editor(
        qtbot: QtBot, clinic: Clinic, make_pane: MakePane) -> None:
    db = clinic[0]
    pane = make_pane()
    texts = [a.text() for a in pane.draft_menu.actions()]
    assert "National Diabetes Month (November)" in texts
    assert "World Diabetes Day (Nov 14)" in texts
    assert "Health observances" in pane.observance_label.text()
    action = next(a for a in pane.draft_menu.actions() if a.text().startswith("World Diabetes"))
    with qtbot.waitSignal(pane.openPostRequested) as opened:
        action.trigger()
    with db.session() as session:
        post = session.get(Post, opened.args[0])
        assert post is not None and post.status == PostStatus.DRAFT
        assert post.scheduled_at == datetime(2026, 11, 14, 14, tzinfo=UTC)
    assert pane.month_view.chip_ids(date(2026, 11, 14)) == [opened.args[0]]
    assert "stays a draft" in pane.status.text()


def test_chip_tooltips_say_what_a_person_can_do(clinic: Clinic,
                                                 service: CalendarService) -> None:
    db = clinic[0]
    with db.transaction() as session:
        sent = add_post(session, datetime(2026, 11, 2, 14, tzinfo=UTC),
                        status=PostStatus.PUBLISHED).id
        waiting = add_post(session, datetime(2026, 11, 9, 14, tzinfo=UTC)).id
    period = service.month(2026, 11)
    published, scheduled = period.find(sent), period.find(waiting)
    assert published is not None and scheduled is not None
    assert "already gone out" in chip_tooltip(published)
    assert "Drag to another day" in chip_tooltip(scheduled)
    assert "9:00 AM" in chip_tooltip(scheduled)
