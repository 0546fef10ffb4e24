"""What the studio's start does not load: the HTTP library and Alembic wait until they are used.

Each of them cost a fifth to a quarter of a second of the start; they are needed only to send
something to a network or to upgrade a database's layout.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from clinicstudio.store.database import open_database

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from clinicstudio.app import build_studio
import clinicstudio.ui.accounts, clinicstudio.ui.main_window
studio = build_studio(sys.argv[1], verify_integrity=False)
studio.pane_service("accounts").expiring()
studio.list_posts()
print(sorted({m.split(".")[0] for m in sys.modules} & {"requests", "urllib3", "alembic", "mako"}))
"""


def test_opening_the_studio_loads_neither_http_nor_migrations(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    open_database(path).close()
    result = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                            text=True, cwd=ROOT, check=False,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                                 "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


CHECK_PROBE = """
import sys
from clinicstudio.compliance import Checker
Checker().check("Flu shots are in! See clinicstudio.example/flu for times.")
print(sorted({m.split(".")[0] for m in sys.modules} & {"PIL", "emoji", "requests"}))
"""


def test_checking_a_text_loads_no_network_counters_pictures_or_http(tmp_path: Path) -> None:
    # The checks need only the link finder of clinicstudio.platforms; the package used to load
    # every network's counter (with the emoji tables) and Pillow on the way, about 60 ms.
    result = subprocess.run([sys.executable, "-c", CHECK_PROBE], capture_output=True,
                            text=True, cwd=ROOT, check=False,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                 "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
