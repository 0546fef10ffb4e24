"""Editing a segment's places: one row per place (kind, name, radius)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.audience.segment import PLACE_KIND_LABELS, RADIUS_KINDS, Place

NO_RADIUS = "no radius"


class PlaceRow(QWidget):
    changed = Signal()
    removeRequested = Signal(QWidget)

    def __init__(self, place: Place, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox(accessibleName="Kind of place")
        # Narrow enough that the place itself keeps most of the row in the docked pane.
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(7)
        for kind, label in PLACE_KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.kind.setCurrentIndex(max(self.kind.findData(place.kind), 0))
        self.value = QLineEdit(place.value, placeholderText="e.g. Springfield, IL",
                               accessibleName="Place")
        self.radius = QSpinBox(accessibleName="Radius in km", suffix=" km", maximum=999)
        self.radius.setSpecialValueText(NO_RADIUS)
        self.radius.setValue(place.radius_km or 0)
        remove = QPushButton("Remove", accessibleName="Remove this place")
        layout.addWidget(self.kind)
        layout.addWidget(self.value, 1)
        layout.addWidget(self.radius)
        layout.addWidget(remove)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.value.textChanged.connect(self.changed)
        self.radius.valueChanged.connect(self.changed)
        remove.clicked.connect(lambda: self.removeRequested.emit(self))
        self._kind_changed()

    def _kind_changed(self) -> None:
        # A radius only means something around a town or a postcode.
        self.radius.setEnabled(self.kind.currentData() in RADIUS_KINDS)
        self.changed.emit()

    def place(self) -> Place:
        kind = str(self.kind.currentData())
        radius = self.radius.value() if kind in RADIUS_KINDS and self.radius.value() else None
        return Place(kind, self.value.text().strip(), radius)


class PlacesEditor(QWidget):
    """Signals: changed() whenever a place is added, removed or edited."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PlaceRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        add = QPushButton("Add a place", accessibleName="Add a place")
        add.clicked.connect(lambda: self._add(Place("city", "", None), focus=True))
        self._layout.addWidget(add)
        self._add_button = add

    def _add(self, place: Place, focus: bool = False) -> None:
        row = PlaceRow(place, self)
        row.changed.connect(self.changed)
        row.removeRequested.connect(self._remove)
        self._rows.append(row)
        self._layout.insertWidget(len(self._rows) - 1, row)
        if focus:
            row.value.setFocus()
        self.changed.emit()

    def _remove(self, row: QWidget) -> None:
        self._rows.remove(row)  # type: ignore[arg-type]
        # Off the layout at once, so the form never shows a removed place while Qt tidies up.
        row.setParent(None)
        row.deleteLater()
        self.changed.emit()

    def set_places(self, places: tuple[Place, ...]) -> None:
        self.blockSignals(True)
        for row in self._rows:
            row.setParent(None)
            row.deleteLater()
        self._rows.clear()
        for place in places:
            self._add(place)
        self.blockSignals(False)

    def places(self) -> tuple[Place, ...]:
        return tuple(row.place() for row in self._rows if row.value.text().strip())

    def rows(self) -> list[PlaceRow]:
        return list(self._rows)
