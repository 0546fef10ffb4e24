"""What the Clinic › Staff, Settings, Authorizations and Audit windows share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QWidget

STYLE = """
QLabel#govIntro { color: palette(placeholder-text); }
QLabel#govError { color: #b3261e; }
QLabel#govOk { color: #1e6b36; }
QFrame#officeBanner { background: palette(alternate-base); border: 1px solid #6b8fb3;
                      border-radius: 8px; }
"""


def intro(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("govIntro")
    label.setWordWrap(True)
    return label


def message_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("govError")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def say(label: QLabel, text: str, *, ok: bool = False) -> None:
    """Show ``text`` in ``label``, calm green for done, red for a problem."""
    label.setObjectName("govOk" if ok else "govError")
    label.setStyleSheet(STYLE)
    label.setText(text)


def table(headers: list[str], parent: QWidget | None = None) -> QTableWidget:
    grid = QTableWidget(0, len(headers), parent)
    grid.setHorizontalHeaderLabels(headers)
    grid.verticalHeader().setVisible(False)
    grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    grid.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    grid.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    grid.setAlternatingRowColors(True)
    grid.horizontalHeader().setStretchLastSection(True)
    return grid


def fill(grid: QTableWidget, rows: list[list[str]]) -> None:
    grid.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            grid.setItem(r, c, QTableWidgetItem(value))
    grid.resizeColumnsToContents()
