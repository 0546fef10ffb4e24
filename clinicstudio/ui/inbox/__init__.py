"""The Inbox: a pane docked beside the post list, and the reply editor it opens.

``install(window)`` is the window's one hook: it builds the service, docks the pane, starts
background collection and wires the reply editor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from clinicstudio.ui.inbox.pane import InboxPane
from clinicstudio.ui.inbox.reply_editor import ReplyEditor

__all__ = ["InboxPane", "ReplyEditor", "install"]


def inbox_service(studio: Any) -> Any:
    from clinicstudio.inbox import InboxService

    checker = getattr(studio.publisher, "checker_factory", None)
    return InboxService(studio.db, studio.vault, checker_factory=checker,
                        actor=lambda: studio.office().default_actor)


def install(window: Any) -> InboxPane:
    """Dock the Inbox beside the post list and start collecting while the window is open."""
    pane = InboxPane(inbox_service(window.studio), window.workers)
    dock = QDockWidget("Inbox", window)
    dock.setObjectName("dock-inbox")
    dock.setAccessibleName("Inbox pane")
    dock.setWidget(pane)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    posts = window.findChild(QDockWidget, "dock-posts")
    if posts is not None:
        window.tabifyDockWidget(posts, dock)
        posts.raise_()

    def answer(item_id: int) -> None:
        def open_editor(view: Any) -> None:
            editor = ReplyEditor(pane.service, window.workers, view, window)
            editor.sent.connect(lambda outcome: (pane.reload(),
                                                 pane.status.setText(outcome.message)))
            editor.open()

        window.workers.database(lambda: pane.service.show(item_id), open_editor)

    pane.replyRequested.connect(answer)
    pane.stop_with(window)
    pane.start()
    return pane
