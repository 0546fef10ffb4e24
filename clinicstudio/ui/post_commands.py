"""What the window does for the post commands: publish, schedule, override, add an image.

Plain functions over the main window, so the window itself stays a place that only wires.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from clinicstudio.ui.dialogs import OverrideDialog, ScheduleDialog

if TYPE_CHECKING:
    from clinicstudio.app import Reviewed
    from clinicstudio.ui.main_window import MainWindow


def publish_now(window: MainWindow) -> None:
    post = window.editor.current()
    if post is None or not window.publish_bar.publish.isEnabled():
        return
    window.editor.save_now()  # PublishRun waits for this save before it sends anything
    window.publish_bar.started(post.networks)
    window.publishing.start(post.id)


def schedule(window: MainWindow) -> None:
    post = window.editor.current()
    if post is None or not window.publish_bar.schedule.isEnabled():
        return
    when = ScheduleDialog.ask(window.studio.clinic.time_zone, post.scheduled_at, window)
    if when is None:
        return
    window.editor.save_now()
    studio = window.studio
    window.workers.database(lambda: studio.schedule(post.id, when), window.broadcast,
                            lambda exc: window.save_state.setText(str(exc)))


def override(window: MainWindow, row: Reviewed) -> None:
    post = window.editor.current()
    if post is None:
        return
    span = row.span_text(post)
    studio = window.studio
    user, _role = studio.current_user()
    reason = OverrideDialog.ask(row, span, user, window)
    if not reason:
        return

    def record() -> tuple[object, set[tuple[str, str]]]:
        return studio.override(post.id, row.finding, span, reason), studio.overrides(post.id)

    def recorded(result: tuple[object, set[tuple[str, str]]]) -> None:
        window.editor.set_overrides(result[1])
        window.broadcast(result[0])  # type: ignore[arg-type]

    window.workers.database(record, recorded, lambda exc: window.save_state.setText(str(exc)))


def add_image(window: MainWindow) -> None:
    if window.editor.current() is None:
        return
    name, _ = QFileDialog.getOpenFileName(window, "Add image", "",
                                          "Images (*.jpg *.jpeg *.png *.gif *.webp)")
    if name:
        window.editor.attach_image(Path(name))


def next_finding(window: MainWindow) -> None:
    table, model = window.findings.table, window.findings.model
    rows = model.rowCount()
    if rows:
        index = model.index((table.currentIndex().row() + 1) % rows, 0)
        table.setCurrentIndex(index)
        window.findings.findingActivated.emit(model.item(index.row()))
