"""Running the real ``clinicstudio`` command in subprocesses against the loopback fakes.

Secrets reach the subprocesses through a file-backed test keyring (selected with
``PYTHON_KEYRING_BACKEND``), the database through ``--db``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clinicstudio.accounts import SecretVault
from tests.helpers.keyring_memory import FileKeyring

ROOT = Path(__file__).resolve().parents[3]


class Cli:
    """``clinicstudio`` as a subprocess with this test's database and keyring."""

    def __init__(self, db_url: str, keyring_file: Path) -> None:
        self.db_url = db_url
        self.env = {**os.environ,
                    "PYTHON_KEYRING_BACKEND": "tests.helpers.keyring_memory.FileKeyring",
                    "CLINICSTUDIO_TEST_KEYRING_FILE": str(keyring_file),
                    "PYTHONPATH": str(ROOT), "CLINICSTUDIO_LOG": "INFO"}

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "clinicstudio", "--db", self.db_url, *args]

    def run(self, *args: str, stdin: str = "",
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command(*args), input=stdin, capture_output=True, text=True,
                              env=self.env, cwd=ROOT, timeout=timeout, check=False)

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(self.command(*args), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=self.env, cwd=ROOT)


@pytest.fixture
def keyring_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "test-keyring.json"
    monkeypatch.setenv("CLINICSTUDIO_TEST_KEYRING_FILE", str(path))
    return path


@pytest.fixture
def file_vault(keyring_file: Path) -> SecretVault:
    return SecretVault(FileKeyring())


@pytest.fixture
def cli(db_url: str, keyring_file: Path) -> Iterator[Cli]:
    yield Cli(db_url, keyring_file)


def wait_until_reached(process: subprocess.Popen[Any], arrived: threading.Event,
                       timeout: float = 60) -> None:
    """Wait until the fake network got the chosen request; fail at once if the command ended."""
    deadline = time.monotonic() + timeout
    while not arrived.wait(0.05):
        if process.poll() is not None:
            code, out, err = finish(process)
            pytest.fail(f"the command ended ({code}) before the chosen moment:\n{out}\n{err}")
        if time.monotonic() > deadline:
            process.kill()
            finish(process)
            pytest.fail("the command never reached the chosen moment")


def finish(process: subprocess.Popen[Any], timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err
