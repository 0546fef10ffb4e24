"""The studio's main window. It builds the panes, docks them and wires them together; the panes
never know about each other and the window holds no clinic rules of its own.

The window shows at once and fills in when the studio is ready (:meth:`MainWindow.open_database`
builds it off the GUI thread), so starting feels instant even though the database, the rule
packs and the dictionaries take a moment to load.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Changes
from clinicstudio.ui import theme
from clinicstudio.ui.actions import StudioActions
from clinicstudio.ui.deferred_pane import DeferredPane
from clinicstudio.ui.window_settings import window_settings
from clinicstudio.ui.workers import Workers
from clinicstudio.ui.workspace import Workspace, scrolling

if TYPE_CHECKING:
    from clinicstudio.app import Studio
    from clinicstudio.ui.editor.editor_pane import ReviewState

Area = Qt.DockWidgetArea


def _build_studio(database: str | None) -> Studio:
    from clinicstudio.app import build_studio  # the heavy imports happen off the GUI thread

    # Reading every page of the file would delay the start; it is done once the studio is up.
    return build_studio(database, verify_integrity=False)


class MainWindow(QMainWindow):
    """Signals:
    opened(): the studio is attached and every pane is in place.
    broadcasted(Changes): every change, after each pane has been told about it.
    """

    opened = Signal()
    broadcasted = Signal(object)

    def __init__(self, studio: Studio | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ClinicStudio")
        self.setWindowIcon(theme.icon("clinic"))
        self.workers = Workers(self)
        self.actions_ = StudioActions(self)
        self.actions_.install(self)
        self.save_state, self.clinic_label = QLabel(), QLabel()
        self.statusBar().addWidget(self.save_state, 1)
        self.statusBar().addPermanentWidget(self.clinic_label)
        self.waiting = QLabel("Opening your clinic's posts…")
        self.waiting.setObjectName("hint")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.waiting)
        self.docks: list[QDockWidget] = []
        self._pending = Changes()
        self._catch_up = QTimer(self, singleShot=True, interval=1500)
        self._catch_up.timeout.connect(self._flush_pending)
        geometry = window_settings().value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            # Roomy on a desktop monitor, never bigger than a small laptop's screen.
            space = self.screen().availableGeometry()
            self.resize(min(1440, space.width() * 92 // 100), min(900, space.height() * 90 // 100))
        if studio is not None:
            self.attach(studio)

    def open_database(self, database: str | None) -> None:
        """Build the studio for ``database`` in the background, then fill the window."""
        self.workers.database(partial(_build_studio, database), self.attach,
                              lambda exc: self.waiting.setText(str(exc)))

    def attach(self, studio: Studio) -> None:
        """Create the panes around ``studio`` and wire them."""
        # The panes' modules load here, after the window is on screen, not before it shows.
        from clinicstudio.ui import accounts as accounts_ui
        from clinicstudio.ui import outbox_dialog, panes
        from clinicstudio.ui.editor.editor_pane import EditorPane
        from clinicstudio.ui.findings_pane import FindingsPane
        from clinicstudio.ui.post_list import PostListPane
        from clinicstudio.ui.publish_bar import PublishBar
        from clinicstudio.ui.publishing import PublishRun

        self.studio = studio
        self.post_list = PostListPane(studio, self.workers)
        self.editor = EditorPane(studio, self.workers)
        self.findings = FindingsPane()
        self.publish_bar = PublishBar()
        self.publishing = PublishRun(studio, self.workers, self)
        self.preview = panes.preview_pane(studio)
        # Behind tabs at first: built when first shown (or first asked for), not before.
        self._calendar_slot = DeferredPane(partial(panes.calendar_pane, studio, self.workers),
                                           scroll_wide=False)  # the workspace scrolls it
        self._audience_slot = DeferredPane(partial(panes.audience_pane, studio, self.workers))
        self.audience_picker = panes.audience_picker(studio)
        if self.audience_picker is not None:
            self.editor.set_audience_picker(self.audience_picker)
        write = QWidget()
        #: The editor's column; banners that concern the open post go above the editor.
        self.write_column = QVBoxLayout(write)
        self.write_column.setContentsMargins(0, 0, 0, 0)
        self.write_column.setSpacing(0)
        self.write_column.addWidget(self.editor, 1)
        self.write_column.addWidget(self.publish_bar)
        # Tab from the text reaches the images, then Schedule and Publish, as they stand.
        QWidget.setTabOrder(self.editor.media.add, self.publish_bar.schedule)
        QWidget.setTabOrder(self.publish_bar.schedule, self.publish_bar.publish)
        self.workspace = Workspace(self, write, self._calendar_slot)
        self.setCentralWidget(self.workspace)
        self.setDockNestingEnabled(True)
        for key, title, pane, area in (
                ("posts", "Posts", self.post_list, Area.LeftDockWidgetArea),
                ("findings", "Findings", self.findings, Area.BottomDockWidgetArea),
                ("preview", "Preview", self.preview, Area.RightDockWidgetArea),
                ("audience", "Audience", self._audience_slot, Area.RightDockWidgetArea)):
            if pane is not None:
                self.docks.append(self._dock(key, title, pane, area))
        self._arrange_docks()
        self.workspace.set_post_docks(
            [d for d in self.docks if d.objectName() != "dock-posts"])
        self.actions_.add_dock_toggles(self.docks)
        self._connect_signals()
        self._restore_layout()
        self.accounts = accounts_ui.add_accounts_menu(self)
        self.expiry = accounts_ui.add_expiry_banner(self, self.accounts)
        from clinicstudio.ui.care import install_care  # Settings, Help, tray, daily backup

        self.care = install_care(self)
        from clinicstudio.ui import inbox as inbox_ui

        self.inbox = inbox_ui.install(self)  # comments, mentions and reviews, and replies
        self.outbox_action = outbox_dialog.install(self)  # Clinic → Posts on their way out…
        self._show_clinic()
        self.findings.set_role(studio.current_user()[1])
        # What the start built (modules, rules, word lists, the model) lives as long as the
        # window: set it aside from the garbage collector, whose full passes over it otherwise
        # stall a keystroke now and then for tens of milliseconds.
        gc.freeze()
        self.opened.emit()
        self.workers.database(studio.db.damage, self._report_damage)

    def _report_damage(self, problem: str | None) -> None:
        """The background integrity check found the database file damaged: say so plainly."""
        if problem:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Warning, "The clinic's database is damaged",
                              problem, QMessageBox.StandardButton.Ok, self)
            box.setObjectName("damaged-database")
            box.open()  # window-modal, without stopping the event loop

    def show_writing(self, *_: object) -> None:
        """Bring the editor to the front (after a post was opened or started elsewhere)."""
        self.workspace.show_writing()

    def show_calendar(self) -> None:
        self.workspace.show_calendar()

    def _dock(self, key: str, title: str, pane: QWidget, area: Area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setAccessibleName(f"{title} pane")
        if pane.minimumSizeHint().width() > 460:
            pane = scrolling(pane)
        dock.setWidget(pane)
        self.addDockWidget(area, dock)
        return dock

    def _arrange_docks(self) -> None:
        by_key = {d.objectName().removeprefix("dock-"): d for d in self.docks}
        for first, second in (("preview", "audience"),):
            if first in by_key and second in by_key:
                self.tabifyDockWidget(by_key[first], by_key[second])
                by_key[first].raise_()
        # The side panes run the full height; findings sit under the editor only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Area.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Area.RightDockWidgetArea)
        width = self.width()
        self.resizeDocks([by_key["posts"]], [max(300, width * 22 // 100)],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([by_key["findings"]], [230], Qt.Orientation.Vertical)
        if "preview" in by_key:
            self.resizeDocks([by_key["preview"]], [max(400, width * 33 // 100)],
                             Qt.Orientation.Horizontal)
        self._default_layout = self.saveState()

    def _connect_signals(self) -> None:
        from clinicstudio.ui import governance, on_time, post_commands, publish_confirm

        a, editor, findings, bar = self.actions_, self.editor, self.findings, self.publish_bar
        self.post_list.postSelected.connect(editor.open_post)
        self.post_list.postSelected.connect(self.show_writing)
        editor.changed.connect(self._editor_saved)
        editor.message.connect(self.save_state.setText)
        editor.reviewed.connect(self._reviewed)
        editor.media.addImageRequested.connect(partial(post_commands.add_image, self))
        findings.findingActivated.connect(editor.select_finding)
        findings.fixRequested.connect(editor.apply_fix)
        findings.overrideRequested.connect(partial(post_commands.override, self))
        bar.publishRequested.connect(partial(post_commands.publish_now, self))
        bar.scheduleRequested.connect(partial(post_commands.schedule, self))
        self.publishing.progress.connect(bar.progress)
        self.publishing.finished.connect(self._published)
        self.publishing.failed.connect(bar.failed)
        if self.preview is not None:
            editor.previewChanged.connect(self._show_preview)
        self._calendar_slot.built.connect(self._calendar_built)
        a.new_post.triggered.connect(editor.new_post)
        a.duplicate.triggered.connect(editor.duplicate)
        a.save.triggered.connect(editor.save_now)
        a.undo.triggered.connect(editor.undo)
        a.redo.triggered.connect(editor.redo)
        a.add_image.triggered.connect(partial(post_commands.add_image, self))
        a.fixes.triggered.connect(editor.show_fix_menu)
        a.next_finding.triggered.connect(partial(post_commands.next_finding, self))
        a.publish.triggered.connect(partial(post_commands.publish_now, self))
        a.schedule.triggered.connect(partial(post_commands.schedule, self))
        a.find.triggered.connect(self._focus_search)
        a.clinic.triggered.connect(self.edit_clinic)
        a.reset_layout.triggered.connect(self._reset_layout)
        a.quit.triggered.connect(self.close)
        a.themes.triggered.connect(self._theme_chosen)
        self.on_time = on_time.install(self)  # due posts, late posts, repeating posts
        from clinicstudio.ui import results

        self.results_view = results.install(self)  # the Results window, figures read meanwhile
        self.governance = governance.install(self)  # sign-in, staff, approvals, audit
        self.ask_before_publishing = publish_confirm.install(self)

    @property
    def calendar(self) -> QWidget:
        """The calendar pane (built now if it had not been shown yet)."""
        return self._calendar_slot.build()

    def with_calendar(self, use: Callable[[QWidget], object]) -> None:
        """Run ``use`` on the calendar pane once it exists, without building it for that."""
        if self._calendar_slot.pane is not None:
            use(self._calendar_slot.pane)
        else:
            self._calendar_slot.built.connect(use)

    @property
    def audience(self) -> QWidget:
        """The audience segments pane (built now if it had not been shown yet)."""
        return self._audience_slot.build()

    def _calendar_built(self, calendar: QWidget) -> None:
        editor = self.editor
        calendar.openPostRequested.connect(editor.open_post)  # type: ignore[attr-defined]
        calendar.newPostRequested.connect(editor.new_post)  # type: ignore[attr-defined]
        calendar.openPostRequested.connect(self.show_writing)  # type: ignore[attr-defined]
        calendar.newPostRequested.connect(self.show_writing)  # type: ignore[attr-defined]
        calendar.postRescheduled.connect(self._rescheduled)  # type: ignore[attr-defined]

    # -- the change broadcast ------------------------------------------------------------
    def broadcast(self, changes: Changes) -> None:
        """Tell every pane what changed; each refreshes only what it shows."""
        if changes.empty:
            return
        if changes.clinic:
            self._show_clinic()
            self.findings.set_role(self.studio.current_user()[1])
        # A pane not built yet has nothing to refresh: it reads what is there when it is built.
        for pane in (self.post_list, self.editor, self._calendar_slot.pane,
                     self._audience_slot.pane, self.audience_picker):
            if pane is not None and hasattr(pane, "refresh"):
                pane.refresh(changes)
        self.broadcasted.emit(changes)

    def _editor_saved(self, changes: Changes) -> None:
        # Autosaves come every few seconds while someone types; the other panes catch up once
        # the typing pauses, so keystrokes never wait for a list or calendar to redraw.
        self._pending = self._pending | changes
        if self.isVisible():  # a save finishing while the window closes has no one to tell
            self._catch_up.start()

    def _flush_pending(self) -> None:
        pending, self._pending = self._pending, Changes()
        self.broadcast(pending)

    def _rescheduled(self, post_id: int) -> None:
        self.broadcast(Changes(posts=frozenset({post_id})))

    def _published(self, outcomes: list[object], changes: Changes) -> None:
        self.publish_bar.finished(outcomes)  # type: ignore[arg-type]
        self.broadcast(changes)

    def _reviewed(self, state: ReviewState) -> None:
        self.actions_.set_post_open(state.post is not None)
        self.findings.show_review(state)
        self.publish_bar.set_state(state.post, state.blocking)

    def _show_preview(self, post: object) -> None:
        from clinicstudio.ui.preview_adapter import show_in_preview

        show_in_preview(self.preview, self.studio, post)  # type: ignore[arg-type]

    def _focus_search(self) -> None:
        self.docks[0].show()
        self.docks[0].raise_()
        self.post_list.search.setFocus()
        self.post_list.search.selectAll()

    def edit_clinic(self) -> None:
        from clinicstudio.ui.first_run import edit_clinic_profile

        edit_clinic_profile(self)

    def _theme_chosen(self, action: object) -> None:
        self.set_theme(str(action.data()))  # type: ignore[attr-defined]

    def set_theme(self, scheme: str) -> None:
        window_settings().setValue("theme", scheme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, None if scheme == "system" else scheme)
        self.editor.review_now()
        # The previews paint their cards in the theme's colours when drawn: draw them again.
        if self.preview is not None:
            self.preview.set_dark(theme.current() == theme.DARK)
            self._show_preview(self.editor.current())

    def _show_clinic(self) -> None:
        clinic = self.studio.clinic
        self.publish_bar.zone = clinic.time_zone
        self.clinic_label.setText(f"{clinic.name or 'No clinic set up'}  ·  {clinic.time_zone}")

    # -- layout --------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = window_settings()
        state = settings.value("state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        chosen = str(settings.value("theme", "system"))
        themes = self.actions_.theme_actions
        themes.get(chosen, themes["system"]).setChecked(True)

    def _reset_layout(self) -> None:
        self.restoreState(self._default_layout)

    def save_layout(self) -> None:
        settings = window_settings()
        settings.setValue("geometry", self.saveGeometry())
        if self.docks:
            settings.setValue("state", self.workspace.writing_layout())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.docks:
            self.editor.stop()
            self._catch_up.stop()
        self.save_layout()
        self.workers.wait()
        super().closeEvent(event)

