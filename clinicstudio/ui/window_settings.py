"""Per-desktop window preferences (dock layout, geometry, theme) in the user's config folder.

Office-wide settings live in the database (:mod:`clinicstudio.settings`); what only concerns this
screen lives here, as an INI file under the user config dir so tests get a fresh one each time.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

VERSION = 1


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir("ClinicStudio", appauthor=False)) / "window.ini"


def window_settings() -> QSettings:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    if settings.value("version", VERSION, int) != VERSION:
        # A layout from another version may name docks that no longer exist: start clean.
        settings.clear()
    settings.setValue("version", VERSION)
    return settings
