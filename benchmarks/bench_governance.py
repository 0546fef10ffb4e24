"""Governance figures: the cost of one passphrase check (scrypt, n=2^14), writing audit events
through the hash chain, and `audit verify` over a long log (SQLite). Prints; asserts nothing."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from clinicstudio.governance.passphrases import hash_passphrase, verify_passphrase
from clinicstudio.store.audit import record, verify_chain
from clinicstudio.store.database import open_database

EVENTS = 20_000
BATCH = 500


def main() -> None:
    stored = hash_passphrase("a passphrase of a few words")
    timings = []
    for _ in range(10):
        began = time.perf_counter()
        verify_passphrase("a passphrase of a few words", stored)
        timings.append((time.perf_counter() - began) * 1000)
    print(f"passphrase check (scrypt n=2^14 r=8 p=1): median {statistics.median(timings):.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        began = time.perf_counter()
        for offset in range(0, EVENTS, BATCH):
            with db.transaction() as session:
                for i in range(offset, offset + BATCH):
                    record(session, "post_edited", actor="Sam Ortiz", post_id=i % 300,
                           before={"body": "Flu shots Saturday"},
                           after={"body": f"Flu shots Saturday {i}"})
        write_s = time.perf_counter() - began
        print(f"audit events written: {EVENTS} in {write_s:.1f} s "
              f"({write_s / EVENTS * 1000:.2f} ms each, {BATCH} per transaction)")
        began = time.perf_counter()
        with db.session() as session:
            checked, broken = verify_chain(session)
        verify_s = time.perf_counter() - began
        print(f"audit verify: {checked} events in {verify_s:.2f} s, intact={broken is None}")
        db.close()


if __name__ == "__main__":
    main()
