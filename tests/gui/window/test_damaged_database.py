"""A database file damaged after opening is reported by the background check, plainly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from clinicstudio.store.database import open_database
from clinicstudio.store.models import AuditEvent
from tests.helpers.gui_window import close_window, make_studio, open_window


def _damaged_file(path: Path) -> None:
    db = open_database(path)
    with db.transaction() as session:
        for i in range(300):
            session.add(AuditEvent(action="filler", detail={"i": i, "pad": "x" * 200}))
    db.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3: 4096 * 3 + 200] = b"\x00\x13" * 100  # scribble over a b-tree page
    path.write_bytes(bytes(data))


def _damage_box(window: object) -> QMessageBox | None:
    return window.findChild(QMessageBox, "damaged-database")  # type: ignore[attr-defined]


def test_the_window_warns_when_the_file_turns_out_damaged(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    _damaged_file(path)
    studio = make_studio(open_database(path, verify_integrity=False))
    window = open_window(qtbot, studio)
    try:
        qtbot.waitUntil(lambda: _damage_box(window) is not None, timeout=10_000)
        box = _damage_box(window)
        assert box is not None and "damaged" in box.text() and "backup" in box.text()
        box.accept()
    finally:
        close_window(qtbot, window)
        studio.db.close()


def test_a_healthy_file_shows_no_warning(qtbot: QtBot, tmp_path: Path) -> None:
    studio = make_studio(open_database(tmp_path / "clinic.db", verify_integrity=False))
    window = open_window(qtbot, studio)
    try:
        assert window.workers.wait(5_000)  # the background check has answered
        qtbot.wait(50)  # and its answer has reached the window
        assert _damage_box(window) is None
    finally:
        close_window(qtbot, window)
        studio.db.close()
