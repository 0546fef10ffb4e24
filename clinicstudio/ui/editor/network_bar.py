"""Which networks a post goes to, each with its live character counter ("X 231/280").

Signals:
    networksChanged(): the user ticked or unticked a network.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from clinicstudio.domain import Platform


class NetworkBar(QWidget):
    networksChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(14)
        layout.setVerticalSpacing(4)
        title = QLabel("Post to")
        title.setObjectName("sectionTitle")
        layout.addWidget(title, 0, 0)
        self.boxes: dict[Platform, QCheckBox] = {}
        for index, network in enumerate(Platform):
            box = QCheckBox(network.label)
            box.setObjectName("counter")
            box.setAccessibleName(f"Post to {network.label}")
            box.toggled.connect(lambda _on: self.networksChanged.emit())
            self.boxes[network] = box
            # Two rows of three keep the editor usable in a narrow window or at 200 %.
            layout.addWidget(box, index // 3, 1 + index % 3)
        layout.setColumnStretch(4, 1)

    def set_networks(self, enabled: Iterable[Platform]) -> None:
        wanted = set(enabled)
        for network, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(network in wanted)
            box.blockSignals(False)

    def networks(self) -> tuple[Platform, ...]:
        return tuple(n for n, box in self.boxes.items() if box.isChecked())

    def set_counters(self, counts: Mapping[Platform, tuple[int, int]]) -> None:
        for network, (used, limit) in counts.items():
            box = self.boxes[network]
            text = f"{network.label} {used:,}/{limit:,}"
            if box.text() != text:
                box.setText(text)
                over = used > limit
                if box.property("over") != over:
                    box.setProperty("over", over)
                    box.style().unpolish(box)
                    box.style().polish(box)
                box.setToolTip(f"{network.label}: {used} of {limit} characters"
                               + (" — too long, shorten it or write a separate version"
                                  if over else ""))

    def counter_text(self, network: Platform) -> str:
        return self.boxes[network].text()
