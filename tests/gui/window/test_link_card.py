"""A link card is filled in by hand in the editor, saved with the post and previewed."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from clinicstudio.domain import Platform
from clinicstudio.store.posts import get_post
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import answer_when_open, new_post, type_into
from tests.helpers.publishing_setup import square_photo

SHOTS = Path("/tmp/clinicstudio-shots")


def test_a_link_card_is_written_saved_and_previewed(qtbot: QtBot, window: MainWindow,
                                                    tmp_path: Path) -> None:
    new_post(qtbot, window)
    window.editor.networks.boxes[Platform.BLUESKY].setChecked(True)
    type_into(qtbot, window, "Flu shots are in: maplegrove.clinic/flu")
    picture = square_photo(tmp_path / "flu.jpg", (600, 315))
    seen: dict[str, str] = {}

    def answer(dialog: object) -> None:
        seen["url"] = dialog.url.text()
        seen["ready_without_title"] = str(dialog.save.isEnabled())  # a card needs a title
        dialog.title.setText("Flu shots 2026")
        dialog.description.setPlainText("Walk in Monday to Friday, 8 to 5.")
        image = window.studio.library_image(picture)
        dialog.picture.insertItem(1, image.name, image.id)
        dialog.picture.setCurrentIndex(1)
        if SHOTS.is_dir():
            dialog.grab().save(str(SHOTS / "link-card.png"))
        assert dialog.save.isEnabled()
        dialog.save.click()

    answer_when_open(window.editor, "link_dialog", answer, seen)
    window.editor.media.link_card.click()  # the dialog is answered while it is open
    seen["button"] = window.editor.media.link_card.text()
    window.editor.save_now()
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)

    assert "error" not in seen, seen.get("error")
    assert seen["button"] == "Link card ✓", seen
    assert seen["url"] == "https://maplegrove.clinic/flu"  # from the text, not fetched
    assert seen["ready_without_title"] == "False"
    post = window.editor.post
    assert post is not None
    with window.studio.db.session() as session:
        card = get_post(session, post.id).link_card
    assert card is not None and card["title"] == "Flu shots 2026"
    qtbot.waitUntil(lambda: window.editor.media.link_card.text() == "Link card ✓")
    assert "thumbnail_path" not in card and card["thumbnail_media_id"] > 0
    def previewed() -> bool:
        section = window.preview.sections.get(Platform.BLUESKY)
        return section is not None and "Flu shots 2026" in section.card.link_box.title_label.text()

    qtbot.waitUntil(previewed, timeout=10_000)
