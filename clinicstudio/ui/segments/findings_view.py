"""Findings about the segment being edited, in plain words, each with its one-click fix."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clinicstudio.audience.findings import Remedy, SegmentFinding
from clinicstudio.domain import Severity
from clinicstudio.ui import theme

HEADINGS = {Severity.BLOCK: "Cannot be saved", Severity.WARN: "Worth a look",
            Severity.INFO: "Good to know"}


class FindingCard(QFrame):
    """One finding: a heading, the reason, what to do, and a fix button when there is one."""

    remedyChosen = Signal(object)

    def __init__(self, finding: SegmentFinding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.setObjectName("segmentFinding")
        tint = theme.severity_color(finding.severity)
        colour = tint.name()
        faint = f"rgba({tint.red()}, {tint.green()}, {tint.blue()}, 80)"
        # The left bar carries the severity colour and a faint frame of it follows the theme;
        # the text keeps the normal colour, which reads best.
        self.setStyleSheet(f"QFrame#segmentFinding {{ border: 1px solid {faint}; "
                           f"border-left: 4px solid {colour}; border-radius: 6px; "
                           f"background: palette(base); }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        heading = QLabel(HEADINGS[finding.severity])
        heading.setStyleSheet(f"color: {colour}; font-weight: 600;")
        layout.addWidget(heading)
        self.message = QLabel(finding.message, wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        if finding.suggestion:
            suggestion = QLabel(finding.suggestion, wordWrap=True, objectName="hint")
            layout.addWidget(suggestion)
        self.fix_button: QPushButton | None = None
        if finding.remedy is not None:
            row = QHBoxLayout()
            self.fix_button = QPushButton(finding.remedy.label)
            self.fix_button.setAccessibleName(f"Fix: {finding.remedy.label}")
            remedy = finding.remedy
            self.fix_button.clicked.connect(lambda: self.remedyChosen.emit(remedy))
            row.addWidget(self.fix_button)
            row.addStretch(1)
            layout.addLayout(row)
        self.setAccessibleName(f"{HEADINGS[finding.severity]}: {finding.message}")


class FindingsView(QWidget):
    """Signals: remedyChosen(object): the :class:`Remedy` whose button was clicked."""

    remedyChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.all_clear = QLabel("Nothing stands in the way: this segment describes people by "
                                "place, age and language only.", wordWrap=True, objectName="hint")
        self._layout.addWidget(self.all_clear)
        self.cards: list[FindingCard] = []

    def show_findings(self, findings: list[SegmentFinding]) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        for finding in findings:
            card = FindingCard(finding, self)
            card.remedyChosen.connect(self._chosen)
            self._layout.addWidget(card)
            self.cards.append(card)
        self.all_clear.setVisible(not any(f.severity is not Severity.INFO for f in findings))

    def _chosen(self, remedy: Remedy) -> None:
        self.remedyChosen.emit(remedy)
