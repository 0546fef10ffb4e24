"""Knowing the schema versions without Alembic, and opening an up-to-date file without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from clinicstudio.store.database import DatabaseRefused, _alembic_config, open_database
from clinicstudio.store.models import AuditEvent
from clinicstudio.store.schema_versions import head_revision, known_revisions

ROOT = Path(__file__).resolve().parents[3]


def test_the_cheap_reading_agrees_with_alembic() -> None:
    scripts = ScriptDirectory.from_config(_alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {rev.revision for rev in scripts.walk_revisions()}


def test_opening_an_up_to_date_file_loads_no_alembic(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    open_database(path).close()
    probe = ("import sys; from clinicstudio.store.database import open_database; "
             f"open_database({str(path)!r}).close(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_the_window_opens_without_the_full_scan_and_hears_of_damage_after(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    db = open_database(path)
    with db.transaction() as session:
        for i in range(300):
            session.add(AuditEvent(action="filler", detail={"i": i, "pad": "x" * 200}))
    assert db.damage() is None
    db.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3: 4096 * 3 + 200] = b"\x00\x13" * 100  # scribble over a b-tree page
    path.write_bytes(bytes(data))

    with pytest.raises(DatabaseRefused, match="damaged"):
        open_database(path)  # the command line reads every page before it starts
    quick = open_database(path, verify_integrity=False)
    try:
        assert "damaged" in (quick.damage() or "")
    finally:
        quick.close()
