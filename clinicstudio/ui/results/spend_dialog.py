"""Entering money spent on a campaign (a boosted post, an ad) from the Results window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from clinicstudio.ui.results.charts import NETWORK_LABELS


@dataclass(frozen=True)
class SpendEntry:
    campaign: str
    day: date
    network: str | None
    amount: str


class SpendDialog(QDialog):
    """Campaign, day, network (or all of them) and amount; the amount is checked on save."""

    def __init__(self, campaigns: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add spend")
        form = QFormLayout(self)
        self.campaign = QComboBox()
        self.campaign.addItems(campaigns)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("d MMM yyyy")
        self.network = QComboBox()
        self.network.addItem("Several or none (the campaign as a whole)", None)
        for value, label in NETWORK_LABELS.items():
            self.network.addItem(label, value)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("e.g. 120.50")
        hint = QLabel("Boosted posts and ads. Spend per network gives a cost per conversion "
                      "for each network.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow("Campaign", self.campaign)
        form.addRow("Day", self.day)
        form.addRow("Network", self.network)
        form.addRow("Amount", self.amount)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def entry(self) -> SpendEntry:
        return SpendEntry(self.campaign.currentText(), self.day.date().toPython(),
                          self.network.currentData(), self.amount.text())

    @classmethod
    def ask(cls, campaigns: list[str], parent: QWidget | None = None) -> SpendEntry | None:
        dialog = cls(campaigns, parent)
        return dialog.entry() if dialog.exec() == QDialog.DialogCode.Accepted else None
