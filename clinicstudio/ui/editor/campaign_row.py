"""The post's campaign and its links' campaign tags, under the networks in the editor.

Signals:
    campaignChanged(object): the campaign id picked (None for no campaign).
    linkTagsRequested(): the user wants to choose which links carry campaign tags.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

NO_CAMPAIGN = "No campaign"


class CampaignRow(QWidget):
    campaignChanged = Signal(object)
    linkTagsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel("Campaign")
        label.setObjectName("sectionTitle")
        self.campaign = QComboBox()
        self.campaign.setAccessibleName("Campaign")
        self.campaign.setToolTip("Results and spend are added up per campaign; the campaign "
                                 "also names the tags on the post's links.")
        self.campaign.addItem(NO_CAMPAIGN, None)
        self.campaign.setMinimumContentsLength(18)
        self.link_tags = QPushButton("Link tags…")
        self.link_tags.setToolTip("Choose which links carry campaign tags, so your website's "
                                  "analytics can tell which post brought a visitor.")
        self.link_tags.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.campaign, 1)
        row.addWidget(self.link_tags)
        row.addStretch(1)
        self._wanted: int | None = None
        self.campaign.activated.connect(self._picked)
        self.link_tags.clicked.connect(self.linkTagsRequested)

    def _picked(self, _index: int) -> None:
        self._wanted = self.campaign.currentData()
        self.campaignChanged.emit(self._wanted)

    def set_campaigns(self, campaigns: Sequence[tuple[int, str]]) -> None:
        """The clinic's campaigns, by name; the post's choice is kept."""
        self.campaign.blockSignals(True)
        self.campaign.clear()
        self.campaign.addItem(NO_CAMPAIGN, None)
        for campaign_id, name in campaigns:
            self.campaign.addItem(name, campaign_id)
        self.campaign.blockSignals(False)
        self.set_campaign_id(self._wanted)

    def set_campaign_id(self, campaign_id: int | None) -> None:
        self._wanted = campaign_id
        self.campaign.blockSignals(True)
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(campaign_id)))
        self.campaign.blockSignals(False)

    def campaign_id(self) -> int | None:
        """The campaign picked (kept even before the list of campaigns has arrived)."""
        return self._wanted

    def set_links(self, count: int, untagged: int, editable: bool) -> None:
        """Say how many links the post has and how many go out without tags."""
        self.link_tags.setEnabled(editable and count > 0)
        if count == 0:
            self.link_tags.setText("Link tags…")
        elif untagged:
            self.link_tags.setText(f"Link tags… ({untagged} of {count} without tags)")
        else:
            self.link_tags.setText("Link tags…")
