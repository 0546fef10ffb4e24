"""The preview pane: one card per selected network, each with its counter."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinicstudio.domain import Platform
from clinicstudio.platforms import ImageRef
from clinicstudio.ui.preview import PreviewPane
from clinicstudio.ui.preview.palette import COUNTER_COLOURS


def _pane(qtbot: QtBot, dark: bool | None = False) -> PreviewPane:
    pane = PreviewPane(dark=dark)
    qtbot.addWidget(pane)
    return pane


def test_shows_the_selected_networks_in_order_with_counters(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    text = "Flu shots today 🧑‍⚕️ https://riversidefamily.clinic/flu"
    pane.show_post({Platform.X: text, Platform.BLUESKY: text}, [], "Riverside Family Clinic", None)
    assert list(pane.sections) == [Platform.X, Platform.BLUESKY]
    assert "42/280" in pane.sections[Platform.X].counter_label.text()
    assert "52/300" in pane.sections[Platform.BLUESKY].counter_label.text()


def test_counter_turns_red_over_the_limit(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    pane.show_post({Platform.X: "x" * 300}, [], "Riverside", None)
    section = pane.sections[Platform.X]
    assert section.counter_colour == COUNTER_COLOURS["over"][0]
    assert "Too long · 300/280" in section.counter_label.text()
    pane.show_post({Platform.X: "x" * 100}, [], "Riverside", None)
    assert section.counter_colour == COUNTER_COLOURS["ok"][0]


def test_dark_pane_uses_dark_counter_colours(qtbot: QtBot) -> None:
    pane = _pane(qtbot, dark=True)
    pane.show_post({Platform.MASTODON: "m" * 460}, [], "Riverside", None, instance_limit=500)
    assert pane.sections[Platform.MASTODON].counter_colour == COUNTER_COLOURS["near"][1]


def test_deselected_networks_disappear(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    pane.show_post({p: "Hello" for p in Platform}, [], "Riverside", None)
    assert len(pane.sections) == 6
    pane.show_post({Platform.FACEBOOK: "Hello"}, [], "Riverside", None)
    assert list(pane.sections) == [Platform.FACEBOOK]
    pane.show()
    assert not pane.grab().isNull()


def test_follows_the_application_palette_when_not_told(qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    original = QApplication.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    QApplication.setPalette(dark)
    try:
        assert _pane(qtbot, dark=None).dark is True
    finally:
        QApplication.setPalette(original)
    assert _pane(qtbot, dark=None).dark is False


def test_a_narrow_pane_narrows_the_cards_instead_of_scrolling_sideways(
        qtbot: QtBot, tmp_path: Path) -> None:
    photo = tmp_path / "front-desk.jpg"
    Image.new("RGB", (1200, 900), (40, 120, 160)).save(photo, "JPEG")
    image = ImageRef(str(photo), 1200, 900, "Our front desk team")
    pane = _pane(qtbot)
    pane.resize(360, 800)
    pane.show()
    text = ("Flu shots are in at Riverside Family Clinic: walk in any weekday morning, no "
            "appointment needed. https://riversidefamily.clinic/flu #FluSeason")
    pane.show_post({p: text for p in Platform}, [image], "Riverside Family Clinic", None,
                   handles={Platform.BLUESKY: "riversidefamilyclinic.bsky.social"})
    qtbot.waitUntil(lambda: all(s.card.card_width <= pane.card_room()
                                for s in pane.sections.values()), timeout=2_000)
    QApplication.processEvents()  # let the column lay itself out at the new widths
    assert pane.widget().minimumSizeHint().width() <= pane.viewport().width()
    assert pane.horizontalScrollBar().maximum() == 0
    assert not pane.horizontalScrollBar().isVisible()
    for section in pane.sections.values():
        card = section.card
        assert card.width() <= pane.viewport().width()
        assert card.body_label.height() >= card.body_label.heightForWidth(card.text_width())
        assert card.media.width() <= card.width()
    linkedin = pane.sections[Platform.LINKEDIN].card
    assert all(label.isHidden() for label in linkedin.action_labels)  # icons only


def test_a_wide_pane_keeps_each_feed_at_its_own_width(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    pane.resize(900, 800)
    pane.show()
    pane.show_post({Platform.FACEBOOK: "Open Saturday.", Platform.X: "Open Saturday."}, [],
                   "Riverside", None)
    qtbot.waitUntil(lambda: pane.sections[Platform.X].card.card_width == 520, timeout=2_000)
    assert pane.sections[Platform.FACEBOOK].card.card_width == 500
    facebook = pane.sections[Platform.FACEBOOK].card
    assert not any(label.isHidden() for label in facebook.action_labels)
