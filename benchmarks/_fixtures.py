"""Shared by the benchmarks: a database filled with many posts, the way a busy clinic fills it."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clinicstudio.domain import Platform
from clinicstudio.store.database import Database, open_database
from clinicstudio.store.models import Post, PostVariant

START = datetime(2025, 1, 1, tzinfo=UTC)
SPAN_DAYS = 3 * 365
NETWORKS = [p.value for p in Platform]
STATUSES = ["published", "published", "scheduled", "draft", "approved", "failed"]


def fill_posts(db: Database, count: int, *, seed: int = 1, batch: int = 2000) -> None:
    """Insert ``count`` posts spread over three years, each with three or four network variants."""
    rng = random.Random(seed)
    body = ("Walk-in flu shots this Saturday, 9 am to noon. Most insurance plans cover them. "
            "Call (555) 201-4400 or book online. ") * 3
    for offset in range(0, count, batch):
        with db.transaction() as session:
            for i in range(offset, min(count, offset + batch)):
                when = START + timedelta(minutes=rng.randrange(SPAN_DAYS * 24 * 60))
                networks = rng.sample(NETWORKS, rng.choice((3, 4)))
                session.add(Post(
                    title=f"Post {i}", body=body, status=rng.choice(STATUSES), scheduled_at=when,
                    variants=[
                        PostVariant(network=n, enabled=True, options={},
                                    text_override="Short version #Flu" if n == "x" else None)
                        for n in networks
                    ],
                ))


def filled_database(folder: Path, count: int) -> Database:
    db = open_database(folder / "bench.db")
    fill_posts(db, count)
    return db
