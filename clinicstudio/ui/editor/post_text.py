"""The text box a post is written in: findings underlined by severity, explained on hover, fixed
from the right-click menu. It only shows findings; the checks run elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from clinicstudio.domain import Category, Finding, Fix
from clinicstudio.ui import theme
from clinicstudio.ui.editor.spans import Spans

Suggest = Callable[[str], list[str]]


def explain(finding: Finding) -> str:
    """The tooltip: what is wrong and what to do instead."""
    text = finding.message
    if finding.suggestion:
        text += f"\n\nTry: {finding.suggestion}"
    return text


class PostTextEdit(QPlainTextEdit):
    """Signals:
    fixApplied(str): the label of a fix the user chose from the menu.
    """

    fixApplied = Signal(str)

    def __init__(self, accessible_name: str, suggest: Suggest | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postText")
        self.setAccessibleName(accessible_name)
        self.setTabChangesFocus(True)
        self._suggest = suggest
        self._findings: list[Finding] = []
        self._checked_text = ""
        self._spans = Spans("")
        self._underlines: list[tuple[object, ...]] = []

    # -- showing findings ----------------------------------------------------------------
    def set_findings(self, findings: Sequence[Finding], checked_text: str) -> None:
        """Underline ``findings``, found in ``checked_text`` (the text as it was checked)."""
        self._findings = [f for f in findings if f.end > f.start]
        # A finding about the whole post (reading level) is listed, not underlined: a page
        # of underline hides the findings that point at words.
        longest = max(60, len(checked_text) // 2)
        shown = [f for f in self._findings if f.end - f.start <= longest or f.blocks]
        self._checked_text = checked_text
        self._spans = Spans(checked_text)
        # Typing mostly leaves the underlines where they were: then the editor keeps them, and
        # nothing is laid out or painted again for them.
        doc_length = self.document().characterCount() - 1
        ordered = sorted(shown, key=lambda f: f.severity != "block")
        underlines = [(min(self._spans.to_qt(f.start), doc_length),
                       min(self._spans.to_qt(f.end), doc_length),
                       theme.severity_color(f.severity).name(), f.category, f.message)
                      for f in ordered]
        # (Compared with where the editor's own underlines are now, not with what was set last:
        # a new text in the editor resets them.)
        kept = [(e.cursor.selectionStart(), e.cursor.selectionEnd())
                for e in self.extraSelections()]
        if underlines == self._underlines and kept == [u[:2] for u in underlines]:
            return
        self._underlines = underlines
        selections = []
        for finding in ordered:
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline
                                  if finding.category is Category.SPELLING
                                  else QTextCharFormat.UnderlineStyle.SingleUnderline)
            colour = theme.severity_color(finding.severity)
            fmt.setUnderlineColor(colour)
            if finding.blocks:
                tint = colour
                tint.setAlpha(40)
                fmt.setBackground(tint)
            fmt.setToolTip(explain(finding))
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(self._spans.to_qt(finding.start), doc_length))
            cursor.setPosition(min(self._spans.to_qt(finding.end), doc_length),
                               QTextCursor.MoveMode.KeepAnchor)
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def findings_at(self, position: int) -> list[Finding]:
        index = self._spans.to_python(position)
        return [f for f in self._findings if f.start <= index < f.end
                or (f.start == index == f.end)]

    def select_span(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._spans.to_qt(start))
        cursor.setPosition(self._spans.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- fixing --------------------------------------------------------------------------
    def apply_fix(self, fix: Fix) -> bool:
        """Apply ``fix`` as one undoable edit, if the text is still what was checked."""
        if self.toPlainText() != self._checked_text:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._spans.to_qt(fix.start))
        cursor.setPosition(self._spans.to_qt(fix.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText(fix.replacement)
        cursor.endEditBlock()
        self.fixApplied.emit(fix.label)
        return True

    def fixes_for(self, finding: Finding) -> list[Fix]:
        fixes = list(finding.fixes)
        if not fixes and finding.category is Category.SPELLING and self._suggest is not None:
            word = self._checked_text[finding.start:finding.end]
            fixes = [Fix(f"Change to “{s}”", finding.start, finding.end, s)
                     for s in self._suggest(word)]
        return fixes

    def fix_menu(self, position: int, menu: QMenu) -> int:
        """Add the fixes for the findings at ``position`` to ``menu``; returns how many."""
        added = 0
        for finding in self.findings_at(position):
            # A disabled line, not addSection(): the window's style draws sections as a bare
            # separator, which hid what the fix is for.
            title = menu.addAction(theme.icon(finding.severity.value),
                                   finding.message if len(finding.message) < 70
                                   else finding.message[:67] + "…")
            title.setEnabled(False)
            title.setToolTip(finding.message)
            for fix in self.fixes_for(finding):
                action = menu.addAction(theme.icon("fix"), fix.label)
                action.triggered.connect(lambda _=False, f=fix: self.apply_fix(f))
                added += 1
        return added

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        position = self.cursorForPosition(event.pos()).position()
        fixes = QMenu(self)
        if self.fix_menu(position, fixes):
            first = menu.actions()[0] if menu.actions() else None
            for action in fixes.actions():
                menu.insertAction(first, action)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()
        fixes.deleteLater()

    def show_fix_menu(self) -> None:
        """Keyboard route to the fixes under the cursor (Ctrl+.)."""
        menu = QMenu(self)
        if self.fix_menu(self.textCursor().position(), menu):
            menu.exec(self.mapToGlobal(self.cursorRect().bottomLeft() + QPoint(0, 4)))
        menu.deleteLater()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            viewport_pos = self.viewport().mapFrom(self, event.pos())
            found = self.findings_at(self.cursorForPosition(viewport_pos).position())
            if found:
                QToolTip.showText(event.globalPos(), "\n\n".join(explain(f) for f in found), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
