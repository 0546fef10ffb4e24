"""The studio's main window. It builds the panes, docks them and wires them together; the panes
never know about each other and the window holds no clinic rules of its own."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.app import Reviewed, Studio
from clinicstudio.domain import Changes
from clinicstudio.ui import panes, theme
from clinicstudio.ui.actions import StudioActions
from clinicstudio.ui.dialogs import OverrideDialog, ScheduleDialog
from clinicstudio.ui.editor.editor_pane import EditorPane, ReviewState
from clinicstudio.ui.findings_pane import FindingsPane
from clinicstudio.ui.post_list import PostListPane
from clinicstudio.ui.publish_bar import PublishBar
from clinicstudio.ui.publishing import PublishRun
from clinicstudio.ui.window_settings import window_settings
from clinicstudio.ui.workers import Workers

Area = Qt.DockWidgetArea


class MainWindow(QMainWindow):
    """Signals:
    broadcasted(Changes): every change, after each pane has been told about it.
    """

    broadcasted = Signal(object)

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.workers = Workers(self)
        self.setWindowTitle("ClinicStudio")
        self.setWindowIcon(theme.icon("clinic"))
        self.post_list = PostListPane(studio, self.workers)
        self.editor = EditorPane(studio, self.workers)
        self.findings = FindingsPane()
        self.publish_bar = PublishBar()
        self.publishing = PublishRun(studio, self.workers, self)
        self.preview = panes.preview_pane(studio)
        self.calendar = panes.calendar_pane(studio, self.workers)
        self.audience = panes.audience_pane(studio, self.workers)
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.editor, 1)
        column.addWidget(self.publish_bar)
        self.setCentralWidget(centre)
        self.setDockNestingEnabled(True)
        self.docks = [self._dock("posts", "Posts", self.post_list, Area.LeftDockWidgetArea),
                      self._dock("findings", "Findings", self.findings, Area.BottomDockWidgetArea)]
        for key, title, pane, area in (("preview", "Preview", self.preview, Area.RightDockWidgetArea),
                                       ("calendar", "Calendar", self.calendar, Area.LeftDockWidgetArea),
                                       ("audience", "Audience", self.audience, Area.RightDockWidgetArea)):
            if pane is not None:
                self.docks.append(self._dock(key, title, pane, area))
        self._tab_secondary_docks()
        # The side panes run the full height; findings sit under the editor only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Area.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Area.RightDockWidgetArea)
        self._sized = False
        self.actions_ = StudioActions(self)
        self.actions_.install(self, self.docks)
        self.save_state = QLabel()
        self.statusBar().addWidget(self.save_state, 1)
        self.clinic_label = QLabel()
        self.statusBar().addPermanentWidget(self.clinic_label)
        self._default_layout = self.saveState()
        self._connect_signals()
        self._restore_layout()
        self._show_clinic()
        self.findings.set_role(studio.current_user()[1])

    def _dock(self, key: str, title: str, pane: QWidget, area: Area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        if pane.minimumSizeHint().width() > 460:
            # A wide pane (the month grid) scrolls instead of forcing the window wider.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(pane)
            dock.setWidget(scroll)
        else:
            dock.setWidget(pane)
        dock.setAccessibleName(f"{title} pane")
        self.addDockWidget(area, dock)
        return dock

    def _tab_secondary_docks(self) -> None:
        by_key = {d.objectName(): d for d in self.docks}
        if "dock-calendar" in by_key:
            self.tabifyDockWidget(by_key["dock-posts"], by_key["dock-calendar"])
            by_key["dock-posts"].raise_()
        if "dock-audience" in by_key and "dock-preview" in by_key:
            self.tabifyDockWidget(by_key["dock-preview"], by_key["dock-audience"])
            by_key["dock-preview"].raise_()

    def _connect_signals(self) -> None:
        a, editor = self.actions_, self.editor
        self.post_list.postSelected.connect(editor.open_post)
        self.post_list.newPostRequested.connect(editor.new_post)
        editor.changed.connect(self.broadcast)
        editor.message.connect(self.save_state.setText)
        editor.reviewed.connect(self._reviewed)
        self.findings.findingActivated.connect(editor.select_finding)
        self.findings.fixRequested.connect(
            lambda row, fix: editor.editor_for(None if row.inherited else row.network).apply_fix(fix))
        self.findings.overrideRequested.connect(self._override)
        self.publish_bar.publishRequested.connect(self.publish_now)
        self.publish_bar.scheduleRequested.connect(self.schedule)
        self.publishing.progress.connect(self.publish_bar.progress)
        self.publishing.finished.connect(lambda outcomes, changes: (
            self.publish_bar.finished(outcomes), self.broadcast(changes)))
        self.publishing.failed.connect(self.publish_bar.failed)
        if self.preview is not None:
            editor.previewChanged.connect(self._show_preview)
        if self.calendar is not None:
            self.calendar.openPostRequested.connect(editor.open_post)
            self.calendar.newPostRequested.connect(lambda _when: editor.new_post())
            self.calendar.postRescheduled.connect(
                lambda post_id: self.broadcast(Changes(posts=frozenset({post_id}))))
        a.new_post.triggered.connect(editor.new_post)
        a.save.triggered.connect(editor.save_now)
        a.undo.triggered.connect(lambda: editor.focused_editor().undo())
        a.redo.triggered.connect(lambda: editor.focused_editor().redo())
        a.add_image.triggered.connect(self._add_image)
        a.fixes.triggered.connect(lambda: editor.focused_editor().show_fix_menu())
        a.next_finding.triggered.connect(self._next_finding)
        a.publish.triggered.connect(self.publish_now)
        a.schedule.triggered.connect(self.schedule)
        a.find.triggered.connect(self._focus_search)
        a.clinic.triggered.connect(self.edit_clinic)
        a.reset_layout.triggered.connect(lambda: self.restoreState(self._default_layout))
        a.quit.triggered.connect(self.close)
        a.themes.triggered.connect(lambda action: self.set_theme(action.data()))
        self.editor.media.addImageRequested.connect(self._add_image)

    # -- the change broadcast ------------------------------------------------------------
    def broadcast(self, changes: Changes) -> None:
        """Tell every pane what changed; each refreshes only what it shows."""
        if changes.empty:
            return
        if changes.clinic:
            self._show_clinic()
        for pane in (self.post_list, self.editor, self.calendar, self.audience):
            if pane is not None and hasattr(pane, "refresh"):
                pane.refresh(changes)
        self.broadcasted.emit(changes)

    def _reviewed(self, state: ReviewState) -> None:
        self.findings.show_review(state)
        self.publish_bar.set_state(state.post, state.blocking)

    def _show_preview(self, post: object) -> None:
        from clinicstudio.ui.preview_adapter import show_in_preview

        show_in_preview(self.preview, self.studio, post)

    # -- commands ------------------------------------------------------------------------
    def publish_now(self) -> None:
        post = self.editor.current()
        if post is None or not self.publish_bar.publish.isEnabled():
            return
        self.editor.save_now()
        self.publish_bar.started(post.networks)
        self.publishing.start(post.id)

    def schedule(self) -> None:
        post = self.editor.current()
        if post is None or not self.publish_bar.schedule.isEnabled():
            return
        when = ScheduleDialog.ask(self.studio.clinic.time_zone, post.scheduled_at, self)
        if when is None:
            return
        self.editor.save_now()
        studio = self.studio
        self.workers.database(lambda: studio.schedule(post.id, when), self.broadcast,
                              lambda exc: self.save_state.setText(str(exc)))

    def _override(self, row: Reviewed) -> None:
        post = self.editor.current()
        if post is None:
            return
        span = row.span_text(post)
        user, _role = self.studio.current_user()
        reason = OverrideDialog.ask(row, span, user, self)
        if not reason:
            return
        studio = self.studio
        self.workers.database(
            lambda: (studio.override(post.id, row.finding, span, reason), studio.overrides(post.id)),
            lambda result: (self.editor.set_overrides(result[1]), self.broadcast(result[0])),
            lambda exc: self.save_state.setText(str(exc)))

    def _add_image(self) -> None:
        if self.editor.current() is None:
            return
        from pathlib import Path

        name, _ = QFileDialog.getOpenFileName(self, "Add image", "",
                                              "Images (*.jpg *.jpeg *.png *.gif *.webp)")
        if name:
            self.editor.attach_image(Path(name))

    def _next_finding(self) -> None:
        self.findings.table.setFocus()
        rows = self.findings.model.rowCount()
        if rows:
            current = self.findings.table.currentIndex().row()
            index = self.findings.model.index((current + 1) % rows, 0)
            self.findings.table.setCurrentIndex(index)
            self.findings.findingActivated.emit(self.findings.model.item(index.row()))

    def _focus_search(self) -> None:
        self.docks[0].show()
        self.docks[0].raise_()
        self.post_list.search.setFocus()
        self.post_list.search.selectAll()

    def edit_clinic(self) -> None:
        from clinicstudio.ui.first_run import edit_clinic_profile

        edit_clinic_profile(self)

    def set_theme(self, scheme: str) -> None:
        from PySide6.QtWidgets import QApplication

        settings = window_settings()
        settings.setValue("theme", scheme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, None if scheme == "system" else scheme)
        self.editor.review_now()

    def _show_clinic(self) -> None:
        clinic = self.studio.clinic
        self.clinic_label.setText(f"{clinic.name or 'No clinic set up'}  ·  {clinic.time_zone}")

    # -- layout --------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = window_settings()
        geometry, state = settings.value("geometry"), settings.value("state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        chosen = str(settings.value("theme", "system"))
        self.actions_.theme_actions.get(chosen, self.actions_.theme_actions["system"]).setChecked(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized and window_settings().value("state") is None:
            # Sensible first sizes; after that the user's own layout is remembered.
            self._sized = True
            width = self.width()
            self.resizeDocks([self.docks[0]], [max(360, width // 4)], Qt.Orientation.Horizontal)
            self.resizeDocks([self.docks[1]], [230], Qt.Orientation.Vertical)
            if self.preview is not None:
                self.resizeDocks([self.docks[2]], [max(380, width * 3 // 10)],
                                 Qt.Orientation.Horizontal)

    def save_layout(self) -> None:
        settings = window_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.editor.save_now()
        self.save_layout()
        self.workers.wait()
        super().closeEvent(event)


