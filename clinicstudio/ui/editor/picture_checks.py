"""The picture checks in the editor: a line on each picture's card, and the picture review.

When a post's pictures are shown, each is checked on a worker thread (text read in it, faces,
screens, paperwork); the card says "Checking…" meanwhile and then one line of result with a
"Review picture…" button. The review dialog shows the picture with every area outlined and
numbered, asks who each face is (once: the answer is kept), and blurs or covers the areas the
user ticks; the blurred picture becomes a new version attached in the original's place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImageReader, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Finding, Severity
from clinicstudio.picture_review import PictureCheck, PictureReview
from clinicstudio.ui import theme

if TYPE_CHECKING:
    from clinicstudio.app import PostSnapshot, Studio
    from clinicstudio.ui.editor.media_strip import MediaStrip
    from clinicstudio.ui.workers import Workers

#: Longest side of the picture in the review dialog.
SHOWN = 620
_ROLE_WORDS = (("staff", "Staff"), ("patient", "Patient"), ("model", "Model or visitor"))


class PictureChecks(QObject):
    """Checks the pictures of the post in the editor and shows the results on their cards.

    Signals:
        fixed(): a picture was replaced by a fixed version (the editor reopens the post).
        message(str): a line for the status bar.
    """

    fixed = Signal()
    message = Signal(str)

    def __init__(self, studio: Studio, workers: Workers, strip: MediaStrip,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review = PictureReview(studio.db, lambda: studio.clinic)
        self._studio, self._workers, self._strip = studio, workers, strip
        self._asked = 0
        self._post: PostSnapshot | None = None
        self.results: dict[int, PictureCheck] = {}

    def check(self, post: PostSnapshot) -> None:
        """Check ``post``'s pictures off the GUI thread; older answers are ignored."""
        self._asked += 1
        asked, self._post = self._asked, post
        self.results = {}
        for card in self._strip.cards:
            card.set_check_state("Checking the picture for patient details…", None)
        if post.images:
            self._workers.network(lambda: self.review.check(post),
                                  lambda checks: self._checked(asked, checks), self._failed)

    def _checked(self, asked: int, checks: list[PictureCheck]) -> None:
        if asked != self._asked:
            return
        self.results = {c.image.id: c for c in checks}
        for card in self._strip.cards:
            check = self.results.get(card.info.id)
            if check is not None:
                severity = (Severity.BLOCK if check.blocked else
                            Severity.WARN if check.findings and check.read else None)
                card.set_check_state(check.summary, severity,
                                     lambda c=check: self.open_review(c) if c.read else None)

    def _failed(self, error: Exception) -> None:
        for card in self._strip.cards:
            card.set_check_state("The picture could not be checked: look at it yourself.",
                                 Severity.WARN)
        self.message.emit(str(error))

    def open_review(self, check: PictureCheck) -> PictureDialog:
        dialog = PictureDialog(check, self._strip.window())
        dialog.personNamed.connect(lambda face, role: self._name(check, face, role))
        dialog.fixRequested.connect(lambda boxes, how: self._fix(dialog, check, boxes, how))
        dialog.open()
        return dialog

    def _name(self, check: PictureCheck, face: int, role: str) -> None:
        actor = self._studio.office().default_actor
        self._workers.database(lambda: self.review.name_person(check.image.id, face, role,
                                                               actor),
                               lambda _changes: self._recheck(), self._failed)

    def _fix(self, dialog: PictureDialog, check: PictureCheck, boxes: list, how: str) -> None:
        post = self._post
        if post is None:
            return
        actor = self._studio.office().default_actor
        dialog.setEnabled(False)

        def done(_result: object) -> None:
            dialog.accept()
            self.message.emit("The fixed picture replaces the original in this post; the "
                              "original stays in your image library and is not posted.")
            self.fixed.emit()

        def failed(error: Exception) -> None:
            dialog.setEnabled(True)
            self._failed(error)

        self._workers.database(lambda: self.review.fix(post.id, check.image, boxes, how, actor),
                               done, failed)

    def _recheck(self) -> None:
        if self._post is not None:
            self.check(self._post)


class _Picture(QLabel):
    """The picture, scaled to fit, with each finding's area outlined and numbered."""

    def __init__(self, check: PictureCheck) -> None:
        super().__init__()
        reader = QImageReader(str(check.image.path))
        reader.setAutoTransform(True)
        image = reader.read()
        self._pixmap = QPixmap.fromImage(image)
        self._check = check
        self.chosen: set[int] = set()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName(f"Picture {check.image.name} with the areas found marked")
        self.redraw()

    def redraw(self) -> None:
        if self._pixmap.isNull():
            self.setText("The picture cannot be shown.")
            return
        shown = self._pixmap.scaled(SHOWN, SHOWN, Qt.AspectRatioMode.KeepAspectRatio,
                                    Qt.TransformationMode.SmoothTransformation)
        scale = shown.width() / max(1, self._pixmap.width())
        painter = QPainter(shown)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(painter.font())
        font.setBold(True)
        font.setPointSize(11)
        painter.setFont(font)
        for index, finding in enumerate(self._check.findings):
            if finding.region is None or finding.region.box[2] == 0:
                continue
            x, y, w, h = finding.region.box
            colour = theme.severity_color(finding.severity)
            pen = QPen(colour, 4 if index in self.chosen else 2)
            if index not in self.chosen:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            rect = QRectF(x * scale, y * scale, max(4.0, w * scale), max(4.0, h * scale))
            painter.drawRect(rect)
            tag = QRectF(rect.left(), max(0.0, rect.top() - 20), 22, 20)
            painter.fillRect(tag, colour)
            painter.setPen(QColor("white"))
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, str(index + 1))
        painter.end()
        self.setPixmap(shown)


class PictureDialog(QDialog):
    """Review one picture: what was found where, who the faces are, blur or cover.

    Signals:
        personNamed(int, str): face number (from 0) and "staff", "patient" or "model".
        fixRequested(object, str): the boxes to change and "blur" or "cover".
    """

    personNamed = Signal(int, str)
    fixRequested = Signal(object, str)

    def __init__(self, check: PictureCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Check picture: {check.image.name}")
        self.check = check
        self.picture = _Picture(check)
        self.choices: list[QCheckBox] = []
        rows = QVBoxLayout()
        rows.setSpacing(10)
        intro = QLabel("Marked areas may show a patient. Tick what to hide, then blur or "
                       "cover it. The original stays in your image library and is never "
                       "posted.")
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        rows.addWidget(intro)
        self.role_groups: dict[int, QButtonGroup] = {}
        for index, finding in enumerate(check.findings):
            rows.addWidget(self._finding_row(index, finding))
        if not check.findings:
            rows.addWidget(QLabel("Nothing about patients was found in this picture."))
        rows.addStretch(1)
        holder = QWidget()
        holder.setLayout(rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        scroll.setMinimumWidth(380)
        self.blur = QPushButton("Blur ticked areas")
        self.cover = QPushButton("Cover ticked areas")
        self.blur.setDefault(True)
        self.blur.clicked.connect(lambda: self._fix("blur"))
        self.cover.clicked.connect(lambda: self._fix("cover"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.blur, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cover, QDialogButtonBox.ButtonRole.ActionRole)
        body = QHBoxLayout()
        body.addWidget(self.picture, 3, Qt.AlignmentFlag.AlignTop)
        body.addWidget(scroll, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self._update_buttons()

    def _finding_row(self, index: int, finding: Finding) -> QWidget:
        row = QFrame()
        row.setObjectName("imageCard")
        column = QVBoxLayout(row)
        column.setContentsMargins(8, 6, 8, 6)
        word = {Severity.BLOCK: "Must fix", Severity.WARN: "Check",
                Severity.INFO: "Note"}[finding.severity]
        tick = QCheckBox(f"{index + 1}. {word}")
        tick.setChecked(finding.blocks)
        tick.toggled.connect(lambda _on: self._update_buttons())
        self.choices.append(tick)
        text = QLabel(finding.message)
        text.setWordWrap(True)
        column.addWidget(tick)
        column.addWidget(text)
        face = self._face_index(finding)
        if face is not None:
            column.addLayout(self._role_choice(face))
        return row

    def _face_index(self, finding: Finding) -> int | None:
        if finding.rule != "PHI-006" or finding.region is None:
            return None
        box = finding.region.box
        return self.check.faces.index(box) if box in self.check.faces else None

    def _role_choice(self, face: int) -> QHBoxLayout:
        line = QHBoxLayout()
        line.addWidget(QLabel("Who is this?"))
        group = QButtonGroup(self)
        current = self.check.roles[face] if face < len(self.check.roles) else ""
        for role, label in _ROLE_WORDS:
            button = QRadioButton(label)
            button.setChecked(role == current)
            button.setAccessibleName(f"Face {face + 1} is {label.lower()}")
            group.addButton(button)
            button.toggled.connect(
                lambda on, r=role: self.personNamed.emit(face, r) if on else None)
            line.addWidget(button)
        line.addStretch(1)
        self.role_groups[face] = group
        return line

    def chosen_boxes(self) -> list[tuple[int, int, int, int]]:
        return [f.region.box for tick, f in zip(self.choices, self.check.findings, strict=True)
                if tick.isChecked() and f.region is not None and f.region.box[2] > 0]

    def _update_buttons(self) -> None:
        self.picture.chosen = {i for i, tick in enumerate(self.choices) if tick.isChecked()}
        self.picture.redraw()
        some = bool(self.chosen_boxes())
        self.blur.setEnabled(some)
        self.cover.setEnabled(some)

    def _fix(self, how: str) -> None:
        boxes = self.chosen_boxes()
        if boxes:
            self.fixRequested.emit(boxes, how)


def review_button(on_review: Callable[[], object] | None) -> QPushButton | None:
    """The card's "Review picture…" button, or None when there is nothing to review."""
    if on_review is None:
        return None
    button = QPushButton("Review picture…")
    button.setToolTip("See where in the picture, say who is in it, blur or cover")
    button.clicked.connect(lambda: on_review())
    return button
