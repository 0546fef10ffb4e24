"""The window as a whole: its layout is remembered, it opens a database in the background,
the lists follow one item model, the themes and icons load, and `self-test` passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from clinicstudio.app import Studio
from clinicstudio.domain import PostStatus
from clinicstudio.resources import resource_path
from clinicstudio.ui import theme
from clinicstudio.ui.list_model import ITEM_ROLE, Column, ListModel
from clinicstudio.ui.main_window import MainWindow
from clinicstudio.ui.window_settings import settings_path
from tests.helpers.gui_window import close_window, open_window

ROOT = Path(__file__).resolve().parents[3]


def test_the_layout_is_remembered(qtbot: QtBot, studio: Studio) -> None:
    window = open_window(qtbot, studio)
    findings = window.findChild(type(window.docks[0]), "dock-findings")
    assert findings is not None
    window.removeDockWidget(findings)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, findings)
    findings.show()
    close_window(qtbot, window)
    assert settings_path().is_file()

    again = open_window(qtbot, studio)
    moved = again.findChild(type(again.docks[0]), "dock-findings")
    assert again.dockWidgetArea(moved) == Qt.DockWidgetArea.RightDockWidgetArea
    close_window(qtbot, again)


def test_the_window_shows_first_and_opens_the_database_behind_it(
        qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow()
    window.show()
    assert "Opening" in window.waiting.text()
    with qtbot.waitSignal(window.opened, timeout=20_000):
        window.open_database(str(tmp_path / "new.db"))
    assert window.studio.needs_setup()
    assert len(window.docks) >= 2
    window.studio.db.close()
    close_window(qtbot, window)


def test_a_database_that_cannot_open_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "notes.db"
    broken.write_text("shopping list")
    window = MainWindow()
    window.show()
    window.open_database(str(broken))
    qtbot.waitUntil(lambda: "not a ClinicStudio database" in window.waiting.text(),
                    timeout=20_000)
    assert not window.docks
    close_window(qtbot, window)


def test_the_list_adapter_is_a_well_behaved_model(qtmodeltester: ModelTester) -> None:
    model: ListModel[tuple[str, PostStatus]] = ListModel([
        Column("Post", lambda p: p[0], tooltip=lambda p: p[0].upper()),
        Column("Status", lambda p: p[1].label)])
    model.set_items([("Flu shots", PostStatus.DRAFT), ("Open house", PostStatus.PUBLISHED)])
    qtmodeltester.check(model)
    assert model.data(model.index(1, 1)) == "Published"
    assert model.data(model.index(0, 0), ITEM_ROLE) == ("Flu shots", PostStatus.DRAFT)


@pytest.mark.parametrize("scheme", [theme.LIGHT, theme.DARK])
def test_both_themes_and_every_icon_load(qtbot: QtBot, scheme: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert theme.apply(app, scheme) == scheme
    assert "QPushButton#primary" in app.styleSheet()
    for svg in resource_path("ui", "icons").glob("*.svg"):
        assert not theme.icon(svg.stem).pixmap(32, 32).isNull(), svg.name
    theme.apply(app, theme.LIGHT)


def test_controls_have_accessible_names(window: MainWindow) -> None:
    for widget in (window.post_list.search, window.post_list.table, window.editor.main_text,
                   window.publish_bar.publish, window.publish_bar.schedule,
                   window.findings.table, window.findings.override,
                   *window.editor.networks.boxes.values()):
        assert widget.accessibleName(), widget


def test_self_test_renders_every_pane(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "clinicstudio", "self-test"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for pane in ("Posts", "Editor", "Findings", "Publish bar", "Preview", "Calendar"):
        assert any(line.startswith(f"ok   {pane}:") for line in lines), done.stdout
    assert lines[-1] == "self-test passed"


def test_common_commands_have_keyboard_shortcuts(window: MainWindow) -> None:
    a = window.actions_
    for action in (a.new_post, a.save, a.undo, a.redo, a.add_image, a.fixes, a.next_finding,
                   a.publish, a.schedule, a.find, a.quit):
        assert not action.shortcut().isEmpty(), action.text()
    shortcuts = [x.shortcut().toString() for x in window.findChildren(type(a.save))
                 if not x.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), "two commands share a shortcut"


def test_post_commands_are_greyed_out_until_a_post_is_open(
        qtbot: QtBot, window: MainWindow) -> None:
    from tests.helpers.gui_window import new_post

    a = window.actions_
    assert window.editor.post is None
    for action in (a.undo, a.redo, a.add_image, a.fixes, a.publish, a.schedule):
        assert not action.isEnabled(), action.text()
    assert a.new_post.isEnabled() and a.find.isEnabled()
    new_post(qtbot, window)
    qtbot.waitUntil(lambda: a.add_image.isEnabled())
    for action in (a.undo, a.redo, a.fixes, a.publish, a.schedule):
        assert action.isEnabled(), action.text()


def test_the_post_list_fits_a_narrow_dock_without_cutting_off_its_filters(
        window: MainWindow) -> None:
    pane = window.post_list
    pane.campaign.addItem("Spring community health fair and flu shot reminders 2027", 99)
    assert pane.minimumSizeHint().width() <= 300
    rows = {pane.status.y(), pane.network.y(), pane.campaign.y()}
    assert len(rows) == 2  # status and network side by side, campaign on its own line


def test_icons_made_before_a_theme_switch_take_the_new_colours(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, theme.LIGHT)
    made_in_light = theme.icon("image")

    def ink(icon: object) -> int:
        """The lightness of the icon's most opaque pixel."""
        image = icon.pixmap(32, 32).toImage()  # type: ignore[attr-defined]
        colours = [image.pixelColor(x, y) for x in range(32) for y in range(32)]
        return max(colours, key=lambda c: c.alpha()).lightness()

    light_ink = ink(made_in_light)
    theme.apply(app, theme.DARK)
    try:
        assert ink(made_in_light) > light_ink + 60  # light strokes on the dark window
    finally:
        theme.apply(app, theme.LIGHT)


def test_switching_to_dark_redraws_the_open_posts_previews(
        qtbot: QtBot, window: MainWindow) -> None:
    from clinicstudio.domain import Platform
    from tests.helpers.gui_window import new_post, type_into

    preview = window.preview
    assert preview is not None
    new_post(qtbot, window)
    type_into(qtbot, window, "Flu shots are in this week.")
    qtbot.waitUntil(lambda: Platform.FACEBOOK in preview.sections)
    assert not preview.sections[Platform.FACEBOOK].dark
    try:
        window.set_theme(theme.DARK)
        assert preview.dark
        qtbot.waitUntil(lambda: Platform.FACEBOOK in preview.sections)
        assert preview.sections[Platform.FACEBOOK].dark
    finally:
        window.set_theme(theme.LIGHT)
