"""Underlines in the editor: kept while typing leaves them where they were, redrawn otherwise."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clinicstudio.domain import Category, Finding, Severity
from clinicstudio.ui.editor.post_text import PostTextEdit

TEXT = "Great to see Maria after her knee surgery. Walk-ins welcome!"


def _name(start: int = 13) -> Finding:
    return Finding("PHI-001", Category.PHI, Severity.BLOCK, start, start + 5,
                   "Names a patient with their care.")


def _underlined(editor: PostTextEdit) -> list[tuple[int, int]]:
    return [(e.cursor.selectionStart(), e.cursor.selectionEnd()) for e in editor.extraSelections()]


def test_typing_after_an_underline_keeps_it_and_a_new_text_gets_it_back(qtbot: QtBot) -> None:
    editor = PostTextEdit("Main text")
    qtbot.addWidget(editor)
    editor.setPlainText(TEXT)
    editor.set_findings([_name()], TEXT)
    assert _underlined(editor) == [(13, 18)]
    set_again: list[int] = []
    real = editor.setExtraSelections
    editor.setExtraSelections = lambda chosen: (set_again.append(1), real(chosen))  # type: ignore[method-assign]

    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText(" See you soon.")
    editor.set_findings([_name()], editor.toPlainText())
    assert _underlined(editor) == [(13, 18)] and set_again == []  # kept, not set again

    # Opening another post replaces the text, and with it the editor's underlines.
    editor.setPlainText(TEXT)
    editor.set_findings([_name()], TEXT)
    assert _underlined(editor) == [(13, 18)] and set_again == [1]

    # A finding that moves is underlined where it now is.
    editor.setPlainText("Hi! " + TEXT)
    editor.set_findings([_name(17)], "Hi! " + TEXT)
    assert _underlined(editor) == [(17, 22)]
