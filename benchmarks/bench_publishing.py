"""Publishing figures: six networks in parallel, and the scheduler's pick-up of due posts.

Run: ``.venv/bin/python benchmarks/bench_publishing.py``. It prints figures; it asserts nothing.

1. One post to all six loopback networks, each answering every request after 300 ms, compared
   with the slowest network published alone (target: within 1.5 times).
2. The scheduler's due-post query with 20,000 posts in the database (target: under 20 ms).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from clinicstudio.accounts import SecretVault
from clinicstudio.domain import Platform
from clinicstudio.publishing import Publisher, due_posts
from clinicstudio.store.database import open_database
from clinicstudio.store.models import Post
from tests.helpers.databases import PG_ENV, fresh_postgres_database
from tests.helpers.keyring_memory import MemoryKeyring
from tests.helpers.publishing_setup import (
    add_post,
    connect_accounts,
    running_fakes,
    square_photo,
)

LATENCY = 0.3


def publish_seconds(folder: Path, networks: list[Platform], photo: Path, label: str) -> float:
    db = open_database(folder / f"{label}.db")
    vault = SecretVault(MemoryKeyring())
    with running_fakes(latency=LATENCY, networks=networks) as fakes:
        connect_accounts(db, vault, fakes)
        post_id = add_post(db, f"Benchmark post {label}: flu shots this week.", networks,
                           images=[photo])
        # The real compliance checks run too: they are part of what a click costs.
        publisher = Publisher(db, vault=vault)
        began = time.perf_counter()
        report = publisher.publish_now(post_id)
        elapsed = time.perf_counter() - began
        assert report.ok, [o.line for o in report.outcomes]
    db.close()
    return elapsed


def parallel_figures(folder: Path) -> None:
    photo = square_photo(folder / "photo.jpg", (400, 400))
    alone = {n: publish_seconds(folder, [n], photo, f"alone-{n.value}") for n in Platform}
    slowest = max(alone, key=lambda n: alone[n])
    together = publish_seconds(folder, list(Platform), photo, "all-six")
    print(f"Each fake network answers every request after {LATENCY * 1000:.0f} ms.")
    for network, seconds in alone.items():
        print(f"  {network.label:<10} alone: {seconds * 1000:7.0f} ms")
    ratio = together / alone[slowest]
    print(f"  all six together: {together * 1000:7.0f} ms; slowest alone ({slowest.label}) "
          f"{alone[slowest] * 1000:.0f} ms; ratio {ratio:.2f} (target <= 1.5)")
    print(f"  (one network after another would take about {sum(alone.values()) * 1000:.0f} ms)")


def pickup_figures(target: str, label: str, count: int = 20_000) -> None:
    db = open_database(target)
    now = datetime.now(UTC)
    rows = []
    for number in range(count):
        # Mostly published history and future schedule; a handful due now.
        if number % 1000 == 0:
            status, when = "scheduled", now - timedelta(minutes=number % 7 + 1)
        elif number % 3 == 0:
            status, when = "scheduled", now + timedelta(hours=number % 5000)
        else:
            status, when = "published", now - timedelta(hours=number % 9000)
        rows.append({"title": f"Post {number}", "body": f"Post {number}", "status": status,
                     "scheduled_at": when, "created_at": now, "updated_at": now})
    with db.transaction() as session:
        session.execute(insert(Post), rows)
    timings = []
    with db.session() as session:
        due_posts(session, now)  # warm the connection and the page cache
        for _ in range(50):
            began = time.perf_counter()
            found = due_posts(session, now)
            timings.append((time.perf_counter() - began) * 1000)
    db.close()
    print(f"Scheduler pick-up with {count:,} posts in {label} ({len(found)} due): "
          f"median {statistics.median(timings):.2f} ms, worst {max(timings):.2f} ms "
          "(target < 20 ms)")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        parallel_figures(Path(folder))
        pickup_figures(str(Path(folder) / "pickup.db"), "SQLite")
    if os.environ.get(PG_ENV):
        with fresh_postgres_database() as url:
            pickup_figures(url, "PostgreSQL")
    else:
        print(f"(set {PG_ENV} to a PostgreSQL server URL for the PostgreSQL figure)")


if __name__ == "__main__":
    main()
