"""The preview pane: one card per selected network, each with its counter."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clinicstudio.domain import Platform
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
