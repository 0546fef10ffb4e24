"""The repository needs nothing beside it: no code, test, script or benchmark reads a folder
outside the checkout (test data is vendored under tests/data with its licence)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"""\.\./shared|/work/shared|["']shared["']\s*/"""
                     r"""|parents\[\d\]\s*/\s*["']\.\.["']""")
FOLDERS = ("clinicstudio", "tests", "scripts", "benchmarks", "installer", ".ci")


def test_nothing_reads_outside_the_repository() -> None:
    offenders = []
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".sh", ".ps1", ".spec", ""} or not path.is_file():
                continue
            if path == Path(__file__) or "node_modules" in path.parts:
                continue  # node_modules: the Bluesky test network's npm packages, not ours
            text = path.read_text(encoding="utf-8", errors="ignore")
            if OUTSIDE.search(text):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"these read outside the repository: {offenders}"


def test_vendored_conformance_data_carries_its_licence() -> None:
    folder = ROOT / "tests" / "data" / "twitter-text"
    assert "Apache License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert "twitter-text" in (folder / "README.md").read_text(encoding="utf-8")
    assert (folder / "validate.yml").is_file() and (folder / "extract.yml").is_file()
