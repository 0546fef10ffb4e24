"""The calendar's filters: network, campaign, audience segment and state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from clinicstudio.planning.queries import CalendarFilter
from clinicstudio.planning.service import FilterChoices


class FilterBar(QWidget):
    """Signals:
        filterChanged(object): the :class:`CalendarFilter` the person just chose.
    """

    filterChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(QLabel("Show:", self))
        self.network = self._combo("All networks", "Only posts going to this network")
        self.campaign = self._combo("All campaigns", "Only posts of this campaign")
        self.segment = self._combo("All audiences", "Only posts for this audience segment")
        self.status = self._combo("All states", "Only posts in this state")
        for combo in (self.network, self.campaign, self.segment, self.status):
            layout.addWidget(combo)

    def _combo(self, everything: str, tip: str) -> QComboBox:
        combo = QComboBox(self)
        # Long campaign names must not widen the pane; the open list shows them in full.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.addItem(everything, None)
        combo.setToolTip(tip)
        combo.setAccessibleName(tip)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def set_choices(self, choices: FilterChoices) -> None:
        """Fill the lists, keeping what was chosen when it still exists."""
        for combo, pairs in ((self.network, choices.networks), (self.campaign, choices.campaigns),
                             (self.segment, choices.segments), (self.status, choices.statuses)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, label in pairs:
                combo.addItem(label, value)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self.filterChanged.emit(self.current())

    def select(self, combo: QComboBox, value: Any) -> None:
        """Choose ``value`` in ``combo`` (None for "all"), as a person would."""
        combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)

    def current(self) -> CalendarFilter:
        network, status = self.network.currentData(), self.status.currentData()
        return CalendarFilter(
            networks=frozenset({network}) if network else frozenset(),
            statuses=frozenset({status}) if status else frozenset(),
            campaign_id=self.campaign.currentData(),
            segment_id=self.segment.currentData(),
        )

    def _changed(self, _index: int) -> None:
        self.filterChanged.emit(self.current())
