"""The editor offers each network's image fixes, made by the upload's own preparation, with a
focus point a person moves; the point is kept and the crop at upload follows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from pytestqt.qtbot import QtBot

from clinicstudio.domain import Platform
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import new_post, type_into
from tests.helpers.photos import phone_photo

SHOTS = Path("/tmp/clinicstudio-shots")  # screenshots for a person to look at, when it exists


def test_crop_shrink_and_recompress_are_offered_per_network(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "Our new front desk, ready for Monday.")
    for network in (Platform.INSTAGRAM, Platform.BLUESKY):
        window.editor.networks.boxes[network].setChecked(True)
    with qtbot.waitSignal(window.editor.changed, timeout=20_000):
        window.editor.attach_image(phone_photo(tmp_path / "desk.jpg", (2400, 4300),
                                               sideways=False))
    # (Another save of this post may announce itself first on a busy machine: wait for the card.)
    qtbot.waitUntil(lambda: bool(window.editor.media.cards)
                    and window.editor.media.cards[0].fix.isVisibleTo(window), timeout=20_000)
    card = window.editor.media.cards[0]
    seen: dict[str, object] = {}

    def when(ready: object, then: object) -> None:
        def poll() -> None:
            if ready():  # type: ignore[operator]
                then()  # type: ignore[operator]
            else:
                QTimer.singleShot(50, poll)
        QTimer.singleShot(50, poll)

    def first_round() -> None:
        dialog = window.editor.fix_dialog
        seen["before"] = {row[1].text(): row[2].text() for row in dialog.rows}
        dialog.rows.clear()
        qtbot.mouseClick(dialog.picker, Qt.MouseButton.LeftButton,
                         pos=QPoint(dialog.picker.width() // 2, 12))  # the top of the photo
        when(lambda: dialog.rows, lambda: second_round(dialog))

    def second_round(dialog: object) -> None:
        seen["focus"] = dialog.focus  # type: ignore[attr-defined]
        if SHOTS.is_dir():
            dialog.grab().save(str(SHOTS / "image-fixes.png"))  # type: ignore[attr-defined]
        dialog.use.click()  # type: ignore[attr-defined]

    when(lambda: getattr(window.editor, "fix_dialog", None) is not None
         and window.editor.fix_dialog.rows, first_round)
    with qtbot.waitSignal(window.editor.changed, timeout=60_000):
        qtbot.mouseClick(card.fix, Qt.MouseButton.LeftButton)

    before = seen["before"]
    assert "Crop to between 4:5 and 1.91:1 around the focus point" in before["<b>Instagram</b>"]
    assert "Recompress under 1.0 MB" in before["<b>Bluesky</b>"]
    assert "Sent as it is" in before["<b>Facebook</b>"] or "Recompress" in before["<b>Facebook</b>"]
    focus = seen["focus"]
    assert focus[1] < 0.1  # type: ignore[index]
    post = window.editor.post
    assert post is not None
    stored = window.studio.image_focus(post.id, post.images[0].id)
    assert abs(stored[1] - focus[1]) < 0.001  # type: ignore[index]
