"""Clinic › Settings (scheduler, backups), the Help menu, Last problems and problems announced
while the window runs."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from pytestqt.qtbot import QtBot

from clinicstudio.safekeeping.daily import daily_backup
from clinicstudio.ui.care_settings import CareSettingsDialog
from clinicstudio.ui.help_views import GuideWindow, ProblemsWindow, about_text
from clinicstudio.ui.main_window import MainWindow
from clinicstudio.unattended.last_run import record_last_run
from clinicstudio.unattended.logfile import configure_logging
from clinicstudio.unattended.places import log_file
from clinicstudio.unattended.system_scheduler import SystemScheduler


class RecordingSystemd:
    """Plays systemctl: remembers the calls, answers is-active once enabled."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.enabled = False

    def __call__(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(command)
        if "enable" in command:
            self.enabled = True
        if "disable" in command:
            self.enabled = False
        if "is-active" in command:
            answer = "active" if self.enabled else "inactive"
            return subprocess.CompletedProcess(command, 0 if self.enabled else 3, answer, "")
        return subprocess.CompletedProcess(command, 0, "", "")


def _menu_texts(window: MainWindow, title: str) -> list[str]:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return [a.text().replace("&", "") for a in action.menu().actions() if a.text()]
    raise AssertionError(f"no {title} menu")


def test_help_and_clinic_menus_offer_the_care_entries(window: MainWindow) -> None:
    assert _menu_texts(window, "Help") == ["User guide", "Open the log", "Last problems…",
                                           "About ClinicStudio"]
    assert "Settings…" in _menu_texts(window, "Clinic")
    assert "0.1.0" in about_text("clinic.db") and str(log_file()) in about_text("clinic.db")


def test_settings_turn_scheduled_publishing_on_and_off(qtbot: QtBot, window: MainWindow,
                                                       tmp_path: Path) -> None:
    systemd = RecordingSystemd()
    scheduler = SystemScheduler(db=str(tmp_path / "c.db"), platform="linux", runner=systemd)
    dialog = CareSettingsDialog(str(tmp_path / "c.db"), window.workers, lambda p: None,
                                window, scheduler=scheduler)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.schedule_state.text().startswith("Off"), timeout=20_000)
    dialog.turn_on.click()
    qtbot.waitUntil(lambda: dialog.schedule_note.text().startswith("Publishing is now"),
                    timeout=20_000)
    qtbot.waitUntil(lambda: dialog.schedule_state.text().startswith("On:"), timeout=20_000)
    assert ["systemctl", "--user", "enable", "--now", "clinicstudio-publish.timer"] in \
        systemd.calls
    assert all(unit.path.exists() for unit in scheduler.files())
    record_last_run(True, "Nothing was due.", [])
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.schedule_state.text().startswith("On:"), timeout=20_000)
    assert "Nothing was due." in dialog.schedule_state.text()
    dialog.grab().save(str(tmp_path / "settings.png"))
    dialog.turn_off.click()
    qtbot.waitUntil(lambda: "removed" in dialog.schedule_note.text(), timeout=20_000)
    qtbot.waitUntil(lambda: dialog.schedule_state.text().startswith("Off"), timeout=20_000)
    assert not any(unit.path.exists() for unit in scheduler.files())


def test_settings_choose_a_daily_backup_and_back_up_now(qtbot: QtBot, window: MainWindow,
                                                        tmp_path: Path) -> None:
    window.care.open_settings()
    dialog = window.care._dialogs["settings"]
    assert isinstance(dialog, CareSettingsDialog)
    dialog.folder.setText(str(tmp_path / "daily"))
    dialog.keep.setValue(7)
    dialog.save_daily.click()
    choice = daily_backup()
    assert choice is not None and choice.keep == 7 and choice.folder == tmp_path / "daily"
    assert "keeping the last 7" in dialog.backup_state.text()
    dialog.back_up_to(tmp_path / "now.zip")
    qtbot.waitUntil(lambda: dialog.backup_state.text().startswith("Backed up"), timeout=20_000)
    assert (tmp_path / "now.zip").is_file()
    dialog.stop_daily.click()
    assert daily_backup() is None


def test_an_error_while_the_window_runs_is_announced_and_listed(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    configure_logging()  # the log file in this test's own state folder
    try:
        logging.getLogger("clinicstudio.publish_due").error(
            "Post 12 on Instagram: Your Instagram connection expired. Reconnect it.")
        qtbot.waitUntil(lambda: bool(window.care.shown), timeout=5_000)
        assert "Post 12 on Instagram" in window.care.shown[-1]
        assert "Last problems" in window.statusBar().currentMessage()
        problems = ProblemsWindow(window)
        qtbot.addWidget(problems)
        text = problems.listing.toPlainText()
        assert text.startswith("20") and "Post 12 on Instagram" in text
        problems.grab().save(str(tmp_path / "problems.png"))
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_clinicstudio", False):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_the_user_guide_opens_inside_the_window(qtbot: QtBot, window: MainWindow) -> None:
    guide = window.care.open_guide()
    assert isinstance(guide, GuideWindow)
    text = guide.browser.toPlainText()
    assert "ClinicStudio user guide" in text and "Scheduling" in text
