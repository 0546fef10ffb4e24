"""Desktop notifications from a program that may have no window (a scheduled ``publish-due``).

Linux: ``notify-send``, else ``gdbus`` calling org.freedesktop.Notifications, when a session
bus is there; macOS: ``osascript``; Windows: a PowerShell balloon from the notification area.
No desktop session (a server, a test run without D-Bus): nothing is shown and the caller
relies on the log file. The window shows its own messages through its tray icon.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys

log = logging.getLogger(__name__)
TIMEOUT = 10  # seconds; a hung notification service must not hold up publishing


def desktop_session() -> bool:
    """Whether a person's desktop is there to show a notification."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))


def notification_command(title: str, body: str, platform: str = sys.platform) -> list[str] | None:
    """The command that shows ``title``/``body`` on this desktop, or None if none is available."""
    if platform == "darwin":
        script = f"display notification {_applescript(body)} with title {_applescript(title)}"
        return ["osascript", "-e", script]
    if platform == "win32":
        return ["powershell", "-NoProfile", "-WindowStyle", "Hidden", "-Command",
                _powershell_balloon(title, body)]
    if shutil.which("notify-send"):
        return ["notify-send", "--app-name=ClinicStudio", "--icon=clinicstudio", title, body]
    if shutil.which("gdbus"):
        return ["gdbus", "call", "--session", "--dest", "org.freedesktop.Notifications",
                "--object-path", "/org/freedesktop/Notifications",
                "--method", "org.freedesktop.Notifications.Notify",
                "ClinicStudio", "0", "clinicstudio", title, body, "[]", "{}", "-1"]
    return None


def notify(title: str, body: str) -> bool:
    """Show a desktop notification; True when the desktop accepted it. Never raises."""
    if not desktop_session():
        log.info("no desktop session; not shown: %s: %s", title, body)
        return False
    command = notification_command(title, body)
    if command is None:
        log.info("no notification tool on this computer; not shown: %s: %s", title, body)
        return False
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("could not show a desktop notification: %s", exc)
        return False
    if done.returncode != 0:
        log.warning("could not show a desktop notification: %s",
                    done.stderr.decode(errors="replace").strip())
    return done.returncode == 0


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _powershell_balloon(title: str, body: str) -> str:
    def quoted(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    return (
        "Add-Type -AssemblyName System.Windows.Forms; Add-Type -AssemblyName System.Drawing; "
        "$n = New-Object System.Windows.Forms.NotifyIcon; "
        "$n.Icon = [System.Drawing.SystemIcons]::Warning; $n.Visible = $true; "
        f"$n.ShowBalloonTip(10000, {quoted(title)}, {quoted(body)}, 'Warning'); "
        "Start-Sleep -Seconds 10; $n.Dispose()"
    )
