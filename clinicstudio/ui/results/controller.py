"""The Results window and the background reading of figures while the studio is open.

:class:`ResultsController` loads results on the database worker and hands them to the pane;
:class:`FigureClock` reads what is due from the networks every few minutes on a network worker
(the schedule itself decides how often each post is really read), and reports a plain line.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from clinicstudio.ui.results.pane import ResultsPane
from clinicstudio.ui.workers import Workers

#: How often the window looks for due readings; most looks find nothing due.
CHECK_MS = 10 * 60_000
#: The first look waits, so opening the studio stays quick.
FIRST_MS = 90_000


def load(db: Any, start: date, end: date) -> Any:
    from clinicstudio.analytics.results import load_results

    with db.session() as session:
        return load_results(session, start, end)


def history(db: Any, post_id: int) -> tuple[str, dict[str, Any]]:
    from clinicstudio.analytics.results import post_history
    from clinicstudio.store.models import Post

    with db.session() as session:
        post = session.get(Post, post_id)
        title = (post.title or post.body[:40]) if post else f"Post {post_id}"
        return title, post_history(session, post_id)


def save_spend(db: Any, entry: Any) -> None:
    from clinicstudio.analytics.campaigns import add_spend, find_campaign
    from clinicstudio.analytics.money import parse_cents

    cents = parse_cents(entry.amount)
    with db.transaction() as session:
        add_spend(session, find_campaign(session, entry.campaign), cents, entry.day,
                  entry.network)


def import_file(db: Any, name: str) -> str:
    from pathlib import Path

    from clinicstudio.analytics.conversions import import_conversions

    with db.transaction() as session:
        result = import_conversions(session, Path(name))
    return (f"Imported {result.rows} row(s): {result.conversions} conversion(s), "
            f"${result.revenue_cents / 100:,.2f} revenue.")


def read_figures(db: Any, vault: Any, everything: bool) -> Any:
    from clinicstudio.analytics.collect import collect

    return collect(db, vault=vault, everything=everything)


class FigureClock(QObject):
    """Signals:
        read(object): a reading finished (its CollectReport).
    """

    read = Signal(object)

    def __init__(self, db: Any, vault: Any, workers: Workers, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.db, self.vault, self.workers = db, vault, workers
        self.busy = False
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(lambda: self.read_now(everything=False))

        self.first = QTimer(self, singleShot=True)
        self.first.timeout.connect(lambda: self.read_now(everything=False))

    def start(self, first_ms: int = FIRST_MS) -> None:
        self.first.start(first_ms)
        self.timer.start()

    def stop(self) -> None:
        self.first.stop()
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.stop()  # before the window waits for its workers
        return False

    def read_now(self, everything: bool = True) -> None:
        if self.busy:
            return
        self.busy = True
        self.workers.network(lambda: read_figures(self.db, self.vault, everything),
                             self._done, self._failed)

    def _done(self, report: Any) -> None:
        self.busy = False
        self.read.emit(report)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.read.emit(exc)


class ResultsController(QObject):
    """The Results window: shows the pane, reloads it when the period or the figures change."""

    def __init__(self, db: Any, workers: Workers, clock: FigureClock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.workers, self.clock = db, workers, clock
        self.pane = ResultsPane()
        self.window = QMainWindow(parent)
        self.window.setWindowTitle("ClinicStudio – Results")
        self.window.setCentralWidget(self.pane)
        self.window.resize(1200, 860)
        self.pane.periodChanged.connect(self.reload)
        self.pane.refreshRequested.connect(self._refresh)
        self.pane.postPicked.connect(self._pick_post)
        self.pane.spendRequested.connect(self.enter_spend)
        self.pane.importRequested.connect(self.import_conversions)
        clock.read.connect(self._read)

    def show(self) -> None:
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.reload()

    def reload(self, *_: object) -> None:
        start, end = self.pane.period_dates()
        self.workers.database(lambda: load(self.db, start, end), self.pane.show_results,
                              lambda exc: self.pane.set_status(f"Could not load results: {exc}"))

    def _refresh(self) -> None:
        self.pane.set_status("Reading the figures from the networks…")
        self.clock.read_now(everything=True)

    def _read(self, report: Any) -> None:
        text = report.summary() if hasattr(report, "summary") else (
            f"Could not read the figures: {report}")
        self.pane.set_status(text)
        if self.window.isVisible():
            self.reload()

    def enter_spend(self) -> None:
        from clinicstudio.ui.results.spend_dialog import SpendDialog

        names = [c.name for c in self.pane.results.campaigns] if self.pane.results else []
        if not names:
            self.pane.set_status("Add a campaign first: clinicstudio campaigns add NAME.")
            return
        entry = SpendDialog.ask(names, self.window)
        if entry is not None:
            self._save(lambda: save_spend(self.db, entry), "Spend recorded.")

    def import_conversions(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self.window, "Import conversions", "",
                                              "CSV files (*.csv)")
        if name:
            self._save(lambda: import_file(self.db, name), None)

    def _save(self, work: Any, message: str | None) -> None:
        def done(result: Any) -> None:
            self.pane.set_status(message or str(result))
            self.reload()

        self.workers.database(work, done, lambda exc: self.pane.set_status(str(exc)))

    def _pick_post(self, post_id: int) -> None:
        self.workers.database(lambda: history(self.db, post_id),
                              lambda found: self.pane.show_post(*found))


def install(window: Any) -> ResultsController:
    """Give the main window a Results entry in its View menu and start background reading."""
    from PySide6.QtGui import QAction

    studio = window.studio
    clock = FigureClock(studio.db, getattr(studio, "vault", None), window.workers, window)
    controller = ResultsController(studio.db, window.workers, clock, window)
    action = QAction("&Results…", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+R"))
    action.setStatusTip("See what posts and campaigns achieved")
    action.triggered.connect(controller.show)
    window.actions_.view.insertAction(window.actions_.view.actions()[0], action)
    window.results_action = action
    # Trouble reading a network is worth a glance even with the Results window closed.
    status = QLabel()
    status.setObjectName("resultsStatus")
    window.statusBar().addWidget(status)
    clock.read.connect(lambda r: status.setText(
        " ".join(r.problems) if hasattr(r, "problems") else f"Could not read figures: {r}"))
    window.installEventFilter(clock)
    clock.start()
    return controller
