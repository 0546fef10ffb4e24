"""The automatic daily backup: one file a day, the oldest pruned, a missing disk announced."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clinicstudio.demo import load_demo
from clinicstudio.domain import UserError
from clinicstudio.safekeeping.daily import backup_if_due, daily_backup, set_daily_backup
from clinicstudio.store.database import Database
from clinicstudio.unattended.alerts import run_daily_backup

DAY = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def test_one_backup_a_day_and_only_the_newest_are_kept(sqlite_db: Database,
                                                       tmp_path: Path) -> None:
    load_demo(sqlite_db)
    folder = tmp_path / "backups"
    set_daily_backup(folder, keep=2)
    first = backup_if_due(sqlite_db, DAY)
    assert first is not None and first.is_file()
    assert backup_if_due(sqlite_db, DAY + timedelta(hours=3)) is None  # same day: nothing
    for days in (1, 2):
        assert backup_if_due(sqlite_db, DAY + timedelta(days=days)) is not None
    kept = sorted(p.name for p in folder.iterdir())
    local = [(DAY + timedelta(days=d)).astimezone().strftime("%Y-%m-%d") for d in (1, 2)]
    assert kept == [f"clinicstudio-{day}.zip" for day in local]


def test_off_means_no_backup(sqlite_db: Database, tmp_path: Path) -> None:
    set_daily_backup(tmp_path / "b", keep=3)
    set_daily_backup(None)
    assert daily_backup() is None
    assert backup_if_due(sqlite_db, DAY) is None


def test_a_missing_backup_disk_is_announced(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "usb-disk"
    set_daily_backup(folder, keep=3)
    shutil.rmtree(folder)  # the disk was unplugged
    with pytest.raises(UserError, match="is not there"):
        backup_if_due(sqlite_db, DAY)
    shown: list[tuple[str, str]] = []
    problem = run_daily_backup(sqlite_db, notifier=lambda t, b: shown.append((t, b)) or True,
                               now=DAY)
    assert problem and "is not there" in problem
    assert shown and shown[0][0] == "ClinicStudio: today's backup could not be made"
    assert "clinicstudio.log" in shown[0][1]


def test_the_scheduled_run_makes_the_daily_backup(tmp_path: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "clinicstudio", "--db",
                               str(tmp_path / "c.db"), *args], capture_output=True, text=True,
                              timeout=180, check=False)

    assert cli("demo").returncode == 0
    turned_on = cli("backup", "--every-day", str(tmp_path / "daily"), "--keep", "5")
    assert turned_on.returncode == 0, turned_on.stderr
    assert "keeping the last 5" in turned_on.stdout
    assert cli("publish-due").returncode == 0
    made = list((tmp_path / "daily").glob("clinicstudio-*.zip"))
    assert len(made) == 1
    assert cli("backup").returncode == 2  # no file named: one plain line, exit 2
