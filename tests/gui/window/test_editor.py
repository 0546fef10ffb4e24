"""Writing a post: findings underlined while typing, publishing blocked until they are fixed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from clinicstudio.domain import Platform, Severity
from clinicstudio.ui import theme
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import new_post, type_into

PATIENT = "Mrs. Alvarez was so brave during her root canal today!"


def underlined(window: MainWindow) -> list[tuple[str, str]]:
    """(underlined text, colour) for every underline in the main text."""
    result = []
    for selection in window.editor.main_text.extraSelections():
        result.append((selection.cursor.selectedText(),
                       selection.format.underlineColor().name()))
    return result


def test_patient_name_with_procedure_is_underlined_and_blocks_publishing(
        qtbot: QtBot, window: MainWindow) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "Great week at the clinic. ")
    assert window.publish_bar.publish.isEnabled()

    type_into(qtbot, window, PATIENT)

    block = theme.severity_color(Severity.BLOCK).name()
    assert ("Mrs. Alvarez", block) in underlined(window)
    assert not window.publish_bar.publish.isEnabled()
    assert not window.publish_bar.schedule.isEnabled()
    assert "Names or tags a person" in window.publish_bar.reason.text()
    assert window.findings.model.rowCount() == 1


def test_fixing_from_the_right_click_menu_enables_publishing(
        qtbot: QtBot, window: MainWindow) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, PATIENT)
    editor = window.editor.main_text
    menu = QMenu(editor)
    assert editor.fix_menu(2, menu) == 1  # the cursor on "Mrs. Alvarez"
    fix = next(a for a in menu.actions() if "our patient" in a.text())
    # The menu says what the fix is for, as a line the reader can see (not a blank section).
    title = menu.actions()[0]
    assert title.text().startswith("Names or tags a person")
    assert not title.isSeparator() and not title.isEnabled()

    fix.trigger()

    assert editor.toPlainText().startswith("our patient was so brave")
    # Wait for the review of the fixed text itself: on a busy machine the review of the typing
    # can still be on its way and arrive first.
    qtbot.waitUntil(window.publish_bar.publish.isEnabled, timeout=20000)
    assert "Names or tags a person" not in window.publish_bar.reason.text()
    assert not window.publish_bar.reason.isVisible()
    menu.deleteLater()


def test_the_fix_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, PATIENT)
    finding = window.editor.main_text.findings()[0]
    with qtbot.waitSignal(window.editor.reviewed):
        window.editor.main_text.apply_fix(finding.fixes[0])
    with qtbot.waitSignal(window.editor.reviewed):
        window.actions_.undo.trigger()
    assert window.editor.main_text.toPlainText() == PATIENT
    assert not window.publish_bar.publish.isEnabled()


def test_counters_follow_each_networks_counting(qtbot: QtBot, window: MainWindow) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "Flu shots are here. Book at https://maplegrove-health.com/flu")
    # X counts every link as 23 characters; Facebook counts them as typed.
    assert window.editor.networks.counter_text(Platform.X) == "X 51/280"
    assert window.editor.networks.counter_text(Platform.FACEBOOK).startswith("Facebook 61/")


def test_clicking_a_finding_selects_its_words(qtbot: QtBot, window: MainWindow) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "Our new therapy cures back pain.")
    row = window.findings.model.index(0, 1)
    qtbot.mouseClick(window.findings.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.findings.table.visualRect(row).center())
    assert window.editor.main_text.textCursor().selectedText() == "cures"


def test_a_network_can_have_its_own_text(qtbot: QtBot, window: MainWindow) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "Our walk-in hours change next week.")
    tab = window.editor.network_tabs[Platform.X]
    window.editor.tabs.setCurrentWidget(tab)
    # Before the box is ticked the tab says why its text cannot be typed in, and looks it.
    assert tab.text.isReadOnly() and tab.inherits_note.isVisible()
    greyed = tab.text.palette().color(tab.text.backgroundRole())
    tab.own.setChecked(True)
    assert not tab.text.isReadOnly() and not tab.inherits_note.isVisible()
    assert tab.text.palette().color(tab.text.backgroundRole()) != greyed
    with qtbot.waitSignal(window.editor.reviewed):
        tab.text.setPlainText("Walk-in hours change next week. Details on our site.")
    post = window.editor.current()
    assert post is not None
    assert post.text_for(Platform.X).startswith("Walk-in hours change")
    assert post.text_for(Platform.FACEBOOK) == "Our walk-in hours change next week."


# The offscreen platform cannot raise the tooltip window; that says nothing about the studio.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_pointing_at_an_underline_explains_it(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    new_post(qtbot, window)
    type_into(qtbot, window, "Our new therapy cures back pain.")
    editor = window.editor.main_text
    cursor = editor.textCursor()
    cursor.setPosition(17)  # inside "cures"
    spot = editor.viewport().mapTo(editor, editor.cursorRect(cursor).center())
    QApplication.sendEvent(editor, QHelpEvent(QEvent.Type.ToolTip, spot,
                                              editor.mapToGlobal(spot)))
    assert "Promises a cure" in QToolTip.text()
    QToolTip.hideText()


def test_the_audience_segment_is_chosen_in_the_editor_and_saved(
        qtbot: QtBot, window: MainWindow) -> None:
    from clinicstudio.store.models import Segment
    from clinicstudio.store.posts import get_post

    with window.studio.db.transaction() as session:
        segment = Segment(name="Parents within 10 km", places=[], languages=[], topics=[],
                          networks=[])
        session.add(segment)
        session.flush()
        segment_id = segment.id
    picker = window.audience_picker
    assert picker is not None
    picker.reload()
    new_post(qtbot, window)
    type_into(qtbot, window, "Back-to-school checkups are open.")

    with qtbot.waitSignal(window.editor.changed, timeout=5_000):
        picker.set_segment_id(segment_id)

    post = window.editor.post
    assert post is not None
    with window.studio.db.session() as session:
        assert get_post(session, post.id).segment_id == segment_id


def _tab_chain(start: QWidget, stop: QWidget) -> list[QWidget]:
    """The widgets Tab visits from ``start`` (focusable, shown and enabled) up to ``stop``."""
    chain, widget = [], start
    for _ in range(200):
        widget = widget.nextInFocusChain()
        if widget is stop:
            return chain
        if widget.isVisible() and widget.isEnabled() and \
                widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
    return chain


def test_tab_goes_down_the_editor_in_reading_order(qtbot: QtBot, window: MainWindow) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "Flu shots are in. Walk in any weekday morning.")
    editor, bar = window.editor, window.publish_bar
    last_network = list(editor.networks.boxes.values())[-1]
    picker = window.audience_picker
    assert picker is not None
    after_networks = _tab_chain(last_network, editor.main_text)
    assert after_networks[0] is picker  # the audience sits under the networks
    after_text = _tab_chain(editor.main_text, window.post_list.search)
    assert after_text[:3] == [editor.media.add, bar.schedule, bar.publish]
