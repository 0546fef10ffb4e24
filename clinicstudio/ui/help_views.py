"""Help › User guide, Help › Last problems and Help › About: plain windows, no network."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinicstudio import __version__
from clinicstudio.resources import guide_root
from clinicstudio.unattended.last_run import read_last_run
from clinicstudio.unattended.places import log_file
from clinicstudio.unattended.problems import recent_problems


def open_log() -> bool:
    """Open the log file in the computer's text viewer (created empty if nothing was logged)."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class GuideWindow(QDialog):
    """The user guide's Markdown pages, read from the installed copy; links between pages work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ClinicStudio user guide")
        self.setObjectName("guideWindow")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        index = guide_root() / "index.md"
        self.browser.setSearchPaths([str(guide_root()), str(guide_root().parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(index)),
                               QTextDocument.ResourceType.MarkdownResource)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        self.resize(820, 760)


class ProblemsWindow(QDialog):
    """Help › Last problems: what went wrong lately, newest first, and where the log is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Last problems")
        self.setObjectName("problemsWindow")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        last = read_last_run()
        summary = QLabel(("Scheduled publishing: " + last.describe().splitlines()[0])
                         if last else "Scheduled publishing has not run on this computer.")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.listing = QPlainTextEdit()
        self.listing.setReadOnly(True)
        self.listing.setObjectName("problemsList")
        problems = recent_problems()
        self.listing.setPlainText("\n\n".join(
            f"{p.at}  {'Problem' if p.serious else 'Warning'}\n{p.message}" for p in problems)
            or "No problems recorded. Everything ClinicStudio tried has worked.")
        layout.addWidget(self.listing, 1)
        where = QLabel(f"The full log: {log_file()}")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton("Open the log",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(open_log)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(700, 480)


def about_text(database: str) -> str:
    return (f"<h3>ClinicStudio {__version__}</h3>"
            "<p>Write, check, preview, plan and publish your clinic's social posts. The checks "
            "run on this computer; nothing about your patients leaves it.</p>"
            f"<p>Database: {database}<br>Log: {log_file()}</p>"
            "<p>Licence: see LICENSE; word lists and libraries by others: "
            "THIRD_PARTY_NOTICES.md.</p>")
