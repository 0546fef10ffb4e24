"""The automatic daily backup: where to, how many to keep, and making today's when it is due.

The choice is per computer (a folder on this computer or a share it reaches), kept in a small
JSON file in the state folder. The scheduled ``publish-due`` run and the open window call
:func:`backup_if_due`; whichever comes first on a day makes that day's file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from clinicstudio.domain import UserError
from clinicstudio.safekeeping.archive import make_backup
from clinicstudio.store.database import Database
from clinicstudio.unattended.places import state_folder

PREFIX = "clinicstudio-"
DEFAULT_KEEP = 14


@dataclass(frozen=True, slots=True)
class DailyBackup:
    folder: Path
    keep: int = DEFAULT_KEEP

    def file_for(self, now: datetime) -> Path:
        return self.folder / f"{PREFIX}{now.astimezone():%Y-%m-%d}.zip"

    def existing(self) -> list[Path]:
        """This folder's daily backups, oldest first (the date is in the name)."""
        return sorted(self.folder.glob(f"{PREFIX}????-??-??.zip"))


def _settings_file() -> Path:
    return state_folder() / "daily-backup.json"


def daily_backup() -> DailyBackup | None:
    """The daily backup chosen on this computer, or None when it is off."""
    try:
        data = json.loads(_settings_file().read_text(encoding="utf-8"))
        return DailyBackup(Path(data["folder"]), int(data.get("keep", DEFAULT_KEEP)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def set_daily_backup(folder: Path | None, keep: int = DEFAULT_KEEP) -> DailyBackup | None:
    """Turn the daily backup on (into ``folder``, keeping ``keep`` files) or off (None)."""
    path = _settings_file()
    if folder is None:
        path.unlink(missing_ok=True)
        return None
    if keep < 1:
        raise UserError("Keep at least one daily backup (--keep 1 or more).")
    folder = folder.expanduser().resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot use {folder} for backups: {exc.strerror or exc}. Choose a "
                        "folder you may write to.") from exc
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"folder": str(folder), "keep": keep}), encoding="utf-8")
    return DailyBackup(folder, keep)


def backup_if_due(db: Database, now: datetime | None = None) -> Path | None:
    """Make today's backup if the daily backup is on and today's is not made yet; prune.

    Returns the new file, or None when nothing was due. Raises UserError when it failed.
    """
    choice = daily_backup()
    if choice is None:
        return None
    now = now or datetime.now(UTC)
    target = choice.file_for(now)
    if target.exists():
        return None
    if not choice.folder.is_dir():
        raise UserError(f"The backup folder {choice.folder} is not there (a disconnected "
                        "disk?). Connect it, or choose another folder in Clinic › Settings.")
    make_backup(db, target, now)
    for old in choice.existing()[:-choice.keep]:
        old.unlink(missing_ok=True)
    return target
