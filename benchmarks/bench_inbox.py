"""Inbox figures: storing a large harvest, looking again (nothing stored twice), listing, and
checking an answer while someone types in the reply editor.

Run: ``.venv/bin/python benchmarks/bench_inbox.py``. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clinicstudio.compliance import Checker
from clinicstudio.inbox import InboxService
from clinicstudio.inbox.items import store_collected
from clinicstudio.inbox.tone import tone_of
from clinicstudio.platforms.api.incoming import Collected, IncomingItem
from clinicstudio.store.clinic import save_profile
from clinicstudio.store.database import open_database

ITEMS = 5000
TEXTS = ["Is the flu clinic open to kids too?", "Waited two hours, nobody called me back!!",
         "Thank you, the walk-in hours make it so much easier.", "Do you take Medicaid?"]


def harvest(count: int) -> Collected:
    now = datetime.now(UTC)
    found = Collected()
    found.items = [IncomingItem(
        remote_id=f"c{i}", kind="comment", author_name=f"Person {i}", author_handle="",
        author_id=str(i), text=TEXTS[i % len(TEXTS)], created_at=now - timedelta(minutes=i),
        remote_post_id=f"p{i % 50}", parent_id=f"p{i % 50}", root_id=f"p{i % 50}")
        for i in range(count)]
    return found


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        with db.transaction() as session:
            save_profile(session, name="Maple Family Clinic", phones=["(555) 010-2000"])
        collected = harvest(ITEMS)
        began = time.perf_counter()
        with db.transaction() as session:
            store_collected(session, "facebook", collected, {}, tone_of)
        first = time.perf_counter() - began
        began = time.perf_counter()
        with db.transaction() as session:
            again = store_collected(session, "facebook", collected, {}, tone_of)
        second = time.perf_counter() - began
        print(f"store {ITEMS} new items (tone checked): {first:.2f} s; look again: "
              f"{second:.2f} s, {len(again.new)} stored twice")
        service = InboxService(db, checker_factory=Checker)
        timings = []
        for _ in range(5):
            began = time.perf_counter()
            rows = service.list()
            timings.append(time.perf_counter() - began)
        print(f"list the inbox ({len(rows)} rows shown): median "
              f"{statistics.median(timings) * 1000:.0f} ms")
        item_id = rows[0]["id"]
        service.check(item_id, "warm-up")
        answer = "We are sorry to hear this. Please call our office at (555) 010-2000."
        timings = []
        for length in range(10, len(answer), 3):
            began = time.perf_counter()
            service.check(item_id, answer[:length])
            timings.append(time.perf_counter() - began)
        print(f"check an answer as it is typed ({len(timings)} checks): median "
              f"{statistics.median(timings) * 1000:.1f} ms, slowest "
              f"{max(timings) * 1000:.1f} ms")
        db.close()


if __name__ == "__main__":
    main()
