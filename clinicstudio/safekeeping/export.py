"""Posts and their results as CSV or JSON files, for a clinic taking its work elsewhere.

``posts``: one row per post (text, status, times, campaign, segment, networks and the link of
each published copy); ``post_texts``: each network's own text where it differs; ``results``:
every engagement figure gathered. Plain files any spreadsheet opens; times in UTC, ISO 8601.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from clinicstudio.domain import UserError
from clinicstudio.safekeeping.rows import to_json_value
from clinicstudio.store.database import Database
from clinicstudio.store.models import MetricSnapshot, OutboxEntry, Post

FORMATS = ("csv", "json")
FIELDS = {
    "posts": ["id", "title", "kind", "status", "scheduled_at", "published_at", "campaign",
              "segment", "networks", "links", "text"],
    "post_texts": ["post_id", "network", "text"],
    "results": [column.name for column in MetricSnapshot.__table__.c],
}


def export_posts(db: Database, folder: Path, fmt: str) -> dict[str, int]:
    """Write posts, post texts and results to ``folder``; returns rows written per file."""
    if fmt not in FORMATS:
        raise UserError(f"Unknown export format {fmt!r}; choose csv or json.")
    folder = folder.expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot create the folder {folder}: {exc.strerror or exc}.") from exc
    tables = _collect(db)
    for name, rows in tables.items():
        _write(folder / f"{name}.{fmt}", rows, fmt, FIELDS[name])
    return {f"{name}.{fmt}": len(rows) for name, rows in tables.items()}


def _collect(db: Database) -> dict[str, list[dict[str, Any]]]:
    with db.session() as session:
        posts = session.scalars(select(Post).options(
            selectinload(Post.variants), selectinload(Post.campaign),
            selectinload(Post.segment)).order_by(Post.id)).all()
        links: dict[int, dict[str, OutboxEntry]] = {}
        for entry in session.scalars(select(OutboxEntry)):
            links.setdefault(entry.post_id, {})[entry.network] = entry
        post_rows, text_rows = [], []
        for post in posts:
            sent = links.get(post.id, {})
            post_rows.append({
                "id": post.id, "title": post.title, "kind": post.kind, "status": post.status,
                "scheduled_at": post.scheduled_at, "published_at": post.published_at,
                "campaign": post.campaign.name if post.campaign else "",
                "segment": post.segment.name if post.segment else "",
                "networks": " ".join(post.networks),
                "links": " ".join(e.remote_url for e in sent.values() if e.remote_url),
                "text": post.body,
            })
            text_rows += [{"post_id": post.id, "network": v.network, "text": v.text_override}
                          for v in post.variants if v.text_override is not None]
        results = [{column.name: getattr(snapshot, column.key)
                    for column in MetricSnapshot.__table__.c}
                   for snapshot in session.scalars(select(MetricSnapshot)
                                                   .order_by(MetricSnapshot.id))]
    return {"posts": post_rows, "post_texts": text_rows, "results": results}


def _write(path: Path, rows: list[dict[str, Any]], fmt: str, fields: list[str]) -> None:
    plain = [{k: to_json_value(v) for k, v in row.items()} for row in rows]
    if fmt == "json":
        path.write_text(json.dumps(plain, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    # utf-8-sig: spreadsheet programs then read accents and emoji correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(plain)
