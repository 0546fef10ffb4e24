"""Collecting the inbox from every connected network: one reader per network, each on its own.

A network that is down, rate-limited or disconnected is reported in plain words and the others
still come in; nothing already collected is lost, and nothing is stored twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.accounts import SecretVault, connection_for, list_connections
from clinicstudio.domain import OutboxState, UserError
from clinicstudio.inbox.items import network_label, store_collected
from clinicstudio.inbox.review_sites import GOOGLE, google_reviews
from clinicstudio.inbox.tone import tone_of
from clinicstudio.platforms.api import client_for
from clinicstudio.platforms.api.base import Connection
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.platforms.api.incoming import OwnPost
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database
from clinicstudio.store.models import OutboxEntry, Post

log = logging.getLogger(__name__)

# Conversations on posts older than this are no longer read (notifications still are).
RECENT = timedelta(days=30)


@dataclass
class RefreshReport:
    """What one refresh brought in: new item ids, and per network a line if it had trouble."""

    new: list[int] = field(default_factory=list)
    deleted: int = 0
    problems: dict[str, str] = field(default_factory=dict)
    networks: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.new)} new item(s) from {len(self.networks)} network(s)."]
        if self.deleted:
            parts.append(f"{self.deleted} removed on the network (kept here, marked deleted).")
        parts += [f"{network_label(n)}: {message}" for n, message in self.problems.items()]
        return " ".join(parts)


def own_posts(session: Session, network: str, now: datetime) -> list[OwnPost]:
    """The clinic's posts that went out on ``network`` lately (not its replies)."""
    query = (select(OutboxEntry.post_id, OutboxEntry.remote_id, OutboxEntry.sent_at)
             .join(Post, Post.id == OutboxEntry.post_id)
             .where(OutboxEntry.network == network, OutboxEntry.state == str(OutboxState.SENT),
                    OutboxEntry.sent_at >= now - RECENT, Post.kind == "post")
             .order_by(OutboxEntry.sent_at.desc()))
    return [OwnPost(post_id, remote_id, sent_at) for post_id, remote_id, sent_at
            in session.execute(query) if remote_id]


def refresh_inbox(db: Database, vault: SecretVault, *,
                  client_factory: Callable[[Connection], object] = client_for,
                  networks: Iterable[str] | None = None, actor: str = "",
                  now: datetime | None = None) -> RefreshReport:
    """Read every connected network's comments, mentions and reviews into the inbox."""
    now = now or datetime.now(UTC)
    wanted = set(networks) if networks else None
    report = RefreshReport()
    with db.session() as session:
        accounts = [(a.id, a.network) for a in list_connections(session)
                    if wanted is None or a.network in wanted]
    jobs: list[tuple[int | None, str]] = list(accounts)
    if wanted is None or GOOGLE in wanted:
        jobs.append((None, GOOGLE))
    for account_id, network in jobs:
        try:
            if account_id is None:
                _refresh_google(db, vault, now, report)
                continue
            report.networks.append(network)
            _refresh_one(db, vault, client_factory, account_id, network, now, report)
        except PublishError as exc:
            report.problems[network] = exc.plain
        except UserError as exc:
            report.problems[network] = str(exc)
        except Exception as exc:  # one network's surprise must not stop the others
            log.exception("reading the %s inbox failed", network)
            report.problems[network] = (f"ClinicStudio could not read it ({type(exc).__name__});"
                                        " see the log.")
    if report.new or report.problems:  # a quiet look every few minutes is not an event
        with db.transaction() as session:
            record(session, "inbox_refreshed", actor=actor, new=len(report.new),
                   problems=sorted(report.problems))
    return report


def _refresh_google(db: Database, vault: SecretVault, now: datetime,
                    report: RefreshReport) -> None:
    """Google Business Profile reviews, when a location is connected."""
    with db.session() as session:
        site = google_reviews(session, vault)
    if site is None:
        return
    report.networks.append(GOOGLE)
    try:
        collected = site.collect()
    finally:
        site.close()
    with db.transaction() as session:
        stored = store_collected(session, GOOGLE, collected, {}, tone_of, now)
    report.new.extend(stored.new)
    report.deleted += stored.deleted


def _refresh_one(db: Database, vault: SecretVault, client_factory: Callable[[Connection], object],
                 account_id: int, network: str, now: datetime, report: RefreshReport) -> None:
    from clinicstudio.store.models import ConnectedAccount

    with db.session() as session:
        account = session.get(ConnectedAccount, account_id)
        assert account is not None
        connection = connection_for(account, vault)
        ours = own_posts(session, network, now)
    client = client_factory(connection)
    try:
        collected = client.inbox().collect(ours)  # type: ignore[attr-defined]
    finally:
        client.close()  # type: ignore[attr-defined]
    with db.transaction() as session:
        stored = store_collected(session, network, collected,
                                 {p.remote_id: p.post_id for p in ours}, tone_of, now)
    report.new.extend(stored.new)
    report.deleted += stored.deleted


LAST_REFRESH = "inbox_refreshed_at"
# ``publish-due`` may run every minute; the networks' read limits would not like that.
REFRESH_EVERY = timedelta(minutes=10)


def refresh_if_due(db: Database, vault: SecretVault, *, now: datetime | None = None,
                   every: timedelta = REFRESH_EVERY, **kwargs: object) -> RefreshReport | None:
    """Refresh unless another run did so within ``every``; the claim is taken atomically."""
    from clinicstudio.store.models import Setting

    now = now or datetime.now(UTC)
    with db.transaction() as session:
        row = session.get(Setting, LAST_REFRESH, with_for_update=True)
        last = None
        if row is not None and isinstance(row.value, str):
            try:
                last = datetime.fromisoformat(row.value)
            except ValueError:
                last = None
        if last is not None and now - last < every:
            return None
        if row is None:
            session.add(Setting(key=LAST_REFRESH, value=now.isoformat()))
        else:
            row.value = now.isoformat()
    return refresh_inbox(db, vault, now=now, **kwargs)  # type: ignore[arg-type]
