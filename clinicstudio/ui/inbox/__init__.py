"""The Inbox: a pane docked beside the post list, and the reply editor it opens.

``install(window)`` is the window's one hook: it builds the service, docks the pane, starts
background collection and wires the reply editor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut

from clinicstudio.ui import theme
from clinicstudio.ui.inbox.pane import InboxPane
from clinicstudio.ui.inbox.reply_editor import ReplyEditor
from clinicstudio.ui.workspace import scrolling

__all__ = ["InboxPane", "ReplyEditor", "install"]


def inbox_service(studio: Any) -> Any:
    from clinicstudio.inbox import InboxService

    checker = getattr(studio.publisher, "checker_factory", None)
    return InboxService(studio.db, studio.vault, checker_factory=checker,
                        actor=lambda: studio.office().default_actor)


def install(window: Any) -> InboxPane:
    """Add the Inbox as a tab of the window's centre and collect while the window is open."""
    pane = InboxPane(inbox_service(window.studio), window.workers)
    workspace = window.workspace
    # In a scroll area, like the calendar: the Inbox must not make the Write tab wider.
    index = workspace.addTab(scrolling(pane), theme.icon("info"), "Inbox")
    shortcut = f"Ctrl+{index + 1}"
    QShortcut(QKeySequence(shortcut), window, activated=lambda: workspace.setCurrentIndex(index))
    workspace.setTabToolTip(index, f"Comments, mentions and reviews ({shortcut})")
    pane.unanswered.connect(lambda count: workspace.setTabText(
        index, f"Inbox ({count})" if count else "Inbox"))

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
