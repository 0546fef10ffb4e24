"""What the window does for the post commands: publish, schedule, override, add an image.

Plain functions over the main window, so the window itself stays a place that only wires.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from clinicstudio.domain import Changes
from clinicstudio.planning.series import SeriesScope
from clinicstudio.ui.dialogs import OverrideDialog, ScheduleDialog
from clinicstudio.ui.publish_confirm import PublishConfirmDialog, asks_before_publishing
from clinicstudio.ui.series_prompt import SeriesScopeDialog

if TYPE_CHECKING:
    from clinicstudio.app import PostSnapshot, Reviewed
    from clinicstudio.publish_question import PublishQuestion
    from clinicstudio.ui.main_window import MainWindow


def publish_now(window: MainWindow) -> None:
    """Ask once (networks, audience, anything unusual), then send; the question can be off."""
    post = window.editor.current()
    if post is None or not window.publish_bar.publish.isEnabled():
        return
    window.editor.save_now()  # PublishRun waits for this save before it sends anything
    if not asks_before_publishing():
        _send(window, post)
        return
    window.workers.database(lambda: window.studio.publish_question(post),
                            lambda question: _confirmed(window, post, question),
                            lambda exc: window.save_state.setText(str(exc)))


def _confirmed(window: MainWindow, post: PostSnapshot, question: PublishQuestion) -> None:
    yes = PublishConfirmDialog.ask(question, window)
    ask = getattr(window, "ask_before_publishing", None)
    if ask is not None:
        ask.setChecked(asks_before_publishing())
    if yes:
        _send(window, post)


def _send(window: MainWindow, post: PostSnapshot) -> None:
    window.publish_bar.started(post.networks)
    window.publishing.start(post.id)


def schedule(window: MainWindow) -> None:
    """Ask when the post goes out (and whether it repeats), then save that."""
    post = window.editor.current()
    if post is None or not window.publish_bar.schedule.isEnabled():
        return
    timetable = window.on_time.timetable
    window.editor.save_now()
    # Whether the post is part of a series decides what the dialog offers; ask the database.
    window.workers.database(lambda: timetable.series_of(post.id),
                            lambda series: _ask_schedule(window, post, series),
                            lambda exc: window.save_state.setText(str(exc)))


def _ask_schedule(window: MainWindow, post: PostSnapshot, series: int | None) -> None:
    studio, timetable = window.studio, window.on_time.timetable
    choice = ScheduleDialog.ask(studio.clinic.time_zone, post.scheduled_at, window,
                                repeats=series is None, in_series=series is not None)
    if choice is None:
        return
    when = choice.when
    work: Callable[[], Changes]
    if series is not None:
        scope = SeriesScopeDialog.ask("This post repeats. Which posts should get the new time?",
                                      window)
        if scope is None:
            return
        if scope is SeriesScope.THIS:
            work = partial(studio.schedule, post.id, when)
        else:
            work = partial(timetable.change_in_series, post.id, scope, when)
    elif choice.rule is not None:
        work = partial(timetable.repeat, post.id, when, choice.rule)
    else:
        work = partial(studio.schedule, post.id, when)
    window.workers.database(work, window.broadcast,
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
