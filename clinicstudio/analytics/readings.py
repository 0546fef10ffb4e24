"""Keeping a reading: the dated snapshot (history), the post's latest figures, the day's growth.

Networks report running totals, so what a network "gained" on a day is the growth between a
post's readings; the first reading of a post counts in full on its day. A figure a network does
not report stays NULL everywhere, never 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clinicstudio.store.models import MetricDaily, MetricLatest, MetricSnapshot

FIGURES = ("likes", "reposts", "replies", "quotes", "saves", "impressions", "reach", "clicks")
# The history table's older names for the same figures.
SNAPSHOT_COLUMNS = {"likes": "likes", "reposts": "shares", "replies": "comments",
                    "quotes": "quotes", "saves": "saves", "impressions": "impressions",
                    "reach": "reach", "clicks": "link_clicks"}
ENGAGING = ("likes", "reposts", "replies", "quotes", "saves", "clicks")


def engagement_of(figures: Mapping[str, int | None]) -> int | None:
    """Everything people did with a post; None when the network reported none of it."""
    known = [figures.get(name) for name in ENGAGING if figures.get(name) is not None]
    return sum(known) if known else None  # type: ignore[arg-type]


def keep_reading(session: Session, post_id: int, network: str, taken_at: datetime,
                 figures: Mapping[str, int | None]) -> None:
    """Add one reading of ``post_id`` on ``network`` (figure name -> value or None)."""
    session.add(MetricSnapshot(post_id=post_id, network=network, taken_at=taken_at,
                               **{SNAPSHOT_COLUMNS[f]: figures.get(f) for f in FIGURES}))
    _roll_up(session, post_id, network, taken_at, figures)


def _roll_up(session: Session, post_id: int, network: str, taken_at: datetime,
             figures: Mapping[str, int | None]) -> None:
    latest = session.get(MetricLatest, (post_id, network))
    if latest is not None and latest.taken_at > taken_at:
        return  # an older reading arriving late changes neither the latest nor the growth
    gains = {}
    for name in FIGURES:
        new = figures.get(name)
        old = getattr(latest, name) if latest is not None else None
        gains[name] = None if new is None else new - (old or 0)
    if latest is None:
        latest = MetricLatest(post_id=post_id, network=network)
        session.add(latest)
    latest.taken_at = taken_at
    for name in FIGURES:
        setattr(latest, name, figures.get(name))
    if all(g is None for g in gains.values()):
        return
    day = taken_at.date()
    daily = session.get(MetricDaily, (day, network))
    if daily is None:
        daily = MetricDaily(day=day, network=network)
        session.add(daily)
    for name, gain in gains.items():
        if gain is not None:
            setattr(daily, name, (getattr(daily, name) or 0) + gain)
    session.flush()


def rebuild_rollups(session: Session) -> None:
    """Recompute the latest figures and daily growth from the full history.

    For databases whose readings came before the rollups existed (or demo data written
    straight into the history); the Results pane calls it when it finds history without them.
    """
    session.execute(delete(MetricDaily))
    session.execute(delete(MetricLatest))
    session.flush()
    rows = session.scalars(select(MetricSnapshot).where(MetricSnapshot.post_id.is_not(None))
                           .order_by(MetricSnapshot.post_id, MetricSnapshot.network,
                                     MetricSnapshot.taken_at))
    for snap in rows:
        assert snap.post_id is not None
        _roll_up(session, snap.post_id, snap.network, snap.taken_at,
                 {f: getattr(snap, SNAPSHOT_COLUMNS[f]) for f in FIGURES})


def rollups_missing(session: Session) -> bool:
    has_history = session.scalar(select(func.count()).select_from(
        select(MetricSnapshot.id).where(MetricSnapshot.post_id.is_not(None)).limit(1)
        .subquery()))
    has_latest = session.scalar(select(func.count()).select_from(
        select(MetricLatest.post_id).limit(1).subquery()))
    return bool(has_history) and not has_latest
