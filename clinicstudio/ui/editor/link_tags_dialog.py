"""Which of a post's links carry campaign tags (UTM) when it goes out.

Each link shows the address a reader will open with its tags, so the person sees exactly what
the tags add; unticking a link sends it as written (a partner's page that rejects unknown
parameters, a link shortener that already counts clicks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


class LinkTagsDialog(QDialog):
    """``links`` pairs each link with its tagged address; ``untagged`` are the links sent as
    written today; ``campaign`` is the post's campaign name ("" for none)."""

    def __init__(self, links: Sequence[tuple[str, str]], untagged: Iterable[str],
                 campaign: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link tags")
        off = set(untagged)
        source = f"the campaign “{campaign}”" if campaign else "this post"
        intro = QLabel(f"Each link gets tags naming the network and {source}, so your "
                       "website's analytics can tell which post brought a visitor. Untick a "
                       "link to send it exactly as written.")
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.boxes: dict[str, QCheckBox] = {}
        self.addresses: dict[str, QLabel] = {}
        listing = QWidget()
        column = QVBoxLayout(listing)
        column.setSpacing(4)
        for url, tagged in links:
            box = QCheckBox(url)
            box.setChecked(url not in off)
            box.setAccessibleName(f"Add campaign tags to {url}")
            shown = QLabel()
            shown.setObjectName("hint")
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

            def show(ticked: bool, label: QLabel = shown, url: str = url,
                     tagged: str = tagged) -> None:
                label.setText(f"Goes out as: {tagged if ticked else url}")

            box.toggled.connect(show)
            show(box.isChecked())
            column.addWidget(box)
            column.addWidget(shown)
            column.addSpacing(6)
            self.boxes[url], self.addresses[url] = box, shown
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(listing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        keep = buttons.button(QDialogButtonBox.StandardButton.Ok)
        keep.setText("Use these tags")
        keep.setObjectName("primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def untagged(self) -> tuple[str, ...]:
        """The links to send as written."""
        return tuple(url for url, box in self.boxes.items() if not box.isChecked())
