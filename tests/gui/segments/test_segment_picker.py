from __future__ import annotations

from pytestqt.qtbot import QtBot

from clinicstudio.audience import SegmentService
from clinicstudio.domain import Changes
from clinicstudio.store.database import Database
from clinicstudio.ui.segments import EVERYONE, SegmentPicker
from tests.helpers.audience_segments import OVER_50, PARENTS


def test_everyone_first_then_the_segments(qtbot: QtBot, sqlite_db: Database) -> None:
    service = SegmentService(sqlite_db)
    over_50, _ = service.create(OVER_50)
    picker = SegmentPicker(service)
    qtbot.addWidget(picker)
    assert [picker.itemText(i) for i in range(picker.count())] == [EVERYONE, OVER_50.name]
    assert picker.segment_id() is None
    with qtbot.waitSignal(picker.segmentChanged) as chosen:
        picker.set_segment_id(over_50.id)
    assert chosen.args == [over_50.id] and picker.segment_id() == over_50.id
    picker.set_segment_id(9999)
    assert picker.segment_id() is None


def test_refresh_keeps_the_choice_and_falls_back_when_deleted(
        qtbot: QtBot, sqlite_db: Database) -> None:
    service = SegmentService(sqlite_db)
    parents, _ = service.create(PARENTS)
    picker = SegmentPicker(service)
    qtbot.addWidget(picker)
    picker.set_segment_id(parents.id)
    service.create(OVER_50)
    picker.refresh(Changes(segments=True))
    assert picker.count() == 3 and picker.segment_id() == parents.id
    service.delete(parents.id)
    with qtbot.waitSignal(picker.segmentChanged) as chosen:
        picker.refresh(Changes(segments=True))
    assert chosen.args == [None] and picker.currentText() == EVERYONE
