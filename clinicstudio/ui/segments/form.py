"""The segment form: what a person sets, checked as they type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.audience.findings import Remedy, SegmentFinding
from clinicstudio.audience.segment import LANGUAGE_NAMES, SegmentSpec
from clinicstudio.domain import Platform, UserError
from clinicstudio.ui.segments.findings_view import FindingsView
from clinicstudio.ui.segments.places_editor import PlacesEditor

Validator = Callable[[SegmentSpec], list[SegmentFinding]]
# Long enough that typing a word checks once, short enough to feel immediate.
CHECK_DELAY_MS = 250


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


class SegmentForm(QWidget):
    """Edits one :class:`SegmentSpec`; ``validate`` is called after each pause in typing.

    Signals:
        specEdited(object): the spec as it now stands (after each check).
        saveRequested(object): the spec to save (only offered when nothing blocks).
    """

    specEdited = Signal(object)
    saveRequested = Signal(object)

    def __init__(self, validate: Validator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._validate = validate
        self._loading = False
        self.dirty = False
        self.findings: list[SegmentFinding] = []
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)

        self.title = QLabel("New segment", objectName="sectionTitle")
        self.name = QLineEdit(placeholderText="e.g. Parents of young children in Springfield",
                              accessibleName="Segment name")
        self.description = QLineEdit(placeholderText="A note for colleagues (optional)",
                                     accessibleName="Description")
        self.places = PlacesEditor(self)
        self.age_min = QSpinBox(maximum=120, accessibleName="Youngest age")
        self.age_min.setSpecialValueText("any age")
        self.age_max = QSpinBox(maximum=120, accessibleName="Oldest age")
        self.age_max.setSpecialValueText("no limit")
        ages = QHBoxLayout()
        ages.addWidget(QLabel("from"))
        ages.addWidget(self.age_min)
        ages.addWidget(QLabel("to"))
        ages.addWidget(self.age_max)
        ages.addStretch(1)
        self.languages = QLineEdit(placeholderText="e.g. English, Spanish (empty: any language)",
                                   accessibleName="Languages")
        self.topics = QLineEdit(placeholderText="e.g. school physicals, healthy eating",
                                accessibleName="Topics")
        self.networks: dict[str, QCheckBox] = {}
        # Three to a row: six in one line made the form too wide for the docked pane.
        network_row = QGridLayout()
        for index, platform in enumerate(Platform):
            box = QCheckBox(platform.label, checked=True)
            self.networks[platform.value] = box
            network_row.addWidget(box, index // 3, index % 3)
        network_row.setColumnStretch(3, 1)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Name", self.name)
        form.addRow("Description", self.description)
        form.addRow("Places", self.places)
        form.addRow("Ages", ages)
        form.addRow("Languages", self.languages)
        form.addRow("Topics", self.topics)
        form.addRow("Networks", network_row)

        self.findings_view = FindingsView(self)
        self.findings_view.remedyChosen.connect(self.apply_remedy)
        self.error = QLabel("", wordWrap=True, objectName="blockReason", visible=False)
        self.save_button = QPushButton("Save segment", objectName="primary", enabled=False)
        self.revert_button = QPushButton("Undo changes", enabled=False)
        self.save_button.clicked.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        self.blocked_hint = QLabel("Fix what is marked “Cannot be saved” to save.",
                                   objectName="hint", visible=False, wordWrap=True)
        buttons.addWidget(self.blocked_hint, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(QLabel("Checks", objectName="sectionTitle"))
        layout.addWidget(self.findings_view)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

        for edit in (self.name, self.description, self.languages, self.topics):
            edit.textChanged.connect(self._edited)
        for spin in (self.age_min, self.age_max):
            spin.valueChanged.connect(self._edited)
        for box in self.networks.values():
            box.toggled.connect(self._edited)
        self.places.changed.connect(self._edited)

    # Reading and writing the fields ---------------------------------------------------------
    def spec(self) -> SegmentSpec:
        chosen = tuple(name for name, box in self.networks.items() if box.isChecked())
        return SegmentSpec(
            name=self.name.text(), description=self.description.text(),
            places=self.places.places(),
            age_min=self.age_min.value() or None, age_max=self.age_max.value() or None,
            languages=_split(self.languages.text()), topics=_split(self.topics.text()),
            # All networks ticked is stored as "every network", so new networks are included.
            networks=() if len(chosen) == len(self.networks) else chosen,
        )

    def set_spec(self, spec: SegmentSpec, *, title: str | None = None, dirty: bool = False) -> None:
        self._loading = True
        try:
            self.name.setText(spec.name)
            self.description.setText(spec.description)
            self.places.set_places(spec.places)
            self.age_min.setValue(spec.age_min or 0)
            self.age_max.setValue(spec.age_max or 0)
            self.languages.setText(", ".join(LANGUAGE_NAMES.get(c, c) for c in spec.languages))
            self.topics.setText(", ".join(spec.topics))
            for name, box in self.networks.items():
                box.setChecked(not spec.networks or name in spec.networks)
        finally:
            self._loading = False
        if title is not None:
            self.title.setText(title)
        self.dirty = dirty
        self.revert_button.setEnabled(dirty)
        self.show_error("")
        self.check_now()

    # Checking ---------------------------------------------------------------------------------
    def _edited(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self.revert_button.setEnabled(True)
        # Saving waits for the check of what is now on screen.
        self.save_button.setEnabled(False)
        self._timer.start()

    def check_now(self) -> None:
        """Check the form at once (also what the typing pause triggers)."""
        self._timer.stop()
        spec = self.spec()
        try:
            self.findings = self._validate(spec)
        except UserError as exc:
            self.findings = []
            self.show_error(str(exc))
        self.findings_view.show_findings(self.findings)
        blocked = any(f.blocks for f in self.findings)
        self.save_button.setEnabled(self.dirty and not blocked)
        self.blocked_hint.setVisible(blocked)
        self.specEdited.emit(spec)

    def apply_remedy(self, remedy: Remedy) -> None:
        self.set_spec(remedy.apply(self.spec()), dirty=True)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _save(self) -> None:
        self.check_now()
        if self.save_button.isEnabled():
            self.saveRequested.emit(self.spec())

    def stop(self) -> None:
        self._timer.stop()
