"""The Inbox pane and the reply editor, driven like an office manager would, offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from clinicstudio.accounts import SecretVault
from clinicstudio.compliance import Checker
from clinicstudio.domain import Platform
from clinicstudio.inbox import InboxService
from clinicstudio.store.database import Database
from clinicstudio.ui.inbox import InboxPane, ReplyEditor
from clinicstudio.ui.workers import Workers
from tests.helpers.inbox_setup import (
    PHONE,
    comment,
    publish_clinic_post,
    seed_morning,
    set_up_clinic,
)
from tests.helpers.publishing_setup import connect_accounts, running_fakes


@pytest.fixture
def service(sqlite_db: Database, vault: SecretVault) -> InboxService:
    set_up_clinic(sqlite_db)
    return InboxService(sqlite_db, vault, checker_factory=Checker, actor=lambda: "Dana")


@pytest.fixture
def workers(qtbot: QtBot) -> Iterator[Workers]:
    workers = Workers()
    yield workers
    workers.wait()


def open_pane(qtbot: QtBot, service: InboxService, workers: Workers) -> InboxPane:
    pane = InboxPane(service, workers)
    qtbot.addWidget(pane)
    pane.resize(1200, 640)
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.show()
        pane.reload()
    return pane


def lines(pane: InboxPane) -> list[str]:
    return [pane.items.item(i).text() for i in range(pane.items.count())]


def test_unanswered_first_angry_marked_with_calm_advice(
        qtbot: QtBot, service: InboxService, workers: Workers, sqlite_db: Database) -> None:
    _post, ids = seed_morning(sqlite_db)
    service.done(ids[1])  # Priya's thanks needs no answer
    pane = open_pane(qtbot, service, workers)
    shown = lines(pane)
    assert len(shown) == 4  # "Open" hides what is done
    assert not any("Priya" in line for line in shown)
    assert any("Mark Delaney" in line and "⚠ angry" in line for line in shown)
    assert any("Alicia Gomez" in line and "⚠ unhappy" in line for line in shown)
    with qtbot.waitSignal(pane.loaded):
        pane.state.setCurrentIndex(pane.state.findData(""))
    assert "Priya" in lines(pane)[-1]  # done items after the unanswered ones
    row = next(i for i, line in enumerate(lines(pane)) if "Mark Delaney" in line)
    pane.items.setCurrentRow(row)
    qtbot.waitUntil(lambda: pane.view is not None and pane.view.item["id"] == ids[2])
    assert pane.advice.isVisible() and "do not argue" in pane.advice.text()
    html = pane.thread.toHtml()
    assert "Your post" in html and "flu clinic is open Saturday" in html
    assert "Jordan Miles" in html  # the whole conversation, not just this comment
    pane.assignee.setText("Sam Ortiz")
    with qtbot.waitSignal(pane.loaded):
        pane.assign_button.click()
    pane.note.setText("Called him back, he will come in Thursday")
    with qtbot.waitSignal(pane.loaded):
        pane.note_button.click()
    qtbot.waitUntil(lambda: pane.view is not None and bool(pane.view.notes))
    assert pane.view.item["assigned_to"] == "Sam Ortiz"
    assert "Called him back" in pane.thread.toHtml()
    with qtbot.waitSignal(pane.loaded):
        pane.network.setCurrentIndex(pane.network.findData("x"))
    assert lines(pane) == []


def test_reply_editor_blocks_a_confirming_answer_and_offers_the_fix(
        qtbot: QtBot, service: InboxService, workers: Workers, sqlite_db: Database) -> None:
    _post, ids = seed_morning(sqlite_db)
    editor = ReplyEditor(service, workers, service.show(ids[2]))
    qtbot.addWidget(editor)
    editor.show()
    editor.text.setPlainText("Mark, we're sorry about your wait at your appointment yesterday.")
    qtbot.waitUntil(lambda: editor.findings_list.count() > 0, timeout=10_000)
    assert editor.blocked
    assert not editor.send_button.isEnabled()
    assert editor.findings_list.count() >= 1
    assert "Blocks" in editor.findings_list.item(0).text()
    qtbot.waitUntil(lambda: editor.templates.count() == 5)
    editor.templates.setCurrentIndex(3)
    editor.templates.activated.emit(3)
    qtbot.waitUntil(editor.send_button.isEnabled, timeout=10_000)
    assert not editor.blocked
    assert PHONE in editor.text.toPlainText()


def test_sending_from_the_editor_replies_once_in_the_thread(
        qtbot: QtBot, service: InboxService, workers: Workers, sqlite_db: Database,
        vault: SecretVault, tmp_path: Path) -> None:
    with running_fakes(networks=[Platform.MASTODON]) as fakes:
        fake = fakes[Platform.MASTODON]
        connect_accounts(sqlite_db, vault, fakes)
        _post, remote = publish_clinic_post(sqlite_db, vault, Platform.MASTODON, tmp_path)
        comment_id = comment(fake, Platform.MASTODON, remote, "Do you have Saturday hours?")
        pane = open_pane(qtbot, service, workers)
        with qtbot.waitSignal(pane.loaded, timeout=20_000):
            pane.collect()
        assert len(lines(pane)) == 1
        qtbot.waitUntil(lambda: pane.view is not None)
        editor = ReplyEditor(service, workers, pane.view)
        qtbot.addWidget(editor)
        editor.text.setPlainText("Yes! We are open Saturdays 9 to 12. Walk-ins welcome.")
        qtbot.waitUntil(editor.send_button.isEnabled, timeout=10_000)
        with qtbot.waitSignal(editor.sent, timeout=20_000, raising=False) as sent:
            editor.send_button.click()
        assert sent.signal_triggered, editor.verdict.text()
        assert sent.args[0].sent
        assert [s["in_reply_to_id"] for s in fake.published if s.get("in_reply_to_id")] == [
            comment_id]


def test_screenshot_of_a_realistic_inbox(qtbot: QtBot, service: InboxService,
                                         workers: Workers, sqlite_db: Database) -> None:
    with styled_as_the_window():
        _shoot(qtbot, service, workers, sqlite_db)


@contextmanager
def styled_as_the_window() -> Iterator[None]:
    """The window's light theme, put back afterwards: the application is shared by all tests
    and later panes' tests measure themselves in the default style."""
    from PySide6.QtWidgets import QApplication

    from clinicstudio.ui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette, sheet = app.style().name(), app.palette(), app.styleSheet()
    theme.apply(app, theme.LIGHT)
    try:
        yield
    finally:
        app.setStyle(style)
        app.setPalette(palette)
        app.setStyleSheet(sheet)


def _shoot(qtbot: QtBot, service: InboxService, workers: Workers, sqlite_db: Database) -> None:
    _post, ids = seed_morning(sqlite_db)
    service.add_note(ids[2], "Dana: I called the number on his chart; left a voicemail.")
    pane = open_pane(qtbot, service, workers)
    row = next(i for i, line in enumerate(lines(pane)) if "Mark Delaney" in line)
    pane.items.setCurrentRow(row)
    qtbot.waitUntil(lambda: pane.view is not None and pane.view.item["id"] == ids[2])
    pane.grab().save(str(Path("/tmp/inbox_pane.png")))
    editor = ReplyEditor(service, workers, pane.view)
    qtbot.addWidget(editor)
    editor.text.setPlainText("Mark, we're sorry about your wait at your appointment yesterday.")
    editor.show()
    qtbot.waitUntil(lambda: editor.findings_list.count() > 0, timeout=10_000)
    editor.grab().save(str(Path("/tmp/inbox_reply_editor.png")))


def test_the_window_has_an_inbox_tab_that_counts_what_waits(qtbot: QtBot,
                                                            sqlite_db: Database) -> None:
    from tests.helpers.gui_window import close_window, make_studio, open_window

    set_up_clinic(sqlite_db)
    seed_morning(sqlite_db)
    with styled_as_the_window():
        _look_at_the_tab(qtbot, open_window(qtbot, make_studio(sqlite_db)), close_window)


def _look_at_the_tab(qtbot: QtBot, window: Any, close_window: Any) -> None:
    try:
        tabs = window.workspace
        index = next(i for i in range(tabs.count()) if tabs.tabText(i).startswith("Inbox"))
        qtbot.waitUntil(lambda: tabs.tabText(index) == "Inbox (5)", timeout=10_000)
        tabs.setCurrentIndex(index)
        assert window.findChild(type(window.docks[0]), "dock-findings").isHidden()
        tabs.setCurrentIndex(0)
        assert not window.findChild(type(window.docks[0]), "dock-findings").isHidden()
    finally:
        close_window(qtbot, window)
