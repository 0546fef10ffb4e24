"""Backup figures: backing up, restoring (with its completeness check) and exporting a clinic
with 20,000 posts on SQLite, and the backup file's size. Prints figures; asserts nothing.

    /work/tools/pt -c python benchmarks/bench_backup.py      (or .venv/bin/python ...)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _fixtures import fill_posts

from clinicstudio.safekeeping.archive import make_backup
from clinicstudio.safekeeping.export import export_posts
from clinicstudio.safekeeping.restore import restore_backup
from clinicstudio.store.database import open_database

POSTS = 20_000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db = open_database(root / "clinic.db")
        fill_posts(db, POSTS)
        began = time.perf_counter()
        summary = make_backup(db, root / "backup.zip")
        backup_s = time.perf_counter() - began
        rows = sum(summary.tables.values())
        print(f"backup of {POSTS:,} posts ({rows:,} rows): {backup_s:.2f} s, "
              f"file {(root / 'backup.zip').stat().st_size / 1e6:.1f} MB "
              f"(database {(root / 'clinic.db').stat().st_size / 1e6:.1f} MB)")
        began = time.perf_counter()
        restored = restore_backup(root / "backup.zip", str(root / "restored.db"))
        print(f"restore into a new database, with the row-count and image check: "
              f"{time.perf_counter() - began:.2f} s (complete: {restored.complete})")
        began = time.perf_counter()
        export_posts(db, root / "csv", "csv")
        print(f"export posts and results as CSV: {time.perf_counter() - began:.2f} s")
        db.close()


if __name__ == "__main__":
    main()
