"""Building a real studio window for tests: a real SQLite file, the real compliance checks and
network rules, and the real publisher with its secrets in a memory keyring (the loopback fake
networks of tests/helpers/fake_*.py stand in for the internet)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from clinicstudio import compliance, platforms
from clinicstudio.accounts import SecretVault
from clinicstudio.app import Studio, StudioPublisher
from clinicstudio.store.database import Database
from clinicstudio.ui import theme
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.keyring_memory import MemoryKeyring


def make_studio(db: Database, vault: SecretVault | None = None) -> Studio:
    """The studio as ``build_studio`` makes it, with secrets in ``vault`` (memory by default)."""
    vault = vault or SecretVault(MemoryKeyring())
    studio = Studio(db, compliance=compliance, networks=platforms, vault=vault)
    studio.publisher = StudioPublisher(db, checker_factory=compliance.Checker, vault=vault,
                                       actor=studio.actor_name, person=studio.acting_person)
    studio.reload_clinic()
    return studio


def open_window(qtbot: QtBot, studio: Studio) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, theme.LIGHT)
    window = MainWindow(studio)  # closed and deleted by close_window, not by qtbot
    window.resize(1360, 860)
    with qtbot.waitSignal(window.post_list.loaded, timeout=10_000):
        window.show()
        window.post_list.reload()
    return window


def type_into(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type at the end of the main text, the way a person would, and wait for the review."""
    editor = window.editor.main_text
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    with qtbot.waitSignal(window.editor.reviewed, timeout=5_000):
        qtbot.keyClicks(editor, text)


def new_post(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.editor.reviewed, timeout=10_000):
        window.actions_.new_post.trigger()


def answer_publish_question(publish: bool = True, dont_ask: bool = False) -> list[str]:
    """Answer the next "Publish now?" question as a person would; returns what it said (the
    list fills once it has been asked)."""
    from clinicstudio.ui.publish_confirm import PublishConfirmDialog

    said: list[str] = []

    def answer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, PublishConfirmDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        said.append(dialog.windowTitle() + "\n" + dialog.findChild(QLabel).text() + "\n"
                    + dialog.details.text())
        dialog.dont_ask.setChecked(dont_ask)
        (dialog.publish.click if publish else dialog.reject)()

    QTimer.singleShot(20, answer)
    return said


def close_window(qtbot: QtBot, window: MainWindow) -> None:
    """Close as a user would and check nothing is left running behind the window."""
    window.close()
    assert window.workers.wait(10_000)
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=5_000)
    assert not (window.docks and window.editor.dirty), "typing was left unsaved"
    running = [_owners(t) for t in window.findChildren(QTimer) if t.isActive()
               and t.parent() is not None and _ours(t)]
    assert not running, f"timers left running after the window closed: {running}"
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _ours(timer: QTimer) -> bool:
    """Timers of the window's own panes (the calendar and audience panes test their own)."""
    owner: QObject | None = timer
    while owner is not None:
        if type(owner).__module__.startswith(("clinicstudio.ui.calendar",
                                              "clinicstudio.ui.segments")):
            return False
        owner = owner.parent()
    return True


def _owners(timer: QTimer) -> str:
    names, owner = [], timer.parent()
    while owner is not None:
        names.append(type(owner).__name__)
        owner = owner.parent()
    return " < ".join(names)


def answer_when_open(holder: object, name: str, answer: Callable[[Any], None],
                     seen: dict[str, object]) -> None:
    """Once ``holder.<name>`` holds an open dialog, run ``answer`` on it. A failing step is
    kept in ``seen["error"]`` and closes the dialog, or the test would hang on it."""
    def step() -> None:
        dialog = getattr(holder, name, None)
        if dialog is None:
            QTimer.singleShot(30, step)
            return
        try:
            answer(dialog)
        except Exception as exc:
            seen["error"] = repr(exc)
            dialog.reject()

    QTimer.singleShot(30, step)
