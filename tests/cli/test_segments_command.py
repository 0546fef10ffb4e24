"""`clinicstudio segments`: list, add (refused when it targets health) and show."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clinicstudio.cli import main


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--db", str(db), "segments", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_add_list_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "clinic.db"
    status, out, _ = run(capsys, db, "add", "--name", "Adults 50+ near Springfield",
                         "--place", "Springfield, IL", "--radius-km", "25", "--age-min", "50",
                         "--language", "English", "--topic", "healthy eating")
    assert status == 0 and "Saved “Adults 50+ near Springfield”" in out
    status, out, _ = run(capsys, db, "list")
    assert status == 0 and "Adults 50+ · Springfield, IL (within 25 km) · English" in out
    status, out, _ = run(capsys, db, "list", "--json")
    listed = json.loads(out)
    assert listed[0]["places"] == [{"kind": "city", "value": "Springfield, IL", "radius_km": 25}]
    assert listed[0]["languages"] == ["en"]
    status, out, _ = run(capsys, db, "show", "adults 50+ near springfield")
    assert status == 0
    assert "Facebook: Facebook shows the post only to people aged 50 and over" in out
    assert "Instagram: Instagram posts cannot be aimed at an audience" in out
    status, out, _ = run(capsys, db, "show", "Adults 50+ near Springfield", "--json")
    shown = json.loads(out)
    targeting = {t["network"]: t for t in shown["targeting"]}
    assert targeting["linkedin"]["payload"]["distribution"]["targetEntities"][0][
        "geoLocations"] == ["Springfield, IL"]
    assert targeting["x"]["payload"] is None and targeting["x"]["sentence"]


def test_a_health_segment_is_refused_with_exit_1(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "clinic.db"
    status, out, _ = run(capsys, db, "add", "--name", "Diabetics", "--place",
                         "city:Springfield, IL", "--radius-km", "20")
    assert status == 1
    assert "BLOCK PHI-011" in out and "Adults 50+ within 20 km of Springfield, IL" in out
    status, out, _ = run(capsys, db, "list", "--json")
    assert json.loads(out) == []
    status, out, _ = run(capsys, db, "add", "--name", "Teen glow-up", "--topic", "Botox",
                         "--age-min", "15", "--json")
    assert status == 1
    assert json.loads(out)["findings"][0]["rule"] == "PLT-004"


def test_unknown_segment_and_bad_place_are_usage_errors(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "clinic.db"
    status, _, err = run(capsys, db, "show", "Nobody")
    assert status == 2 and "There is no segment called “Nobody”" in err
    status, _, err = run(capsys, db, "add", "--name", "Empty place", "--place", "city:")
    assert status == 2 and "names no place" in err


def test_exit_status_from_the_real_program(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "clinicstudio", "--db", str(tmp_path / "c.db"), "segments",
         "add", "--name", "IVF patients"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "PHI-011" in result.stdout
