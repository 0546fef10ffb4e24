"""Starting the studio: the Qt application, high-DPI, the theme following the system, the window.

Nothing here decides anything about the clinic; :func:`run` takes a ready :class:`Studio`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from clinicstudio import __version__
from clinicstudio.ui import theme
from clinicstudio.ui.window_settings import window_settings

if TYPE_CHECKING:
    pass


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication, styled. Reuses an existing one (tests, self-test)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scaling (125 %, 150 %) is passed through, so text stays crisp and sized right.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    QCoreApplication.setOrganizationName("ClinicStudio")
    QCoreApplication.setApplicationName("ClinicStudio")
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("clinicstudio")
    chosen = str(window_settings().value("theme", "system"))
    theme.apply(app, None if chosen == "system" else chosen)
    # Follow the system when it switches between light and dark, unless the user chose one.
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: theme.apply(app) if window_settings().value("theme", "system") == "system"
        else None)
    return app


def run(database: str | None = None, argv: Sequence[str] | None = None, *,
        quit_when_ready: bool = False) -> int:
    """Show the studio for ``database`` (URL or path) and run until the window closes.

    The window shows first; the database and the checks load behind it. With
    ``quit_when_ready`` the window closes as soon as the studio is usable (the posts listed,
    a post open in the editor and checked) after printing one line: the honest start-up time.
    """
    from clinicstudio.ui.first_run import first_run
    from clinicstudio.ui.main_window import MainWindow

    app = create_app(argv)
    window = MainWindow()

    def opened() -> None:
        window.post_list.reload()
        if quit_when_ready:
            window.post_list.loaded.connect(listed, Qt.ConnectionType.SingleShotConnection)
        elif window.studio.needs_setup():
            QTimer.singleShot(0, lambda: first_run(window))

    def listed() -> None:
        posts = window.post_list.model.items()
        if not posts:  # nothing to open (and nothing is created just to time the start)
            ready()
            return
        window.editor.reviewed.connect(checked)
        window.editor.open_post(posts[0].id)

    def checked(state: object) -> None:
        if getattr(state, "post", None) is not None:
            window.editor.reviewed.disconnect(checked)
            ready()

    def ready() -> None:
        print("ClinicStudio is ready.", flush=True)
        QTimer.singleShot(0, window.close)

    window.opened.connect(opened)
    window.show()
    # Load the studio once the window has been drawn, so it appears at once.
    QTimer.singleShot(0, lambda: window.open_database(database))
    return app.exec()
