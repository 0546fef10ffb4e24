"""Rendering every pane of a real window and saying, pane by pane, whether it worked.

Used by ``clinicstudio self-test`` (the installer runs it) and by the window tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget

from clinicstudio.ui.application import create_app

if TYPE_CHECKING:
    from clinicstudio.app import Studio

Result = tuple[str, bool, str]


def wait_for(signal: SignalInstance, start: Callable[[], object], timeout_ms: int = 10_000) -> bool:
    """Run ``start`` and wait (with the event loop running) until ``signal`` fires."""
    loop = QEventLoop()
    fired: list[bool] = []
    signal.connect(lambda *_: (fired.append(True), loop.quit()))
    timer = QTimer(singleShot=True, interval=timeout_ms)
    timer.timeout.connect(loop.quit)
    timer.start()
    start()
    if not fired:
        loop.exec()
    timer.stop()
    return bool(fired)


def _render(name: str, widget: QWidget | QObject | None, detail: Callable[[], str]) -> Result:
    if not isinstance(widget, QWidget):
        return name, False, "not part of this window"
    try:
        picture = widget.grab()
    except Exception as exc:  # a pane that cannot paint is exactly what this reports
        return name, False, f"could not be drawn ({exc})"
    if picture.isNull() or picture.width() < 50 or picture.height() < 30:
        return name, False, "drew nothing"
    return name, True, f"{detail()} ({picture.width()}×{picture.height()} px)"


def check_window(studio: Studio) -> list[Result]:
    from clinicstudio.ui.main_window import MainWindow

    create_app()
    window = MainWindow(studio)
    try:
        window.resize(1360, 860)
        window.show()
        results: list[Result] = []
        if not wait_for(window.post_list.loaded, window.post_list.reload):
            return [("Posts", False, "the post list did not load")]
        posts = window.post_list.model.items()
        if posts and not wait_for(window.editor.reviewed,
                                  lambda: window.editor.open_post(posts[0].id)):
            results.append(("Editor", False, "the first post did not open"))
        editor = window.editor
        results.append(_render("Window", window, lambda: window.windowTitle()))
        results.append(_render("Posts", window.post_list, lambda: f"{len(posts)} posts"))
        results.append(_render("Editor", editor, lambda: f"{len(editor.main_text.toPlainText())} "
                               f"characters, {len(editor.networks.networks())} networks"))
        results.append(_render("Findings", window.findings,
                               lambda: f"{window.findings.model.rowCount()} findings"))
        results.append(_render("Publish bar", window.publish_bar,
                               lambda: "ready" if window.publish_bar.publish.isEnabled()
                               else window.publish_bar.reason.text() or "waiting"))
        for name, pane in (("Preview", window.preview), ("Calendar", window.calendar),
                           ("Audience", window.audience),
                           ("Inbox", getattr(window, "inbox", None))):
            results.append(_render(name, pane, lambda: "drawn"))
        results.append(_user_guide(window))
        return results
    finally:
        window.close()
        window.deleteLater()


def _user_guide(window: QWidget) -> Result:
    """Help › User guide: the pages must be inside the build, not only in the source tree."""
    from clinicstudio.ui.help_views import GuideWindow

    guide = GuideWindow(window)
    try:
        words = len(guide.browser.toPlainText().split())
        if words < 50:
            return "User guide", False, "the guide's pages are missing from this build"
        return _render("User guide", guide.browser, lambda: f"{words} words on its first page")
    finally:
        guide.deleteLater()
