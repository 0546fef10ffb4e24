"""One publishing run, off the GUI thread, reported network by network.

Signals:
    progress(Platform, str): a network's plain-English progress ("Uploading image…").
    finished(list[NetworkOutcome], Changes): every network has answered.
    failed(str): the run could not start or broke; the reason, in plain words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from clinicstudio.domain import Changes, Platform, UserError
from clinicstudio.ui.workers import Workers

if TYPE_CHECKING:
    from clinicstudio.app import NetworkOutcome, Studio


class PublishRun(QObject):
    progress = Signal(object, str)
    finished = Signal(object, object)
    failed = Signal(str)

    def __init__(self, studio: Studio, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._studio, self._workers = studio, workers

    def start(self, post_id: int) -> None:
        # The editor's last save waits on the database thread, and the publisher reads the
        # post from the database: a no-op queued behind that save lets it land first.
        self._workers.database(lambda: None, lambda _: self._send(post_id), self._failed)

    def _send(self, post_id: int) -> None:
        studio = self._studio
        # ``progress.emit`` is called on the publishing thread; Qt queues it to the GUI thread.
        self._workers.network(lambda: studio.publish(post_id, self._report), self._done,
                              self._failed)

    def _report(self, network: Platform, text: str) -> None:
        self.progress.emit(network, text)

    def _done(self, result: tuple[list[NetworkOutcome], Changes]) -> None:
        outcomes, changes = result
        self.finished.emit(outcomes, changes)

    def _failed(self, error: Exception) -> None:
        self.failed.emit(str(error) if isinstance(error, UserError | RuntimeError)
                         else "Publishing stopped unexpectedly; nothing was posted twice. "
                              "Try again in a moment.")
