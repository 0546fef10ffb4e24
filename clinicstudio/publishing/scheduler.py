"""Publishing what is due: scheduled posts whose time has come, and retries whose wait is over.

``publish_due`` is what ``clinicstudio publish-due`` (run by the OS scheduler) and the running
window's timer call. Every post is taken with a conditional update under a row lock, and every
network row with another, so two processes on one SQLite file, or several desktops on one
PostgreSQL database, never send a post twice.

A post whose time passed while nothing was running goes out anyway when it is at most
``grace_minutes`` late. Later than that, the office's late-post setting decides: publish it now,
or hold it (``posts.held_late_at``) so the window can ask a person.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clinicstudio.domain import OutboxState, PostStatus
from clinicstudio.governance.release import release_refusal
from clinicstudio.publishing import outbox
from clinicstudio.publishing.report import PublishReport
from clinicstudio.settings import LatePolicy, OfficeSettings, load_settings
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database
from clinicstudio.store.models import OutboxEntry, Post
from clinicstudio.store.posts import get_post

if TYPE_CHECKING:
    # The publisher brings the network senders (requests); listing held posts needs none.
    from clinicstudio.publishing.publisher import Publisher

log = logging.getLogger(__name__)
BATCH = 200


@dataclass
class DueReport:
    """What one run did: posts started, posts held for a person, and each post's result."""

    started: list[int] = field(default_factory=list)
    held: list[int] = field(default_factory=list)
    #: Demo clinic posts that came due and were refused (they are never published).
    refused: list[int] = field(default_factory=list)
    late: list[int] = field(default_factory=list)
    #: Due posts left alone because they wait for an approver's OK.
    awaiting: list[int] = field(default_factory=list)
    results: list[PublishReport] = field(default_factory=list)
    recovered: int = 0
    #: Posts whose rows a stopped sender had left "sending" (released, then checked and sent).
    released_posts: list[int] = field(default_factory=list)
    #: Posts left "publishing" with nothing waiting, whose status was set from their rows.
    repaired: list[int] = field(default_factory=list)
    pickup_ms: float = 0.0
    #: Posts created for repeating series, so they stay three months ahead without the window.
    extended: list[int] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Some network refused a post for good (another process may still be sending others)."""
        return bool(self.refused) or any(
            r.blockers or any(o.state is OutboxState.FAILED for o in r.outcomes)
            for r in self.results)

    def summary(self) -> str:
        sent = sum(1 for r in self.results for o in r.outcomes if o.state is OutboxState.SENT)
        failed = sum(1 for r in self.results for o in r.outcomes if o.state is OutboxState.FAILED)
        waiting = sum(1 for r in self.results for o in r.outcomes
                      if o.state is OutboxState.PENDING)
        repairs = self.repairs()
        if not (self.results or self.held or self.awaiting or self.refused):
            return " ".join([*repairs, "Nothing was due."]) if repairs else "Nothing was due."
        parts = [*repairs]
        if self.results:
            parts.append(f"{len(self.results)} post(s) handled: {sent} sent, {failed} failed, "
                         f"{waiting} waiting to retry.")
        if self.refused:
            parts.append(f"{len(self.refused)} demo clinic post(s) not published (demo posts "
                         "never are; take the demo out with `clinicstudio demo --remove`): "
                         f"{', '.join(map(str, self.refused))}.")
        if self.held:
            parts.append(f"{len(self.held)} late post(s) held for a person to decide: "
                         f"{', '.join(map(str, self.held))}.")
        if self.awaiting:
            parts.append(f"{len(self.awaiting)} due post(s) wait for an approver's OK and were "
                         f"left alone: {', '.join(map(str, self.awaiting))}.")
        return " ".join(parts)


    def repairs(self) -> list[str]:
        """What this run put right after an earlier crash, in the office's words."""
        said = []
        if self.released_posts:
            said.append(f"Released post(s) {', '.join(map(str, self.released_posts))}, left "
                        "\"sending\" by a ClinicStudio that stopped; each network is checked "
                        "before anything is sent again.")
        if self.repaired:
            said.append(f"Repaired the status of post(s) {', '.join(map(str, self.repaired))}, "
                        "left \"publishing\" by a ClinicStudio that stopped.")
        return said


def held_condition() -> object:
    return (Post.held_late_at.is_not(None)) & (Post.held_late_at > Post.scheduled_at)


def due_posts(session: Session, now: datetime, limit: int = BATCH) -> list[tuple[int, datetime]]:
    """Scheduled posts whose time has come and that are not held: the scheduler's pick-up."""
    query = (select(Post.id, Post.scheduled_at)
             .where(Post.status == str(PostStatus.SCHEDULED), Post.scheduled_at <= now,
                    or_(Post.held_late_at.is_(None), Post.held_late_at <= Post.scheduled_at))
             .order_by(Post.scheduled_at, Post.id).limit(limit))
    return [(row[0], row[1]) for row in session.execute(query)]


def held_posts(session: Session) -> list[Post]:
    """Late posts held for a person to decide (publish now, or pick a new time)."""
    query = (select(Post).where(Post.status == str(PostStatus.SCHEDULED), held_condition())
             .order_by(Post.scheduled_at))
    return list(session.scalars(query))


def posts_with_due_retries(session: Session, now: datetime) -> list[int]:
    query = select(OutboxEntry.post_id).where(
        OutboxEntry.state == str(OutboxState.PENDING),
        or_(OutboxEntry.next_try_at.is_(None), OutboxEntry.next_try_at <= now)).distinct()
    return sorted(session.scalars(query))


def _take(db: Database, publisher: Publisher, post_id: int, now: datetime,
          settings: OfficeSettings, report: DueReport) -> None:
    """Start one due post, or hold it, under its row lock (only one process gets to decide)."""
    with db.transaction() as session:
        outbox.lock_post(session, post_id)
        post = get_post(session, post_id)
        if post.status != PostStatus.SCHEDULED or post.scheduled_at is None \
                or post.scheduled_at > now:
            return  # someone else started, moved or unscheduled it meanwhile
        if post.held_late_at is not None and post.held_late_at > post.scheduled_at:
            return
        if post.demo:  # the demo clinic's posts never go out
            report.refused.append(post_id)
            return
        if release_refusal(session, post, None):
            report.awaiting.append(post_id)
            return
        late = now - post.scheduled_at > timedelta(minutes=settings.grace_minutes)
        if late and settings.late_policy is LatePolicy.HOLD:
            post.held_late_at = now
            record(session, "publish_held_late", post_id=post_id,
                   scheduled_at=post.scheduled_at.isoformat())
            report.held.append(post_id)
            return
        if late:
            record(session, "publish_late", post_id=post_id,
                   scheduled_at=post.scheduled_at.isoformat())
            report.late.append(post_id)
        publisher.prepare(session, post, post.networks)
        if post.status != PostStatus.PUBLISHING:
            post.status = str(PostStatus.FAILED)  # every network blocked by a check
        report.started.append(post_id)


def extend_series(db: Database, now: datetime) -> list[int]:
    """Create the repeating series' coming posts (as the window does daily), so a clinic whose
    window is rarely open still has them on the calendar. Returns the new posts' ids."""
    from clinicstudio.planning.clock import clinic_zone
    from clinicstudio.planning.series import extend_all_series

    with db.transaction() as session:
        changes = extend_all_series(session, clinic_zone(session), actor="publish-due", now=now)
    return sorted(changes.posts)


def publish_due(db: Database, now: datetime | None = None, *,
                publisher: Publisher | None = None) -> DueReport:
    """Publish everything due at ``now`` (default: the current time), then return what happened."""
    now = now or datetime.now(UTC)
    if publisher is None:
        from clinicstudio.publishing.publisher import Publisher

        publisher = Publisher(db, actor="Scheduler")
    report = DueReport()
    report.extended = extend_series(db, now)
    recovered = outbox.recover_abandoned(db, now)
    report.recovered = len(recovered)
    with db.session() as session:
        report.released_posts = sorted({entry.post_id for entry in (
            session.get(OutboxEntry, entry_id) for entry_id in recovered) if entry})
    report.repaired = outbox.repair_publishing_posts(db, now)
    with db.session() as session:
        settings = load_settings(session)
        began = time.perf_counter()
        due = due_posts(session, now)
        report.pickup_ms = (time.perf_counter() - began) * 1000
    for post_id, _when in due:
        _take(db, publisher, post_id, now, settings, report)
    with db.session() as session:
        pending = posts_with_due_retries(session, now)
    for post_id in sorted(set(pending) | set(report.started)):
        report.results.append(publisher.send_pending(post_id, now=now))
    log.info("publish-due: %s", report.summary())
    return report
