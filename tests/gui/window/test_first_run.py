"""First run: the clinic's details, or the demo clinic so there is something to see."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clinicstudio.app import Studio
from clinicstudio.store.database import Database
from clinicstudio.ui.first_run import first_run
from clinicstudio.ui.setup_dialog import DEMO, ClinicSetup, SetupDialog
from tests.helpers.gui_window import close_window, make_studio, open_window

SHOTS = Path("/tmp/clinicstudio-shots")  # screenshots for a person to look at, when it exists


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


def test_the_demo_opens_apart_marked_demo_with_a_way_back(
        qtbot: QtBot, empty_studio: Studio, monkeypatch: pytest.MonkeyPatch) -> None:
    from clinicstudio.ui.formatting import when_text

    window = open_window(qtbot, empty_studio)
    monkeypatch.setattr(SetupDialog, "ask", classmethod(lambda cls, *args, **kw: DEMO))
    first_run(window)
    demo = window.demo_window
    qtbot.waitUntil(lambda: hasattr(demo, "post_list") and demo.post_list.model.rowCount() > 10,
                    timeout=60_000)
    assert "DEMO" in demo.windowTitle()
    assert demo.demo_banner.isVisible() and not window.isVisible()
    assert demo.studio.db.url != empty_studio.db.url
    assert empty_studio.list_posts() == [] and empty_studio.needs_setup()
    # The demo's list shows the demo clinic's time, not UTC.
    zone = demo.studio.clinic.time_zone
    assert zone not in ("", "UTC", "Etc/UTC")
    model = demo.post_list.model
    row = next(r for r in range(model.rowCount()) if model.item(r).when is not None)
    assert when_text(model.item(row).when, zone) in model.data(model.index(row, 0))
    demo.grab().save(str(SHOTS / "demo-window.png")) if SHOTS.is_dir() else None

    gone: list[bool] = []
    demo.destroyed.connect(lambda *_: gone.append(True))
    demo.demo_banner.back.click()
    qtbot.waitUntil(lambda: bool(gone), timeout=10_000)
    assert window.isVisible()
    close_window(qtbot, window)


def test_closing_the_welcome_dialog_loads_nothing(
        qtbot: QtBot, empty_studio: Studio, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, empty_studio)
    monkeypatch.setattr(SetupDialog, "ask", classmethod(lambda cls, *args, **kw: None))
    first_run(window)
    assert not hasattr(window, "demo_window")
    assert empty_studio.list_posts() == [] and empty_studio.needs_setup()
    assert "Clinic profile" in window.save_state.text()
    close_window(qtbot, window)
