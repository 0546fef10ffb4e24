"""Store figures: inserting 20,000 posts with their variants, the file size, and loading one
calendar month of posts (target: under 20 ms on SQLite). Prints figures; asserts nothing."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _fixtures import START, fill_posts

from clinicstudio.store.database import open_database
from clinicstudio.store.posts import posts_between, summaries_between

POSTS = 20_000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        db = open_database(path)
        began = time.perf_counter()
        fill_posts(db, POSTS)
        insert_s = time.perf_counter() - began
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        size_mb = path.stat().st_size / 1e6
        print(f"insert {POSTS} posts with variants: {insert_s:.2f} s "
              f"({POSTS / insert_s:,.0f} posts/s); file size {size_mb:.1f} MB")

        timings, sizes = [], []
        for month in range(24):
            start = START + timedelta(days=30 * month + 3)
            with db.session() as session:
                began = time.perf_counter()
                found = posts_between(session, start, start + timedelta(days=31))
                timings.append((time.perf_counter() - began) * 1000)
                sizes.append(len(found))
        print(f"load one month as full posts ({statistics.mean(sizes):.0f} posts with variants "
              f"and media, for editing): median {statistics.median(timings):.1f} ms")
        timings = []
        for month in range(24):
            start = START + timedelta(days=30 * month + 3)
            with db.session() as session:
                began = time.perf_counter()
                summaries_between(session, start, start + timedelta(days=31))
                timings.append((time.perf_counter() - began) * 1000)
        print(f"load one calendar month (summaries with networks): median "
              f"{statistics.median(timings):.1f} ms, p90 "
              f"{statistics.quantiles(timings, n=10)[-1]:.1f} ms (target < 20 ms)")
        db.close()


if __name__ == "__main__":
    main()
