"""Pictures are checked off the GUI thread when attached; the review outlines what was found,
asks who a face is, and the blur replaces the picture on the post with a fixed version."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from clinicstudio.store.media_versions import person_roles
from clinicstudio.store.models import MediaAsset
from clinicstudio.ui.editor.picture_checks import PictureDialog
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import new_post, type_into
from tests.helpers.photo_samples import sample

SHOTS = os.environ.get("CLINICSTUDIO_SCREENSHOTS")


def _attach(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    window.editor.attach_image(path)
    qtbot.waitUntil(lambda: len(window.editor.media.cards) == 1, timeout=10_000)


def _checked(qtbot: QtBot, window: MainWindow) -> str:
    # Cards are rebuilt whenever the post is shown again (after a save): look each time.
    def done() -> bool:
        card = window.editor.media.cards[0]
        return card.review is not None or "Nothing" in card.check_line.text()

    qtbot.waitUntil(done, timeout=60_000)
    return window.editor.media.cards[0].check_line.text()


def test_names_on_a_whiteboard_are_found_and_blurred_away(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "A busy Monday at the front desk!")
    board = tmp_path / "front desk.jpg"
    board.write_bytes(sample(0).data)
    _attach(qtbot, window, board)
    card = window.editor.media.cards[0]
    # The check runs on a worker: the card says so while the editor stays usable.
    assert "Checking" in card.check_line.text() or card.review is not None
    assert "may show a patient" in _checked(qtbot, window)

    check = window.editor.pictures.results[card.info.id]
    dialog = window.editor.pictures.open_review(check)
    qtbot.waitExposed(dialog)
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "picture_review.png"))
    assert dialog.chosen_boxes()  # the blocking areas are ticked to begin with
    with qtbot.waitSignal(window.editor.changed, timeout=20_000):
        dialog.blur.click()
    assert "Nothing about patients" in _checked(qtbot, window)
    card = window.editor.media.cards[0]
    if SHOTS:
        window.editor.media.grab().save(str(Path(SHOTS) / "picture_fixed_card.png"))
    with window.studio.db.session() as session:
        fixed = session.get(MediaAsset, card.info.id)
        assert fixed.derived_from_id is not None
        original = session.get(MediaAsset, fixed.derived_from_id)
        assert original.original_name == "front desk.jpg"


def test_who_a_face_is_is_asked_once_and_remembered(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "Our volunteer of the month!")
    face = tmp_path / "volunteer.jpg"
    face.write_bytes(sample(6).data)
    _attach(qtbot, window, face)
    assert "may show a patient" in _checked(qtbot, window)
    card = window.editor.media.cards[0]
    dialog: PictureDialog = window.editor.pictures.open_review(
        window.editor.pictures.results[card.info.id])
    qtbot.waitExposed(dialog)
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "picture_face.png"))
    staff = next(b for b in dialog.role_groups[0].buttons() if "Staff" in b.text())
    staff.click()
    qtbot.waitUntil(lambda: "Nothing" in window.editor.media.cards[0].check_line.text(),
                    timeout=30_000)
    dialog.close()
    QApplication.processEvents()
    with window.studio.db.session() as session:
        media_id = session.scalars(select(MediaAsset.id)).one()
        assert person_roles(session, media_id) == ("staff",)
