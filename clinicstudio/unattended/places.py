"""This computer's folders for ClinicStudio's log and small state files (platformdirs).

Linux: ~/.local/state/ClinicStudio/log and ~/.local/state/ClinicStudio; macOS:
~/Library/Logs/ClinicStudio and ~/Library/Application Support/ClinicStudio; Windows:
%LOCALAPPDATA%\\ClinicStudio\\Logs and %LOCALAPPDATA%\\ClinicStudio.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "ClinicStudio"


def log_folder() -> Path:
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def state_folder() -> Path:
    return Path(platformdirs.user_state_dir(APP, appauthor=False))


def log_file() -> Path:
    """The log file every ClinicStudio on this computer writes to (the one "see the log" names)."""
    return log_folder() / "clinicstudio.log"
