"""Nothing typed is lost: the editor saves by itself shortly after typing stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from clinicstudio.store.database import Database, open_database
from clinicstudio.store.posts import get_post
from clinicstudio.ui.editor.editor_pane import AUTOSAVE_MS
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import new_post, type_into

ROOT = Path(__file__).resolve().parents[3]


def stored_body(db: Database, post_id: int) -> str:
    with db.session() as session:
        return get_post(session, post_id).body


def test_typing_is_saved_without_asking(qtbot: QtBot, window: MainWindow,
                                        sqlite_db: Database) -> None:
    new_post(qtbot, window)
    post = window.editor.post
    assert post is not None
    with qtbot.waitSignal(window.editor.changed, timeout=2_000):
        type_into(qtbot, window, "Flu clinic on Saturday from 9 to 12.")
    assert stored_body(sqlite_db, post.id) == "Flu clinic on Saturday from 9 to 12."
    assert AUTOSAVE_MS < 2_000


def test_switching_posts_keeps_what_was_typed(qtbot: QtBot, window: MainWindow,
                                              sqlite_db: Database) -> None:
    new_post(qtbot, window)
    first = window.editor.post
    assert first is not None
    type_into(qtbot, window, "First post text")
    new_post(qtbot, window)  # before the autosave pause has passed
    qtbot.waitUntil(lambda: not window.workers.busy)
    assert stored_body(sqlite_db, first.id) == "First post text"


def test_a_killed_studio_loses_nothing_typed(tmp_path: Path) -> None:
    """Type in a real studio process, then kill it without warning (SIGKILL)."""
    db_path = tmp_path / "clinic.db"
    open_database(db_path).close()
    text = "Our pharmacy counter opens at 8 from Monday."
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "tests.helpers.gui_typist", str(db_path),
                                text], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("TYPED "), line
        post_id = int(line.split()[1])
        db = open_database(db_path)
        # The promise: saved within two seconds of the last keystroke.
        deadline = time.monotonic() + 2.0
        while stored_body(db, post_id) != text and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        db.close()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == -signal.SIGKILL
    reopened = open_database(db_path)
    try:
        assert stored_body(reopened, post_id) == text
    finally:
        reopened.close()
