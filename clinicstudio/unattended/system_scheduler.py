"""Registering ``publish-due`` with the operating system's own scheduler.

Linux: a systemd user timer (``~/.config/systemd/user/clinicstudio-publish.{service,timer}``);
macOS: a launchd agent (``~/Library/LaunchAgents/app.clinicstudio.publish-due.plist``);
Windows: a Task Scheduler task (``ClinicStudio publish-due``) created from an XML definition.
Each runs the installed program every few minutes and at log-in, and survives reboots.

The files are generated here as text (tested on every platform); :class:`SystemScheduler`
installs, checks and removes them with the platform's own tool (systemctl, launchctl,
schtasks), through a ``runner`` that tests may replace with a recording one.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from clinicstudio.domain import UserError
from clinicstudio.unattended.places import log_folder

EVERY_MINUTES = 5
UNIT = "clinicstudio-publish"
LAUNCHD_LABEL = "app.clinicstudio.publish-due"
TASK_NAME = "ClinicStudio publish-due"


def publish_command(db: str | None = None) -> list[str]:
    """The installed program's ``publish-due``, as the scheduler must run it.

    A bundle runs its own executable (the window-less one on Windows, so nothing flashes on
    screen); an installed package runs its Python with ``-m clinicstudio``, which works
    whether or not the scripts folder is on PATH. ``db`` pins the database the window uses.
    """
    if getattr(sys, "frozen", False):
        program = Path(sys.executable)
        if sys.platform == "win32":
            windowless = program.with_name("clinicstudio-gui.exe")
            program = windowless if windowless.exists() else program
        command = [str(program)]
    else:
        python = Path(sys.executable)
        if sys.platform == "win32":
            windowless = python.with_name("pythonw.exe")
            python = windowless if windowless.exists() else python
        command = [str(python), "-m", "clinicstudio"]
    if db:
        command += ["--db", db]
    return [*command, "publish-due"]


# --- Linux: systemd user units -------------------------------------------------------------

def _systemd_quote(argument: str) -> str:
    # systemd's ExecStart splits on spaces and reads "..." quotes and \ escapes; % starts a
    # specifier and must be doubled.
    escaped = argument.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped}"' if any(c in escaped for c in " \t'\"") else escaped


def systemd_service(command: Sequence[str]) -> str:
    return (
        "[Unit]\n"
        "Description=ClinicStudio: publish the posts whose time has come\n"
        "Documentation=man:systemd.timer(5)\n"
        "After=network-online.target\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={' '.join(_systemd_quote(part) for part in command)}\n"
        # A run that hangs on a dead network must not block the next one for ever.
        "TimeoutStartSec=15min\n"
    )


def systemd_timer() -> str:
    return (
        "[Unit]\n"
        f"Description=ClinicStudio: publish due posts every {EVERY_MINUTES} minutes\n\n"
        "[Timer]\n"
        # At log-in (the user's systemd starts with the session), then every few minutes;
        # Persistent catches up a run missed while the computer was off.
        "OnStartupSec=1min\n"
        f"OnCalendar=*:0/{EVERY_MINUTES}\n"
        "Persistent=true\n"
        "AccuracySec=30s\n"
        f"Unit={UNIT}.service\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def systemd_folder() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


# --- macOS: launchd agent ------------------------------------------------------------------

def launchd_plist(command: Sequence[str], logs: Path) -> bytes:
    return plistlib.dumps({
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": list(command),
        "StartInterval": EVERY_MINUTES * 60,
        "RunAtLoad": True,  # at log-in, when launchd loads the agent
        "ProcessType": "Background",
        "StandardOutPath": str(logs / "publish-due.out.log"),
        "StandardErrorPath": str(logs / "publish-due.out.log"),
    })


def launchd_folder() -> Path:
    return Path.home() / "Library" / "LaunchAgents"


# --- Windows: Task Scheduler ---------------------------------------------------------------

def task_xml(command: Sequence[str], user: str = "") -> str:
    program, *arguments = command
    args = subprocess.list2cmdline(arguments)
    user_id = f"<UserId>{escape(user)}</UserId>" if user else ""
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>ClinicStudio: publish the posts whose time has come.</Description>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>{user_id}
      <Delay>PT1M</Delay>
    </LogonTrigger>
    <TimeTrigger>
      <Enabled>true</Enabled>
      <StartBoundary>2024-01-01T00:00:00</StartBoundary>
      <Repetition>
        <Interval>PT{EVERY_MINUTES}M</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <ExecutionTimeLimit>PT15M</ExecutionTimeLimit>
    <Hidden>true</Hidden>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(program)}</Command>
      <Arguments>{escape(args)}</Arguments>
    </Exec>
  </Actions>
</Task>
"""


def task_folder() -> Path:
    return log_folder().parent / "scheduler"


# --- Installing, checking, removing --------------------------------------------------------

Runner = Callable[[list[str]], subprocess.CompletedProcess[str]]


def run_tool(command: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except FileNotFoundError:
        return subprocess.CompletedProcess(command, 127, "", f"{command[0]} is not installed")
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, 124, "", f"{command[0]} did not answer")


@dataclass(frozen=True, slots=True)
class Status:
    installed: bool  # the files are in place
    active: bool | None  # the system scheduler has it enabled (None: could not ask)
    where: list[Path]
    detail: str  # one plain line from the system's tool


@dataclass(frozen=True, slots=True)
class UnitFile:
    path: Path
    content: bytes


class SystemScheduler:
    """``publish-due`` with the scheduler of ``platform`` (``sys.platform`` by default)."""

    def __init__(self, db: str | None = None, platform: str = sys.platform,
                 runner: Runner = run_tool) -> None:
        self.platform = platform
        self.command = publish_command(db)
        self.run = runner

    @property
    def name(self) -> str:
        return {"darwin": "a launchd agent", "win32": "a Task Scheduler task"}.get(
            self.platform, "a systemd user timer")

    def files(self) -> list[UnitFile]:
        if self.platform == "darwin":
            plist = launchd_plist(self.command, log_folder())
            return [UnitFile(launchd_folder() / f"{LAUNCHD_LABEL}.plist", plist)]
        if self.platform == "win32":
            user = os.environ.get("USERNAME", "")
            xml = task_xml(self.command, user).encode("utf-16")
            return [UnitFile(task_folder() / "publish-due.xml", xml)]
        folder = systemd_folder()
        return [UnitFile(folder / f"{UNIT}.service", systemd_service(self.command).encode()),
                UnitFile(folder / f"{UNIT}.timer", systemd_timer().encode())]

    def install(self) -> str:
        """Write the files and register them; the sentence to show. Raises UserError."""
        for unit in self.files():
            unit.path.parent.mkdir(parents=True, exist_ok=True)
            unit.path.write_bytes(unit.content)
            # Readable by this user only: a shared database's URL may carry its password.
            unit.path.chmod(0o600)
        if self.platform == "darwin":
            # Installing again replaces an agent loaded from an older file (gone is fine).
            self.run(self._remove_steps()[0])
        for step in self._install_steps():
            self._must(step, "register")
        return (f"Publishing is now scheduled every {EVERY_MINUTES} minutes and at log-in "
                f"({self.name}).")

    def remove(self) -> str:
        for step in self._remove_steps():
            self.run(step)  # already gone is fine
        removed = []
        for unit in self.files():
            if unit.path.exists():
                unit.path.unlink()
                removed.append(unit.path)
        if self.platform not in ("darwin", "win32"):
            self.run(["systemctl", "--user", "daemon-reload"])
        if not removed:
            return "Publishing was not scheduled on this computer; nothing to remove."
        return "Scheduled publishing is removed from this computer."

    def status(self) -> Status:
        files = self.files()
        installed = all(unit.path.exists() for unit in files)
        where = [unit.path for unit in files]
        if self.platform == "darwin":
            done = self.run(["launchctl", "print", f"gui/{os.getuid()}/{LAUNCHD_LABEL}"])
            active = None if done.returncode == 127 else done.returncode == 0
            detail = "launchd has it loaded" if active else "launchd does not have it loaded"
        elif self.platform == "win32":
            done = self.run(["schtasks", "/Query", "/TN", TASK_NAME, "/FO", "LIST"])
            active = None if done.returncode == 127 else done.returncode == 0
            detail = done.stdout.strip().splitlines()[-1] if active and done.stdout.strip() \
                else "Task Scheduler has no such task"
        else:
            done = self.run(["systemctl", "--user", "is-active", f"{UNIT}.timer"])
            answer = (done.stdout or "").strip()
            active = answer == "active" if answer else None
            detail = (f"the timer is {answer}" if answer
                      else f"systemd could not be asked ({(done.stderr or '').strip()})")
        return Status(installed, active, where, detail)

    def _install_steps(self) -> list[list[str]]:
        if self.platform == "darwin":
            return [["launchctl", "bootstrap", f"gui/{os.getuid()}", str(self.files()[0].path)]]
        if self.platform == "win32":
            xml = str(self.files()[0].path)
            return [["schtasks", "/Create", "/F", "/TN", TASK_NAME, "/XML", xml]]
        return [["systemctl", "--user", "daemon-reload"],
                ["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"]]

    def _remove_steps(self) -> list[list[str]]:
        if self.platform == "darwin":
            return [["launchctl", "bootout", f"gui/{os.getuid()}/{LAUNCHD_LABEL}"]]
        if self.platform == "win32":
            return [["schtasks", "/Delete", "/F", "/TN", TASK_NAME]]
        return [["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"]]

    def _must(self, command: list[str], doing: str) -> None:
        done = self.run(command)
        if done.returncode != 0:
            reason = (done.stderr or done.stdout or "").strip().splitlines()
            raise UserError(
                f"The files are written ({', '.join(str(u.path) for u in self.files())}) but "
                f"the system could not {doing} them: {reason[-1] if reason else 'no answer'}. "
                f"Run `{shlex.join(command)}` yourself once you are logged in to the desktop, "
                "or try again.")
