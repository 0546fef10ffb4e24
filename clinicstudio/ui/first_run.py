"""First run and the clinic profile: ask for the clinic's details or load the demo clinic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinicstudio.domain import Changes
from clinicstudio.ui.setup_dialog import DEMO, ClinicSetup, SetupDialog

if TYPE_CHECKING:
    from clinicstudio.ui.main_window import MainWindow

EVERYTHING = Changes(posts=frozenset(), clinic=True, segments=True, campaigns=True,
                     accounts=True, media=True, outbox=True)


def first_run(window: MainWindow) -> None:
    """Shown when the database has no clinic yet. Cancelling explores the demo clinic, so a new
    user always has something to look at."""
    answer = SetupDialog.ask(None, offer_demo=True, parent=window)
    if isinstance(answer, ClinicSetup):
        _save(window, answer)
    else:
        load_demo(window)


def edit_clinic_profile(window: MainWindow) -> None:
    answer = SetupDialog.ask(window.studio.clinic, offer_demo=False, parent=window)
    if isinstance(answer, ClinicSetup):
        _save(window, answer)


def load_demo(window: MainWindow) -> None:
    studio = window.studio
    window.save_state.setText("Loading the demo clinic…")
    window.workers.database(
        studio.load_demo, lambda _loaded: _loaded_demo(window),
        lambda exc: window.save_state.setText(str(exc)))


def _loaded_demo(window: MainWindow) -> None:
    window.save_state.setText("The demo clinic is loaded. Set up your own under Clinic › "
                              "Clinic profile when you are ready.")
    window.broadcast(EVERYTHING)


def _save(window: MainWindow, setup: ClinicSetup) -> None:
    studio = window.studio
    window.workers.database(
        lambda: studio.save_setup(name=setup.name, phones=setup.phones, address=setup.address,
                                  website=setup.website, staff=setup.staff,
                                  time_zone=setup.time_zone),
        window.broadcast, lambda exc: window.save_state.setText(str(exc)))


__all__ = ["DEMO", "edit_clinic_profile", "first_run", "load_demo"]
