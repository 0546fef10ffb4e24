"""Images on a post: attached, described (alt text) and checked against each network."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinicstudio.domain import Platform
from clinicstudio.store.posts import get_post
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import new_post, type_into


def tall_photo(path: Path) -> Path:
    Image.new("RGB", (540, 960), (90, 140, 200)).save(path, "JPEG")  # 9:16, a phone story
    return path


def test_an_image_is_attached_described_and_checked_per_network(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "Meet our new front desk team.")
    window.editor.networks.boxes[Platform.INSTAGRAM].setChecked(True)

    with qtbot.waitSignal(window.editor.changed, timeout=10_000):
        window.editor.attach_image(tall_photo(tmp_path / "team.jpg"))

    cards = window.editor.media.cards
    assert len(cards) == 1
    warnings = [label.text() for label in cards[0].findChildren(type(window.save_state))
                if label.objectName() == "blockReason"]
    assert any(w.startswith("Instagram:") for w in warnings)

    # The description box takes the room there is, so a sentence fits (not just a word or two).
    alt = cards[0].alt
    qtbot.waitUntil(lambda: alt.width() > window.editor.media.width() // 2)
    cards[0].alt.setText("Three smiling staff members at the front desk")
    with qtbot.waitSignal(window.editor.changed, timeout=10_000):
        cards[0].alt.editingFinished.emit()
    post = window.editor.post
    assert post is not None
    with window.studio.db.session() as session:
        stored = get_post(session, post.id)
        assert stored.media_links[0].media.alt_text.startswith("Three smiling staff")
        assert stored.body == "Meet our new front desk team."


def test_an_image_can_be_taken_off_the_post(qtbot: QtBot, window: MainWindow,
                                            tmp_path: Path) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "Our new waiting room.")
    with qtbot.waitSignal(window.editor.changed, timeout=10_000):
        window.editor.attach_image(tall_photo(tmp_path / "room.jpg"))
    assert len(window.editor.media.cards) == 1

    with qtbot.waitSignal(window.editor.changed, timeout=10_000):
        qtbot.mouseClick(window.editor.media.cards[0].remove, Qt.MouseButton.LeftButton)

    assert window.editor.media.cards == []
    post = window.editor.post
    assert post is not None
    with window.studio.db.session() as session:
        stored = get_post(session, post.id)
        assert stored.media_links == []
        assert stored.body == "Our new waiting room."


def test_duplicate_opens_a_new_draft_with_the_same_words_and_images(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    new_post(qtbot, window)
    type_into(qtbot, window, "Our new waiting room.")
    with qtbot.waitSignal(window.editor.changed, timeout=10_000):
        window.editor.attach_image(tall_photo(tmp_path / "room.jpg"))
    first = window.editor.post
    assert first is not None

    with qtbot.waitSignal(window.editor.reviewed, timeout=10_000):
        window.actions_.duplicate.trigger()

    copy = window.editor.post
    assert copy is not None and copy.id != first.id
    assert window.editor.main_text.toPlainText() == "Our new waiting room."
    assert len(window.editor.media.cards) == 1
