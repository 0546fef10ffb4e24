"""The demo clinic in a window of its own, on a database of its own.

"Explore the demo clinic" never touches the clinic's database: it opens the demo's file
(:func:`clinicstudio.demo.demo_database_path`, filled once) in a second window marked DEMO in
its title and in a banner, with "Back to my clinic" to return. Demo posts are never published
on any path, so even a connected account in the demo file receives nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolBar, QWidget

from clinicstudio.ui import theme

if TYPE_CHECKING:
    from clinicstudio.ui.main_window import MainWindow

TITLE = "ClinicStudio — DEMO clinic (nothing here is published)"


class DemoBanner(QFrame):
    """The strip that says this is the demo, with the way back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setAccessibleName("Demo clinic notice")
        badge = QLabel("DEMO")
        badge.setObjectName("demoBadge")
        icon = QLabel()
        icon.setPixmap(theme.icon("clinic").pixmap(QSize(18, 18)))
        self.text = QLabel("You are exploring Maple Grove Family Health, a made-up clinic. "
                           "Try anything: nothing here is published, and your clinic's own "
                           "posts are not here.")
        self.text.setWordWrap(True)
        self.back = QPushButton("Back to my clinic")
        self.back.setObjectName("primary")
        self.back.setAccessibleName("Back to my clinic")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(10)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.back)


class _ShowOnClose(QObject):
    """Brings the clinic's window back however the demo window is closed (before Qt would
    count the demo as the last window and quit)."""

    def __init__(self, demo: QWidget, clinic: QWidget) -> None:
        super().__init__(demo)
        self.clinic = clinic

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.clinic.show()
            self.clinic.raise_()
        return False


def open_demo(clinic_window: MainWindow) -> MainWindow:
    """Show the demo clinic in its own window (loading it the first time) and hide
    ``clinic_window`` until "Back to my clinic"."""
    from clinicstudio.demo import demo_database_path
    from clinicstudio.ui.first_run import EVERYTHING
    from clinicstudio.ui.main_window import MainWindow

    demo = MainWindow()
    demo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    demo.setWindowTitle(TITLE)
    banner = DemoBanner()
    bar = QToolBar("Demo")
    bar.setObjectName("demoBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)
    bar.addWidget(banner)
    demo.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)  # a row of its own, full width
    demo.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    demo.demo_banner = banner  # type: ignore[attr-defined]

    demo.installEventFilter(_ShowOnClose(demo, clinic_window))

    def opened() -> None:
        demo.post_list.reload()
        demo.save_state.setText("Opening the demo clinic…")
        demo.workers.database(demo.studio.load_demo, lambda _new: filled(),
                              lambda exc: demo.save_state.setText(str(exc)))

    def filled() -> None:
        demo.save_state.setText("This is the demo clinic. Use “Back to my clinic” to return.")
        demo.broadcast(EVERYTHING)

    banner.back.clicked.connect(demo.close)
    demo.opened.connect(opened)
    demo.resize(clinic_window.size())
    demo.show()
    clinic_window.hide()
    demo.open_database(str(demo_database_path()))
    clinic_window.demo_window = demo  # type: ignore[attr-defined]
    return demo
