"""The findings list keeps still while typing only moves the findings along the text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clinicstudio.domain import Category, Finding, Severity
from clinicstudio.studio_views import Reviewed
from clinicstudio.ui.editor.editor_pane import ReviewState
from clinicstudio.ui.findings_pane import FindingsPane


def _row(start: int, message: str = "Names a patient with their care.") -> Reviewed:
    return Reviewed(None, Finding("PHI-001", Category.PHI, Severity.BLOCK, start, start + 5,
                                  message))


def test_moved_findings_keep_the_list_and_its_selection(qtbot: QtBot) -> None:
    pane = FindingsPane()
    qtbot.addWidget(pane)
    resets: list[int] = []
    pane.model.modelReset.connect(lambda: resets.append(1))
    pane.show_review(ReviewState(None, [_row(10), _row(40, "Claims a cure.")], []))
    pane.table.selectRow(1)
    assert len(resets) == 1

    pane.show_review(ReviewState(None, [_row(11), _row(41, "Claims a cure.")], []))
    assert len(resets) == 1  # nothing on screen changed: no reset, no new row heights
    selected = pane.selected()
    assert selected is not None and selected.finding.start == 41  # the moved finding

    pane.show_review(ReviewState(None, [_row(11)], []))
    assert len(resets) == 2 and pane.model.rowCount() == 1


def test_a_reworded_finding_is_measured_again_alone(qtbot: QtBot) -> None:
    pane = FindingsPane()
    qtbot.addWidget(pane)
    pane.table.resize(300, 400)
    pane.show()
    short, long = "Too long for X.", "Too long for X: " + "one more word, " * 30
    pane.show_review(ReviewState(None, [_row(10), _row(40, short)], []))
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    pane.model.modelReset.connect(lambda: resets.append(1))
    pane.model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    first_height, second_height = pane.table.rowHeight(0), pane.table.rowHeight(1)

    pane.show_review(ReviewState(None, [_row(11), _row(41, long)], []))

    assert resets == [] and changed == [(1, 1)]  # only the reworded row is announced
    assert pane.model.item(1).finding.message == long
    assert pane.table.rowHeight(0) == first_height
    assert pane.table.rowHeight(1) > second_height  # its new words wrap onto more lines


def test_the_narrow_columns_fit_their_words_as_rows_change(qtbot: QtBot) -> None:
    pane = FindingsPane()
    qtbot.addWidget(pane)
    pane.table.resize(600, 300)
    pane.show()
    tip = Reviewed(None, Finding("SPL-001", Category.SPELLING, Severity.INFO, 3, 6, "Spelling."))
    pane.show_review(ReviewState(None, [tip], []))
    narrow = pane.table.columnWidth(0)
    # The same row, now a block: "Must fix" is wider than "Tip" and the column follows.
    pane.show_review(ReviewState(None, [_row(3)], []))
    assert pane.table.columnWidth(0) > narrow
    words = pane.table.sizeHintForIndex(pane.model.index(0, 0)).width()
    assert pane.table.columnWidth(0) >= words
