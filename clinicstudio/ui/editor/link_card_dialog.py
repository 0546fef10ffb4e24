"""The link card a person fills in for a post: address, title, description and a picture.

Bluesky and LinkedIn show only the card an app supplies, so ClinicStudio sends exactly what is
written here. Nothing is fetched from the page: the words and the picture come from the person.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from clinicstudio.app import ImageInfo

NO_PICTURE = -1
CHOOSE = -2
REMOVE = "remove"


class LinkCardDialog(QDialog):
    """``pictures`` are the images a card may use (the post's own); ``import_picture`` copies a
    chosen file into the library and returns it."""

    def __init__(self, card: Mapping[str, Any] | None, first_link: str,
                 pictures: Sequence[ImageInfo],
                 import_picture: Callable[[Path], ImageInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link card")
        self._import = import_picture
        card = dict(card or {})
        intro = QLabel("Bluesky and LinkedIn show a card under the post with what you write "
                       "here. ClinicStudio does not visit the page; Facebook, X and Mastodon "
                       "build their own card from it.")
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.url = QLineEdit(str(card.get("url") or first_link))
        self.url.setPlaceholderText("https://www.example-clinic.com/flu-shots")
        self.url.setAccessibleName("Link address")
        self.title = QLineEdit(str(card.get("title") or ""))
        self.title.setPlaceholderText("e.g. Flu shots: walk in Monday to Friday")
        self.title.setAccessibleName("Card title")
        self.description = QPlainTextEdit(str(card.get("description") or ""))
        self.description.setFixedHeight(70)
        self.description.setAccessibleName("Card description")
        self.picture = QComboBox()
        self.picture.setAccessibleName("Card picture")
        self.picture.addItem("No picture", NO_PICTURE)
        for image in pictures:
            self.picture.addItem(image.name, image.id)
        self.picture.addItem("Choose a picture…", CHOOSE)
        chosen = self.picture.findData(card.get("thumbnail_media_id", NO_PICTURE))
        self.picture.setCurrentIndex(max(chosen, 0))
        self.picture.activated.connect(self._picked)
        form = QFormLayout()
        form.addRow("Address", self.url)
        form.addRow("Title", self.title)
        form.addRow("Description", self.description)
        form.addRow("Picture", self.picture)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save.setText("Use this card")
        self.save.setObjectName("primary")
        self.remove = buttons.addButton("Remove the card", QDialogButtonBox.ButtonRole.ResetRole)
        self.remove.setVisible(bool(card.get("url")))
        self.remove.clicked.connect(self._remove)
        self.removed = False
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.url.textChanged.connect(self._check)
        self.title.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._check()

    def _check(self) -> None:
        url = self.url.text().strip()
        self.save.setEnabled(url.startswith(("http://", "https://")) and bool(
            self.title.text().strip()))

    def _picked(self, index: int) -> None:
        if self.picture.itemData(index) != CHOOSE:
            return
        name, _ = QFileDialog.getOpenFileName(self, "Choose the card's picture", "",
                                              "Images (*.jpg *.jpeg *.png *.gif *.webp)")
        if not name:
            self.picture.setCurrentIndex(0)
            return
        image = self._import(Path(name))
        self.picture.insertItem(self.picture.count() - 1, image.name, image.id)
        self.picture.setCurrentIndex(self.picture.count() - 2)

    def _remove(self) -> None:
        self.removed = True
        self.accept()

    def card(self) -> dict[str, Any]:
        """What to keep: the card, or an empty mapping when it was removed."""
        if self.removed:
            return {}
        card: dict[str, Any] = {"url": self.url.text().strip(),
                                "title": self.title.text().strip(),
                                "description": self.description.toPlainText().strip()}
        picture = self.picture.currentData()
        if isinstance(picture, int) and picture >= 0:
            card["thumbnail_media_id"] = picture
        return card
