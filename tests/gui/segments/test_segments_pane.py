from __future__ import annotations

from pytestqt.qtbot import QtBot

from clinicstudio.audience import Place, SegmentService
from clinicstudio.domain import Changes
from clinicstudio.store.database import Database
from clinicstudio.ui.segments import SegmentsPane
from tests.helpers.audience_segments import OVER_50, PARENTS, add_figures, add_post


def make_pane(qtbot: QtBot, service: SegmentService) -> SegmentsPane:
    pane = SegmentsPane(service)
    qtbot.addWidget(pane)
    pane.resize(1300, 820)
    pane.show()
    return pane


def card_texts(pane: SegmentsPane) -> list[str]:
    return [card.message.text() for card in pane.form.findings_view.cards]


def test_typing_a_condition_blocks_saving_and_offers_the_alternative(
        qtbot: QtBot, sqlite_db: Database) -> None:
    pane = make_pane(qtbot, SegmentService(sqlite_db))
    form = pane.form
    form.places.set_places((Place("city", "Springfield, IL", 20),))
    qtbot.keyClicks(form.name, "Diabetics")
    qtbot.waitUntil(lambda: any("describes people by their health" in t for t in card_texts(pane)))
    assert not form.save_button.isEnabled() and form.blocked_hint.isVisibleTo(pane)
    assert pane.preview.not_yet.isVisibleTo(pane)
    card = next(c for c in form.findings_view.cards if c.finding.field == "name")
    assert card.fix_button is not None
    card.fix_button.click()
    assert form.name.text() == "Adults 50+ within 20 km of Springfield, IL"
    assert form.age_min.value() == 50
    assert form.save_button.isEnabled() and not form.blocked_hint.isVisibleTo(pane)
    assert not pane.preview.not_yet.isVisibleTo(pane)
    with qtbot.waitSignal(pane.segmentsChanged):
        form.save_button.click()
    assert [r.name for r in SegmentService(sqlite_db).list_segments()] == [
        "Adults 50+ within 20 km of Springfield, IL"]
    assert pane.list.count() == 1


def test_preview_says_what_each_network_receives_as_you_edit(
        qtbot: QtBot, sqlite_db: Database) -> None:
    service = SegmentService(sqlite_db)
    service.create(OVER_50)
    pane = make_pane(qtbot, service)
    assert "people aged 50 and over" in pane.preview.rows["facebook"].text()
    assert "cannot be aimed at an audience" in pane.preview.rows["instagram"].text()
    pane.form.networks["facebook"].setChecked(False)
    qtbot.waitUntil(lambda: "not used on Facebook" in pane.preview.rows["facebook"].text())


def test_posts_aimed_at_it_and_their_results(qtbot: QtBot, sqlite_db: Database) -> None:
    service = SegmentService(sqlite_db)
    record, _ = service.create(OVER_50)
    upcoming = add_post(sqlite_db, record.id, days_from_now=2, body="Colon screening at 50")
    past = add_post(sqlite_db, record.id, days_from_now=-4)
    add_figures(sqlite_db, past, "facebook", reach=1000, likes=40, comments=5, shares=5)
    pane = make_pane(qtbot, service)
    assert pane.posts.list.count() == 1
    assert "Colon screening at 50" in pane.posts.list.item(0).text()
    with qtbot.waitSignal(pane.openPostRequested) as opened:
        pane.posts.list.itemActivated.emit(pane.posts.list.item(0))
    assert opened.args == [upcoming]
    assert not pane.performance.none_yet.isVisibleTo(pane)
    assert "1,000 people reached · 5.0\u00a0% engaged" in pane.performance.lines["Facebook"].text()


def test_no_results_yet_is_said_plainly(qtbot: QtBot, sqlite_db: Database) -> None:
    service = SegmentService(sqlite_db)
    service.create(PARENTS)
    pane = make_pane(qtbot, service)
    assert pane.performance.none_yet.isVisibleTo(pane) and pane.performance.lines == {}
    assert pane.posts.empty.isVisibleTo(pane)


def test_delete_and_refresh_from_elsewhere(qtbot: QtBot, sqlite_db: Database) -> None:
    service = SegmentService(sqlite_db)
    service.create(OVER_50)
    pane = make_pane(qtbot, service)
    with qtbot.waitSignal(pane.changesMade) as made:
        pane.delete_current()
    assert made.args[0].segments and pane.list.count() == 0
    assert pane.form.title.text() == "New segment"
    # Another part of the window adds a segment; the pane shows it.
    SegmentService(sqlite_db).create(PARENTS)
    pane.refresh(Changes(segments=True))
    assert pane.list.count() == 1
    # The pane's own broadcast coming back is ignored.
    before = pane.list.count()
    pane.refresh(made.args[0])
    assert pane.list.count() == before


def test_undo_changes_restores_the_saved_segment(qtbot: QtBot, sqlite_db: Database) -> None:
    service = SegmentService(sqlite_db)
    service.create(PARENTS)
    pane = make_pane(qtbot, service)
    pane.form.topics.setText("IVF")
    pane.form.check_now()
    assert not pane.form.save_button.isEnabled()
    pane.form.revert_button.click()
    assert pane.form.topics.text() == "school physicals"
    assert pane.form.spec().normalised() == PARENTS.normalised()


def test_a_narrow_pane_stacks_its_parts_so_nothing_is_cut_off(
        qtbot: QtBot, sqlite_db: Database) -> None:
    from PySide6.QtCore import Qt

    pane = make_pane(qtbot, SegmentService(sqlite_db))
    assert pane.splitter.orientation() == Qt.Orientation.Horizontal
    pane.resize(380, 820)  # docked beside the editor
    qtbot.waitUntil(lambda: pane.splitter.orientation() == Qt.Orientation.Vertical)
    assert pane.form.width() <= pane.width()
    assert pane.list.height() > 100  # room to see a few segments
    pane.resize(1300, 820)
    qtbot.waitUntil(lambda: pane.splitter.orientation() == Qt.Orientation.Horizontal)
