"""`clinicstudio gui --quit-when-ready`: the window opens, becomes usable, says so and closes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_gui(db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "clinicstudio", "--db", str(db), "gui",
                           "--quit-when-ready"], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


@pytest.mark.parametrize("with_demo", [True, False], ids=["demo clinic", "empty database"])
def test_the_studio_says_when_it_is_usable_and_closes(tmp_path: Path, with_demo: bool) -> None:
    db = tmp_path / "clinic.db"
    if with_demo:
        loaded = subprocess.run([sys.executable, "-m", "clinicstudio", "--db", str(db), "demo"],
                                capture_output=True, text=True, timeout=120, check=False)
        assert loaded.returncode == 0, loaded.stderr
    result = run_gui(db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ClinicStudio is ready."
    assert "Traceback" not in result.stderr
