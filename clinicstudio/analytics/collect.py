"""Reading every published post's figures and every account's followers from the networks.

:func:`collect` is what ``clinicstudio analytics refresh``, ``publish-due`` and the window's
background timer call. Each reading is added as a new dated row (history is never changed).
A network that is down, asks to slow down or no longer accepts the connection gets one plain
line in the report, and its posts are read again later (see :mod:`.schedule`); one network's
trouble never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinicstudio.accounts import SecretVault, account_for, connection_for
from clinicstudio.analytics import schedule
from clinicstudio.analytics.readings import keep_reading
from clinicstudio.domain import OutboxState, Platform, UserError
from clinicstudio.platforms.api.base import Connection
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.platforms.api.readers import MetricsReader, PostReading, PostRef, reader_for
from clinicstudio.store.database import Database
from clinicstudio.store.models import (
    CollectionSchedule,
    ConnectedAccount,
    FollowerSnapshot,
    OutboxEntry,
)

log = logging.getLogger(__name__)
ReaderFactory = Callable[[Connection], MetricsReader]


@dataclass(frozen=True, slots=True)
class _Due:
    entry_id: int
    post_id: int
    network: str
    remote_id: str
    sent_at: datetime | None


@dataclass
class CollectReport:
    """What one collection did: readings kept, and a plain line per network that had trouble."""

    posts_read: int = 0
    accounts_read: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not (self.posts_read or self.accounts_read or self.problems):
            return "No figures were due for reading."
        line = (f"Read the figures of {self.posts_read} post(s) and the followers of "
                f"{self.accounts_read} account(s).")
        return " ".join([line, *self.problems])


def collect(db: Database, *, vault: SecretVault | None = None,
            reader_factory: ReaderFactory = reader_for, now: datetime | None = None,
            everything: bool = False) -> CollectReport:
    """Read what is due (``everything``: every post still being followed, due or not)."""
    now = now or datetime.now(UTC)
    vault = vault or SecretVault()
    report = CollectReport()
    with db.session() as session:
        plan = _plan(session, now, everything)
        connections: dict[int, Connection | str] = {}
        for account in {a for a, _ in plan}:
            connections[account.id] = _connection(account, vault)
        work = [(account.id, Platform(account.network), account.handle or account.name,
                 read_followers, posts) for (account, read_followers), posts in plan.items()]
    for account_id, network, name, read_followers, posts in work:
        connection = connections[account_id]
        if isinstance(connection, str):
            report.problems.append(connection)
            _failed(db, [p.entry_id for p in posts], account_id if read_followers else None,
                    now, None, connection)
            continue
        _collect_account(db, reader_factory(connection), network, account_id, name,
                         read_followers, posts, now, report)
    log.info("analytics: %s", report.summary())
    return report


def _plan(session: Session, now: datetime, everything: bool
          ) -> dict[tuple[ConnectedAccount, bool], list[_Due]]:
    """Which posts and accounts to read, grouped by the account they are read through."""
    plan: dict[tuple[ConnectedAccount, bool], list[_Due]] = {}
    due_accounts = set()
    for account in session.scalars(select(ConnectedAccount)):
        slot = _slot(session, "account", account.id)
        if everything or slot is None or (slot.next_at is not None and slot.next_at <= now):
            due_accounts.add(account.id)
    rows = session.execute(
        select(OutboxEntry, CollectionSchedule)
        .outerjoin(CollectionSchedule, (CollectionSchedule.kind == "post")
                   & (CollectionSchedule.ref_id == OutboxEntry.id))
        .where(OutboxEntry.state == str(OutboxState.SENT), OutboxEntry.remote_id != "",
               # Settled posts are no longer read; leaving them out keeps each look cheap.
               or_(OutboxEntry.sent_at.is_(None), OutboxEntry.sent_at > now - schedule.SETTLED))
        .order_by(OutboxEntry.id))
    for entry, slot in rows:
        sent = entry.sent_at
        if everything:
            if sent is not None and now - sent >= schedule.SETTLED:
                continue
        elif slot is not None and (slot.next_at is None or slot.next_at > now):
            continue
        account = account_for(session, entry.network, entry.account_id)
        if account is None:
            continue
        key = (account, account.id in due_accounts)
        plan.setdefault(key, []).append(_Due(entry.id, entry.post_id, entry.network,
                                             entry.remote_id, sent))
    for account in session.scalars(select(ConnectedAccount)):
        if account.id in due_accounts and not any(a.id == account.id for a, _ in plan):
            plan[(account, True)] = []
    return plan


def _connection(account: ConnectedAccount, vault: SecretVault) -> Connection | str:
    try:
        return connection_for(account, vault)
    except UserError as exc:  # the keyring lost the secret, or is locked
        return f"{Platform(account.network).label}: {exc} Figures will be read again later."


def _collect_account(db: Database, reader: MetricsReader, network: Platform, account_id: int,
                     name: str, read_followers: bool, posts: list[_Due], now: datetime,
                     report: CollectReport) -> None:
    waiting = list(posts)
    try:
        for batch in _chunks(posts, max(1, reader.batch_size)):
            readings = reader.read_posts([PostRef(p.remote_id, p.sent_at) for p in batch])
            _keep_readings(db, batch, readings, now)
            report.posts_read += sum(1 for p in batch if p.remote_id in readings)
            waiting = waiting[len(batch):]
            if reader.paused_for is not None:
                break
        if read_followers and reader.paused_for is None:
            followers = reader.read_followers()
            _keep_followers(db, account_id, network, name, followers, now)
            report.accounts_read += 1
            read_followers = False
        if reader.paused_for is not None:
            # The network's headers say its allowance is used up: the rest waits for the reset.
            _failed(db, [p.entry_id for p in waiting], account_id if read_followers else None,
                    now, reader.paused_for, "", count_failure=False)
    except PublishError as exc:
        report.problems.append(_problem(network, exc))
        _failed(db, [p.entry_id for p in waiting], account_id if read_followers else None,
                now, exc.retry_after, exc.plain)
    except Exception as exc:  # a fault of ours must not stop the other networks
        log.exception("reading figures from %s failed", network.label)
        report.problems.append(f"{network.label}: ClinicStudio could not read the figures "
                               f"({type(exc).__name__}); it will try again later.")
        _failed(db, [p.entry_id for p in waiting], account_id if read_followers else None,
                now, None, type(exc).__name__)
    finally:
        reader.close()


def _problem(network: Platform, exc: PublishError) -> str:
    if exc.reconnect:
        return (f"{network.label}: {exc.message} Reconnect it in Accounts; the figures will "
                "be read again after that.")
    return f"{network.label}: {exc.message} ClinicStudio will read the figures again later."


def _chunks(items: Sequence[_Due], size: int) -> Iterator[list[_Due]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def _keep_readings(db: Database, batch: list[_Due], readings: dict[str, PostReading],
                   now: datetime) -> None:
    for attempt in range(2):  # another process may add the same day's row at the same moment
        try:
            with db.transaction() as session:
                for due in batch:
                    reading = readings.get(due.remote_id)
                    if reading is not None:
                        keep_reading(session, due.post_id, due.network, now, reading.as_dict())
            break
        except IntegrityError:
            if attempt:
                raise
    for due in batch:
        _set_slot(db, "post", due.entry_id, schedule.next_post_reading(due.sent_at, now), 0, "")


def _keep_followers(db: Database, account_id: int, network: Platform, name: str,
                    followers: int | None, now: datetime) -> None:
    with db.transaction() as session:
        session.add(FollowerSnapshot(account_id=account_id, network=network.value,
                                     account=name, followers=followers, taken_at=now))
    _set_slot(db, "account", account_id, now + schedule.ACCOUNT_EVERY, 0, "")


def _failed(db: Database, entry_ids: list[int], account_id: int | None, now: datetime,
            wait: float | None, message: str, *, count_failure: bool = True) -> None:
    targets = [("post", e) for e in entry_ids]
    if account_id is not None:
        targets.append(("account", account_id))
    for kind, ref_id in targets:
        with db.session() as session:
            slot = _slot(session, kind, ref_id)
            failures = (slot.failures if slot else 0) + (1 if count_failure else 0)
        when = schedule.after_failure(max(failures, 1), now, wait)
        _set_slot(db, kind, ref_id, when, failures, message)


def _slot(session: Session, kind: str, ref_id: int) -> CollectionSchedule | None:
    return session.scalars(select(CollectionSchedule).where(
        CollectionSchedule.kind == kind, CollectionSchedule.ref_id == ref_id)).first()


def _set_slot(db: Database, kind: str, ref_id: int, next_at: datetime | None, failures: int,
              message: str) -> None:
    for _ in range(2):  # another process may create the same row at the same moment
        try:
            with db.transaction() as session:
                slot = _slot(session, kind, ref_id)
                if slot is None:
                    slot = CollectionSchedule(kind=kind, ref_id=ref_id)
                    session.add(slot)
                slot.next_at, slot.failures, slot.last_error = next_at, failures, message
            return
        except IntegrityError:
            continue


def next_reading_due(db: Database) -> datetime | None:
    """The earliest time a reading is due (for the window's timer); None when nothing is."""
    with db.session() as session:
        return session.scalars(select(CollectionSchedule.next_at)
                               .where(CollectionSchedule.next_at.is_not(None))
                               .order_by(CollectionSchedule.next_at).limit(1)).first()


