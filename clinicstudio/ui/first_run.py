"""First run and the clinic profile: ask for the clinic's details, or open the demo clinic in a
window of its own (it never goes into the clinic's database)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clinicstudio.domain import Changes
from clinicstudio.ui.setup_dialog import DEMO, ClinicSetup, SetupDialog

if TYPE_CHECKING:
    from clinicstudio.ui.main_window import MainWindow

EVERYTHING = Changes(posts=frozenset(), clinic=True, segments=True, campaigns=True,
                     accounts=True, media=True, outbox=True)


def first_run(window: MainWindow) -> None:
    """Shown when the database has no clinic yet. "Explore the demo clinic" opens the demo in its
    own window and database; closing the dialog leaves the clinic's database as it was."""
    from clinicstudio.ui.demo_window import open_demo

    answer = SetupDialog.ask(None, offer_demo=True, parent=window)
    if isinstance(answer, ClinicSetup):
        _save(window, answer)
    elif answer == DEMO:
        open_demo(window)
    else:
        window.save_state.setText("Set up your clinic under Clinic › Clinic profile whenever "
                                  "you are ready.")


def edit_clinic_profile(window: MainWindow) -> None:
    answer = SetupDialog.ask(window.studio.clinic, offer_demo=False, parent=window)
    if isinstance(answer, ClinicSetup):
        _save(window, answer)


def _save(window: MainWindow, setup: ClinicSetup) -> None:
    studio = window.studio
    window.workers.database(
        lambda: studio.save_setup(name=setup.name, phones=setup.phones, address=setup.address,
                                  website=setup.website, staff=setup.staff,
                                  time_zone=setup.time_zone),
        window.broadcast, lambda exc: window.save_state.setText(str(exc)))


__all__ = ["DEMO", "edit_clinic_profile", "first_run"]
