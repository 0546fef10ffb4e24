"""The command line explains database problems in one line, exit status 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clinicstudio", *args], capture_output=True,
                          text=True, timeout=120)


def test_help_lists_every_command_with_one_line() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "demo" in result.stdout and "--db URL" in result.stdout


def test_a_file_that_is_not_a_database_is_explained_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list: gauze, gloves\n" * 50)
    before = path.read_bytes()
    result = run("demo", "--db", str(path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "is not a ClinicStudio database" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_demo_through_the_environment_variable(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CLINICSTUDIO_DB", str(tmp_path / "env.db"))
    first = run("demo")
    assert first.returncode == 0, first.stderr
    assert "66 posts" in first.stdout
    second = run("demo")
    assert "nothing was added" in second.stdout
