"""Running the studio's slow work off the GUI thread and getting the answer back on it.

Database work goes to one thread (so saves happen in the order they were asked for and SQLite
never sees two writers from this window); network work goes to a small pool. A job's result or
error comes back as a signal, which Qt delivers on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

log = logging.getLogger(__name__)


class JobSignals(QObject):
    """Signals of one job.

    Signals:
        done(object): the job's return value.
        failed(object): the exception it raised.
    """

    done = Signal(object)
    failed = Signal(object)


def _run(work: Callable[[], Any], signals: JobSignals) -> None:
    """The body of one job, on a pool thread."""
    try:
        result = work()
    except Exception as exc:  # a failed job is reported, never lost in the pool
        log.warning("background job failed: %s", exc, exc_info=exc)
        signals.failed.emit(exc)
    else:
        signals.done.emit(result)


class Workers(QObject):
    """The window's two queues. ``wait()`` lets tests and shutdown finish pending jobs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = QThreadPool(self)
        self._database.setMaxThreadCount(1)
        self._network = QThreadPool(self)
        self._network.setMaxThreadCount(4)
        self._live: set[JobSignals] = set()

    def database(self, work: Callable[[], Any], done: Callable[[Any], None] | None = None,
                 failed: Callable[[Exception], None] | None = None) -> JobSignals:
        """Run ``work`` on the database thread; ``done``/``failed`` run on the GUI thread."""
        return self._start(self._database, work, done, failed)

    def network(self, work: Callable[[], Any], done: Callable[[Any], None] | None = None,
                failed: Callable[[Exception], None] | None = None) -> JobSignals:
        return self._start(self._network, work, done, failed)

    def _start(self, pool: QThreadPool, work: Callable[[], Any],
               done: Callable[[Any], None] | None,
               failed: Callable[[Exception], None] | None) -> JobSignals:
        signals = JobSignals(self)
        self._live.add(signals)
        if done is not None:
            signals.done.connect(done)
        if failed is not None:
            signals.failed.connect(failed)
        # Drop our reference once the answer has been delivered on the GUI thread.
        signals.done.connect(lambda _r, s=signals: self._release(s))
        signals.failed.connect(lambda _e, s=signals: self._release(s))
        pool.start(lambda: _run(work, signals))
        return signals

    def _release(self, signals: JobSignals) -> None:
        self._live.discard(signals)
        signals.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every queued job has run (their answers still need the event loop)."""
        return self._database.waitForDone(msecs) and self._network.waitForDone(msecs)
