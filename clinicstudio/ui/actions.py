"""The window's commands, with their shortcuts, menus and toolbar. Connected in the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

from clinicstudio.ui import theme

Key = QKeySequence.StandardKey


class StudioActions:
    """Every command the studio offers; shortcuts follow each system's conventions."""

    def __init__(self, window: QMainWindow) -> None:
        def make(text: str, shortcut: QKeySequence | Key | str | None = None,
                 icon: str | None = None, tip: str = "") -> QAction:
            action = QAction(text, window)
            if icon:
                action.setIcon(theme.icon(icon))
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            label = text.replace("&", "").rstrip("…")
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip or label} ({keys})" if keys else (tip or label))
            return action

        self.new_post = make("&New post", Key.New, "new-post", "Start a new post")
        self.duplicate = make("&Duplicate", "Ctrl+D", None,
                              "A new draft with this post's words, networks and images")
        self.save = make("&Save now", Key.Save, "save", "Save now (posts also save by themselves)")
        self.undo = make("&Undo", Key.Undo, "undo")
        self.redo = make("&Redo", Key.Redo, "redo")
        self.add_image = make("Add &image…", "Ctrl+I", "image", "Attach a photo")
        self.fixes = make("&Fixes", "Ctrl+.", "fix", "Fixes for the finding at the cursor")
        self.next_finding = make("Next &finding", "F8", None, "Go to the next finding")
        self.publish = make("&Publish now", "Ctrl+Return", "publish")
        self.schedule = make("S&chedule…", "Ctrl+Shift+S", "schedule", "Pick a date and time")
        self.find = make("&Search posts", Key.Find, "search")
        self.clinic = make("Clinic &profile…", None, "clinic", "Your clinic's public details")
        self.reset_layout = make("&Reset layout", None, "layout")
        self.quit = make("&Quit", "Ctrl+Q")
        #: Commands about the open post: greyed out until a post is open, so the toolbar
        #: does not offer buttons that do nothing.
        self.post_actions = (self.duplicate, self.save, self.undo, self.redo, self.add_image,
                             self.fixes, self.next_finding, self.publish, self.schedule)
        self.set_post_open(False)
        self.themes = QActionGroup(window)
        self.theme_actions: dict[str, QAction] = {}
        for key, label in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            action = QAction(label, window, checkable=True)
            action.setData(key)
            self.themes.addAction(action)
            self.theme_actions[key] = action

    def set_post_open(self, is_open: bool) -> None:
        for action in self.post_actions:
            action.setEnabled(is_open)

    def install(self, window: QMainWindow) -> QToolBar:
        bar = window.menuBar()
        file = bar.addMenu("&Post")
        for action in (self.new_post, self.duplicate, self.save, self.add_image, None,
                       self.publish,
                       self.schedule, None, self.quit):
            file.addSeparator() if action is None else file.addAction(action)
        edit = bar.addMenu("&Edit")
        for action in (self.undo, self.redo, None, self.fixes, self.next_finding, None,
                       self.find):
            edit.addSeparator() if action is None else edit.addAction(action)
        self.view = view = bar.addMenu("&View")
        self._panes_end = view.addSeparator()
        themes = view.addMenu(theme.icon("theme"), "&Theme")
        themes.addActions(list(self.theme_actions.values()))
        view.addAction(self.reset_layout)
        bar.addMenu("&Clinic").addAction(self.clinic)
        toolbar = QToolBar("Main tools")
        toolbar.setObjectName("mainTools")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_post, self.save, None, self.undo, self.redo, None,
                       self.add_image, self.fixes):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        window.addToolBar(toolbar)
        return toolbar

    def add_dock_toggles(self, docks: list[QDockWidget]) -> None:
        """Show/hide entries for the panes, at the top of the View menu."""
        for dock in docks:
            self.view.insertAction(self._panes_end, dock.toggleViewAction())
