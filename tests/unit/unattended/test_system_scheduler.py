"""Registering publish-due with the system scheduler: the generated files and the round trip."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clinicstudio.domain import UserError
from clinicstudio.unattended.last_run import record_last_run
from clinicstudio.unattended.system_scheduler import (
    EVERY_MINUTES,
    SystemScheduler,
    launchd_plist,
    publish_command,
    systemd_service,
    systemd_timer,
    task_xml,
)

TASK_NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}

FAKE_SYSTEMCTL = """#!/bin/sh
# Records each call; answers is-active as systemd would once the timer is enabled.
echo "$@" >> "$SYSTEMCTL_CALLS"
case "$*" in
  *disable*) rm -f "$SYSTEMCTL_CALLS.enabled" ;;
  *enable*) touch "$SYSTEMCTL_CALLS.enabled" ;;
  *is-active*)
    if [ -f "$SYSTEMCTL_CALLS.enabled" ]; then echo active; else echo inactive; exit 3; fi ;;
esac
exit 0
"""


def test_the_installed_program_runs_publish_due_on_the_named_database() -> None:
    command = publish_command("/srv/clinic data/clinic.db")
    assert command[:3] == [sys.executable, "-m", "clinicstudio"]
    assert command[3:] == ["--db", "/srv/clinic data/clinic.db", "publish-due"]


def test_a_bundle_runs_its_own_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/ClinicStudio/clinicstudio")
    assert publish_command() == ["/opt/ClinicStudio/clinicstudio", "publish-due"]


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    folder = tmp_path / "systemd" / "user"
    folder.mkdir(parents=True)
    # A path with a space and a per-cent sign: both need systemd's quoting.
    (folder / "clinicstudio-publish.service").write_text(
        systemd_service(publish_command(str(tmp_path / "clinic 100% data.db"))))
    (folder / "clinicstudio-publish.timer").write_text(systemd_timer())
    done = subprocess.run(
        ["systemd-analyze", "verify", "clinicstudio-publish.timer",
         "clinicstudio-publish.service"],
        cwd=folder, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ""


def test_a_bad_unit_is_caught_by_the_same_check(tmp_path: Path) -> None:
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze not installed")
    bad = tmp_path / "clinicstudio-publish.service"
    bad.write_text(systemd_service(["relative/python", "publish-due"]))
    done = subprocess.run(["systemd-analyze", "verify", bad.name], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0


def test_the_timer_runs_every_few_minutes_at_log_in_and_catches_up() -> None:
    timer = systemd_timer()
    assert f"OnCalendar=*:0/{EVERY_MINUTES}" in timer
    assert "OnStartupSec=" in timer and "Persistent=true" in timer
    assert "WantedBy=timers.target" in timer


def test_the_launchd_agent_runs_every_few_minutes_and_at_log_in(tmp_path: Path) -> None:
    agent = plistlib.loads(launchd_plist(["/Applications/ClinicStudio.app/Contents/MacOS/"
                                          "clinicstudio", "publish-due"], tmp_path))
    assert agent["Label"] == "app.clinicstudio.publish-due"
    assert agent["ProgramArguments"][-1] == "publish-due"
    assert agent["StartInterval"] == EVERY_MINUTES * 60
    assert agent["RunAtLoad"] is True
    assert agent["StandardErrorPath"].startswith(str(tmp_path))


def test_the_windows_task_repeats_and_starts_at_log_on() -> None:
    program = r"C:\Program Files\ClinicStudio\clinicstudio-gui.exe"
    xml = task_xml([program, "--db", r"C:\Clinic Data\clinic.db", "publish-due"], "FRONTDESK")
    root = ET.fromstring(xml.encode("utf-16"))
    assert root.find("t:Triggers/t:LogonTrigger/t:UserId", TASK_NS).text == "FRONTDESK"
    interval = root.find("t:Triggers/t:TimeTrigger/t:Repetition/t:Interval", TASK_NS)
    assert interval.text == f"PT{EVERY_MINUTES}M"
    assert root.find("t:Actions/t:Exec/t:Command", TASK_NS).text == program
    arguments = root.find("t:Actions/t:Exec/t:Arguments", TASK_NS).text
    assert arguments == '--db "C:\\Clinic Data\\clinic.db" publish-due'
    assert root.find("t:Settings/t:StartWhenAvailable", TASK_NS).text == "true"


@pytest.fixture
def fake_systemctl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    tool = folder / "systemctl"
    tool.write_text(FAKE_SYSTEMCTL)
    tool.chmod(0o755)
    calls = tmp_path / "systemctl-calls"
    monkeypatch.setenv("SYSTEMCTL_CALLS", str(calls))
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return calls


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clinicstudio", *args], capture_output=True,
                          text=True, timeout=120, check=False)


def test_install_status_remove_round_trip(fake_systemctl: Path, tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    before = _cli("scheduler", "status", "--db", str(db))
    assert before.returncode == 1
    assert "Scheduled publishing is off" in before.stdout

    installed = _cli("scheduler", "install", "--db", str(db))
    assert installed.returncode == 0, installed.stderr
    assert "every 5 minutes and at log-in" in installed.stdout
    assert f"It runs: {sys.executable} -m clinicstudio --db {db} publish-due" in installed.stdout
    units = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user"
    service = (units / "clinicstudio-publish.service").read_text()
    assert f"--db {db} publish-due" in service
    assert (units / "clinicstudio-publish.timer").is_file()
    assert (units / "clinicstudio-publish.service").stat().st_mode & 0o077 == 0
    assert "--user enable --now clinicstudio-publish.timer" in fake_systemctl.read_text()

    record_last_run(False, "1 post(s) handled: 0 sent, 1 failed, 0 waiting to retry.",
                    ["Post 4 on Instagram: Your Instagram connection expired."])
    status = _cli("scheduler", "status", "--db", str(db))
    assert status.returncode == 0, status.stdout
    assert "Scheduled publishing is on" in status.stdout
    assert "had problems" in status.stdout and "Post 4 on Instagram" in status.stdout
    assert "clinicstudio.log" in status.stdout

    removed = _cli("scheduler", "remove")
    assert removed.returncode == 0
    assert not (units / "clinicstudio-publish.service").exists()
    assert "--user disable --now clinicstudio-publish.timer" in fake_systemctl.read_text()
    assert not Path(f"{fake_systemctl}.enabled").exists()
    assert "Scheduled publishing is off" in _cli("scheduler", "status").stdout


def test_a_scheduler_that_cannot_be_reached_is_explained(tmp_path: Path) -> None:
    def refusing(command: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 1, "", "Failed to connect to bus: No medium")

    scheduler = SystemScheduler(db=str(tmp_path / "c.db"), platform="linux", runner=refusing)
    with pytest.raises(UserError, match="could not register them: Failed to connect to bus"):
        scheduler.install()
    # The files stay, so the person can enable them by hand as the message says.
    assert all(unit.path.exists() for unit in scheduler.files())


def test_a_database_password_is_never_written_into_the_timer(fake_systemctl: Path) -> None:
    url = "postgresql://studio:s3cret-Passw0rd@officeserver/clinic"
    refused = _cli("scheduler", "install", "--db", url)
    assert refused.returncode == 2
    assert "s3cret-Passw0rd" not in refused.stderr + refused.stdout
    assert "password file" in refused.stderr and "postgresql://studio@officeserver/clinic" in \
        refused.stderr
    units = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user"
    assert not (units / "clinicstudio-publish.service").exists()
