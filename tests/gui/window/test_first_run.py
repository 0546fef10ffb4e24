"""First run: the clinic's details, or the demo clinic so there is something to see."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from clinicstudio.app import Studio
from clinicstudio.store.database import Database
from clinicstudio.ui.first_run import first_run
from clinicstudio.ui.setup_dialog import DEMO, ClinicSetup, SetupDialog
from tests.helpers.gui_window import close_window, make_studio, open_window


@pytest.fixture
def empty_studio(sqlite_db: Database) -> Studio:
    return make_studio(sqlite_db)


def test_the_setup_form_gives_the_clinic_identity(qtbot: QtBot) -> None:
    dialog = SetupDialog(None, offer_demo=True)
    qtbot.addWidget(dialog)
    assert not dialog.save.isEnabled()
    qtbot.keyClicks(dialog.name, "Riverside Dental")
    qtbot.keyClicks(dialog.phones, "(555) 010-3000; (555) 010-3001")
    qtbot.keyClicks(dialog.website, "riversidedental.example")
    dialog.staff.setPlainText("Ana Ruiz\nDr. Lee")
    dialog.zone.setCurrentText("America/Denver")
    assert dialog.save.isEnabled()
    dialog.accept()
    answer = dialog.answer()
    assert answer == ClinicSetup("Riverside Dental", ["(555) 010-3000", "(555) 010-3001"], "",
                                 "riversidedental.example", ["Ana Ruiz", "Dr. Lee"],
                                 "America/Denver")


def test_saving_the_setup_teaches_the_checks_the_clinics_own_details(
        qtbot: QtBot, empty_studio: Studio, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, empty_studio)
    assert empty_studio.needs_setup()
    monkeypatch.setattr(SetupDialog, "ask", classmethod(lambda cls, current, offer_demo, parent: (
        ClinicSetup("Riverside Dental", ["(555) 010-3000"], "4 River Road", "", ["Ana Ruiz"],
                    "America/Denver"))))
    with qtbot.waitSignal(window.broadcasted, timeout=10_000):
        first_run(window)
    assert not empty_studio.needs_setup()
    assert empty_studio.clinic.phones == ("(555) 010-3000",)
    assert empty_studio.current_user() == ("Ana Ruiz", empty_studio.current_user()[1])
    assert "Riverside Dental" in window.clinic_label.text()
    close_window(qtbot, window)


def test_choosing_the_demo_fills_the_window(qtbot: QtBot, empty_studio: Studio,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, empty_studio)
    assert window.post_list.model.rowCount() == 0
    monkeypatch.setattr(SetupDialog, "ask", classmethod(lambda cls, *args, **kw: DEMO))
    with qtbot.waitSignal(window.post_list.loaded, timeout=30_000):
        first_run(window)
    assert window.post_list.model.rowCount() > 10
    assert not empty_studio.needs_setup()
    close_window(qtbot, window)


def test_after_the_demo_the_post_list_shows_clinic_time(
        qtbot: QtBot, empty_studio: Studio, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list exists before the demo clinic's zone is known; it must still use that zone."""
    from clinicstudio.ui.formatting import when_text

    window = open_window(qtbot, empty_studio)
    monkeypatch.setattr(SetupDialog, "ask", classmethod(lambda cls, *args, **kw: DEMO))
    with qtbot.waitSignal(window.post_list.loaded, timeout=30_000):
        first_run(window)
    zone = empty_studio.clinic.time_zone
    assert zone not in ("", "UTC", "Etc/UTC")
    model = window.post_list.model
    row = next(r for r in range(model.rowCount()) if model.item(r).when is not None)
    shown = model.data(model.index(row, 0))
    assert when_text(model.item(row).when, zone) in shown
    assert when_text(model.item(row).when, "UTC") not in shown
    close_window(qtbot, window)
