"""Repeating posts from the editor: the schedule dialog's "Repeat", and "this one or all"."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from clinicstudio.app import Studio
from clinicstudio.planning.series import SeriesScope
from clinicstudio.store.models import Post
from clinicstudio.ui.dialogs import ScheduleChoice, ScheduleDialog
from clinicstudio.ui.main_window import MainWindow
from clinicstudio.ui.series_prompt import SeriesScopeDialog
from tests.helpers.gui_on_time import add_scheduled, stored
from tests.helpers.gui_window import new_post, type_into

CHICAGO = ZoneInfo("America/Chicago")


def next_tuesday_evening() -> datetime:
    """Next week's Tuesday at 9 PM in Chicago: already Wednesday in UTC."""
    today = datetime.now(CHICAGO).date() + timedelta(days=7)
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7)
    return datetime.combine(tuesday, time(21, 0), CHICAGO).astimezone(UTC)


def series_times(studio: Studio, series_id: int) -> list[tuple[int, datetime, str]]:
    with studio.db.session() as session:
        rows = session.execute(select(Post.id, Post.scheduled_at, Post.body)
                               .where(Post.series_id == series_id)
                               .order_by(Post.scheduled_at)).all()
    return [(r[0], r[1].astimezone(CHICAGO), r[2]) for r in rows]


def test_a_weekly_series_from_the_dialog_lands_on_tuesdays_in_the_clinics_zone(
        qtbot: QtBot, studio: Studio, window: MainWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = next_tuesday_evening()
    labels: list[str] = []

    def ask(cls: type, zone: str, current: datetime | None, parent: object,
            **kwargs: object) -> ScheduleChoice:
        dialog = ScheduleDialog(zone, first, None, **kwargs)  # type: ignore[arg-type]
        labels.extend(dialog.repeat.kind.itemText(i) for i in range(dialog.repeat.kind.count()))
        dialog.repeat.choose(1)  # as a person picks "Every week on Tuesday"
        choice = dialog.choice()
        dialog.deleteLater()
        return choice

    monkeypatch.setattr(ScheduleDialog, "ask", classmethod(ask))
    new_post(qtbot, window)
    type_into(qtbot, window, "Tuesday tip: drink water before your blood test.")
    post = window.editor.post
    assert post is not None

    with qtbot.waitSignal(window.broadcasted, timeout=10_000):
        window.actions_.schedule.trigger()

    assert labels[:2] == ["Does not repeat", "Every week on Tuesday"]
    series_id = stored(studio, post.id).series_id
    assert series_id is not None
    posts = series_times(studio, series_id)
    assert len(posts) >= 12  # three months ahead
    assert posts[0][0] == post.id  # the post in the editor is the first one, not a copy
    assert {when.strftime("%A %H:%M") for _id, when, _body in posts} == {"Tuesday 21:00"}
    assert [(b - a).days for (_, a, _), (_, b, _) in pairwise(posts)] == [7] * (len(posts) - 1)
    assert all(body.startswith("Tuesday tip") for _id, _when, body in posts)


@pytest.fixture
def series(studio: Studio, window: MainWindow) -> list[int]:
    """A weekly Tuesday-evening series of posts; returns their numbers in date order."""
    first = next_tuesday_evening()
    post_id = add_scheduled(studio, first, "Tuesday tip: wash your hands.")
    window.on_time.timetable.repeat(post_id, first, "FREQ=WEEKLY;BYDAY=TU")
    series_id = stored(studio, post_id).series_id
    assert series_id is not None
    return [row[0] for row in series_times(studio, series_id)]


def open_in_editor(qtbot: QtBot, window: MainWindow, post_id: int) -> None:
    with qtbot.waitSignal(window.editor.reviewed, timeout=10_000):
        window.editor.open_post(post_id)


def edit_and_wait_for_the_question(qtbot: QtBot, window: MainWindow, text: str) -> None:
    type_into(qtbot, window, text)
    qtbot.waitUntil(window.on_time.series_bar.isVisible, timeout=10_000)


def bodies(studio: Studio, ids: list[int]) -> list[str]:
    return [stored(studio, i).body for i in ids]


def test_an_edit_for_all_posts_changes_every_post_of_the_series(
        qtbot: QtBot, studio: Studio, window: MainWindow, series: list[int]) -> None:
    open_in_editor(qtbot, window, series[2])
    edit_and_wait_for_the_question(qtbot, window, " Use soap.")

    with qtbot.waitSignal(window.broadcasted, timeout=10_000):
        window.on_time.series_bar.buttons[SeriesScope.ALL].click()

    assert all(b == "Tuesday tip: wash your hands. Use soap." for b in bodies(studio, series))
    assert not window.on_time.series_bar.isVisible()


def test_an_edit_for_only_this_post_leaves_the_others(
        qtbot: QtBot, studio: Studio, window: MainWindow, series: list[int]) -> None:
    open_in_editor(qtbot, window, series[2])
    edit_and_wait_for_the_question(qtbot, window, " Use soap.")

    window.on_time.series_bar.buttons[SeriesScope.THIS].click()

    assert not window.on_time.series_bar.isVisible()
    texts = bodies(studio, series)
    assert texts[2] == "Tuesday tip: wash your hands. Use soap."
    assert texts[:2] + texts[3:] == ["Tuesday tip: wash your hands."] * (len(series) - 1)


@pytest.mark.parametrize(("scope", "moved_from"), [(SeriesScope.THIS, None),
                                                   (SeriesScope.FOLLOWING, 2),
                                                   (SeriesScope.ALL, 0)])
def test_a_new_time_goes_to_the_posts_chosen(
        qtbot: QtBot, studio: Studio, window: MainWindow, series: list[int],
        monkeypatch: pytest.MonkeyPatch, scope: SeriesScope, moved_from: int | None) -> None:
    open_in_editor(qtbot, window, series[2])
    planned = stored(studio, series[2]).scheduled_at
    assert planned is not None
    offered: list[bool] = []
    monkeypatch.setattr(ScheduleDialog, "ask", classmethod(
        lambda cls, zone, current, parent, repeats=True, **_: offered.append(repeats)
        or ScheduleChoice(planned + timedelta(hours=1))))
    monkeypatch.setattr(SeriesScopeDialog, "ask", classmethod(
        lambda cls, question, parent: scope))

    with qtbot.waitSignal(window.broadcasted, timeout=10_000):
        window.actions_.schedule.trigger()

    assert offered == [False]  # a series post does not start another series
    hours = [stored(studio, i).scheduled_at.astimezone(CHICAGO).hour  # type: ignore[union-attr]
             for i in series]
    if moved_from is None:
        assert hours == [21, 21, 22] + [21] * (len(series) - 3)
    else:
        assert hours == [21] * moved_from + [22] * (len(series) - moved_from)


def test_series_are_kept_three_months_ahead_from_the_start(qtbot: QtBot, studio: Studio) -> None:
    from clinicstudio.planning.series import create_series
    from clinicstudio.store.posts import PostDraft
    from tests.helpers.gui_window import close_window, open_window

    first = next_tuesday_evening()
    with studio.db.transaction() as session:  # as if the app had been closed for weeks
        series, _ = create_series(session, "Tip", "FREQ=WEEKLY;BYDAY=TU", first,
                                  PostDraft(body="Tuesday tip.", networks=["facebook"]), CHICAGO,
                                  through=first + timedelta(days=15))
    assert len(series_times(studio, series.id)) == 3

    window = open_window(qtbot, studio)
    try:
        window.on_time.clock.pick_up_now()
        qtbot.waitUntil(lambda: len(series_times(studio, series.id)) >= 12, timeout=10_000)
    finally:
        close_window(qtbot, window)


def test_choosing_a_repeat_grows_the_dialog_so_its_note_is_not_cut_off(qtbot: QtBot) -> None:
    dialog = ScheduleDialog("America/Chicago", next_tuesday_evening(), None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.repeat.choose(1)
    note = dialog.repeat.note
    assert note.isVisible() and "three months ahead" in note.text()
    bottom = note.mapTo(dialog, note.rect().bottomLeft()).y()
    assert note.height() >= note.heightForWidth(note.width())
    assert bottom < dialog.height()
