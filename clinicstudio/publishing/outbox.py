"""The publishing outbox: one row per post and network, moved through its states atomically.

Every change of state that matters is one conditional UPDATE (``... WHERE state = 'pending'``),
so two threads, two processes on one SQLite file or several desktops on one PostgreSQL database
can never both take the same row. A row is put in ``sending`` and committed *before* the network
is called: if the process dies there, the row stays ``sending`` under a claim whose process is
gone (or whose lease ran out), is put back to ``pending`` by :func:`recover_abandoned`, and the
next attempt asks the network whether the post is already there before sending it again.

A claim names the computer, the process number *and that process's start time*: a number the
operating system has since given to another program (after a crash or a reboot) does not keep a
post. Where the start time cannot be read, the lease decides: a live sender renews it every
few minutes, so a claim nobody renews ends after :data:`LEASE`.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from clinicstudio.domain import OutboxState, Platform, PostStatus, UserError
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database
from clinicstudio.store.models import OutboxEntry, Post

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# A live sender never holds a row this long (network calls time out well before).
LEASE = timedelta(minutes=15)
# The longest automatic wait, even when a network's reset header asks for more.
MAX_WAIT = timedelta(hours=24)
HOST = socket.gethostname()


def process_started(pid: int) -> str | None:
    """When process ``pid`` started, as an opaque text that differs for a reused number.

    Linux: the boot's id and the start time in clock ticks (``/proc/<pid>/stat``, field 22);
    elsewhere psutil's creation time when psutil is installed; otherwise None (unknown).
    """
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rsplit(")", 1)[-1].split()
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as boot:
            return f"{boot.read().strip()[:8]}.{fields[19]}"
    except (OSError, IndexError):
        pass
    try:
        import psutil  # type: ignore[import-untyped]
    except ImportError:
        return None
    try:
        return f"{psutil.Process(pid).create_time():.3f}"
    except Exception:  # gone, or not ours to ask
        return None


_STARTED = process_started(os.getpid()) or ""


def new_worker_id() -> str:
    """Who claims a row: this computer, this process (number and start time), this sender."""
    return f"{HOST}|{os.getpid()}|{uuid.uuid4().hex[:8]}|{_STARTED}"


def claim_owner(claimed_by: str) -> tuple[str, int | None, str]:
    """(computer, process number, process start time) of a claim; older claims have no time."""
    parts = claimed_by.split("|")
    host = parts[0]
    pid = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    started = parts[3] if len(parts) > 3 else ""
    return host, pid, started


def idempotency_key_for(network: str) -> str:
    # Bluesky uses the key as the post's record key, which must be a TID.
    if network == Platform.BLUESKY:
        from clinicstudio.platforms.api.bluesky import make_tid  # brings requests: when sent

        return make_tid()
    return uuid.uuid4().hex


def backoff(attempt: int, base: float = 5.0) -> timedelta:
    """Wait before automatic retry number ``attempt``: 5 s, 15 s, 45 s, 2 min ... at most 1 h."""
    return timedelta(seconds=min(base * 3 ** max(0, attempt - 1), 3600.0))


def lock_post(session: Session, post_id: int) -> None:
    """Serialise decisions about one post: a row lock on PostgreSQL, the write lock on SQLite.

    It must be the first statement of its transaction, so SQLite reads what others committed.
    """
    session.execute(text("UPDATE posts SET revision = revision WHERE id = :id"), {"id": post_id})


def entries_for(session: Session, post_id: int) -> list[OutboxEntry]:
    query = select(OutboxEntry).where(OutboxEntry.post_id == post_id).order_by(OutboxEntry.network)
    return list(session.scalars(query))


def enqueue(session: Session, post: Post, networks: list[str], *,
            account_ids: dict[str, int | None]) -> list[OutboxEntry]:
    """Make sure each network has its row; failed or cancelled rows go back to pending.

    A row that was tried before keeps its idempotency key and its attempt count, so the next
    attempt checks the network first. Sent rows are never touched: a post goes out once.
    """
    existing = {entry.network: entry for entry in entries_for(session, post.id)}
    for network in networks:
        entry = existing.get(network)
        if entry is None:
            entry = OutboxEntry(post_id=post.id, network=network,
                                idempotency_key=idempotency_key_for(network),
                                state=str(OutboxState.PENDING), account_id=account_ids.get(network))
            session.add(entry)
            existing[network] = entry
        elif entry.state in (OutboxState.FAILED, OutboxState.CANCELLED):
            entry.state = str(OutboxState.PENDING)
            entry.next_try_at = None
            entry.error_message = ""
            entry.attempt_count = min(entry.attempt_count, 1)
            entry.account_id = account_ids.get(network, entry.account_id)
    session.flush()
    return [existing[n] for n in networks]


def claim(db: Database, entry_id: int, worker: str, now: datetime) -> bool:
    """Take a pending row for sending. True for exactly one caller, however many try at once."""
    with db.transaction() as session:
        result = session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id == entry_id, OutboxEntry.state == str(OutboxState.PENDING),
                   (OutboxEntry.next_try_at.is_(None)) | (OutboxEntry.next_try_at <= now))
            .values(state=str(OutboxState.SENDING), claimed_by=worker, claimed_at=now,
                    attempt_count=OutboxEntry.attempt_count + 1, updated_at=now)
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)


def finish(db: Database, entry_id: int, worker: str, now: datetime, *, audit: str = "",
           post_id: int | None = None, detail: dict[str, Any] | None = None,
           actor: str = "", **values: Any) -> bool:
    """Record a claimed row's outcome (state, remote id, error ...) if we still hold it.

    ``audit`` names the audit event written in the same transaction (with ``detail``).
    """
    with db.transaction() as session:
        if audit:
            record(session, audit, actor=actor, post_id=post_id, **(detail or {}))
        result = session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id == entry_id, OutboxEntry.state == str(OutboxState.SENDING),
                   OutboxEntry.claimed_by == worker)
            .values(updated_at=now, **values)
            .execution_options(synchronize_session=False))
        held = getattr(result, "rowcount", 0) == 1
    if not held:
        log.warning("outbox row %s was taken over before its result was stored", entry_id)
    return bool(held)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))  # type: ignore[attr-defined]
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (killed, not yet reaped by its parent) is gone for our purposes.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def abandoned(claimed_by: str, claimed_at: datetime | None, now: datetime) -> bool:
    """A ``sending`` row whose sender died (same computer) or went silent (lease ran out).

    On this computer the sender's process is asked directly: a live sender (same number, same
    start time) keeps its row however long a slow upload takes, since taking it over would
    send the post a second time. A number now used by another process does not count. When
    that cannot be told (an older claim, or no start time on this system), and for senders
    elsewhere, the lease decides; live senders renew it while they work (:func:`renew_claim`).
    """
    host, pid, started = claim_owner(claimed_by)
    if host == HOST and pid is not None:
        if not _process_alive(pid):
            return True
        now_started = process_started(pid) if started else None
        if now_started is not None:
            return now_started != started
    return claimed_at is None or claimed_at < now - LEASE


def why_abandoned(claimed_by: str) -> str:
    """In words, why a claim no longer holds (for the message kept on the row)."""
    host, pid, started = claim_owner(claimed_by)
    if host == HOST and pid is not None:
        if not _process_alive(pid):
            return "the ClinicStudio that was sending it has stopped"
        if started and process_started(pid) not in (None, started):
            return ("the ClinicStudio that was sending it has stopped (its process number now "
                    "belongs to another program)")
    return "the sender stopped renewing its claim"


def renew_claim(db: Database, entry_id: int, worker: str, now: datetime) -> bool:
    """Tell other computers this sender is still at work on the row (its lease starts again)."""
    with db.transaction() as session:
        result = session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id == entry_id, OutboxEntry.state == str(OutboxState.SENDING),
                   OutboxEntry.claimed_by == worker)
            .values(claimed_at=now)
            .execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0) == 1)


def recover_abandoned(db: Database, now: datetime, post_id: int | None = None) -> list[int]:
    """Put rows left ``sending`` by a dead sender back to pending; they will be checked first."""
    with db.session() as session:
        query = select(OutboxEntry.id, OutboxEntry.claimed_by, OutboxEntry.claimed_at).where(
            OutboxEntry.state == str(OutboxState.SENDING))
        if post_id is not None:
            query = query.where(OutboxEntry.post_id == post_id)
        rows = session.execute(query).all()
    recovered = []
    for entry_id, claimed_by, claimed_at in rows:
        if not abandoned(claimed_by, claimed_at, now):
            continue
        why = why_abandoned(claimed_by)
        if release(db, entry_id, claimed_by, now, why=why, actor="publish-due"):
            recovered.append(entry_id)
            log.warning("outbox row %s was left sending by %s (%s); it will be checked and "
                        "retried", entry_id, claimed_by, why)
    return recovered


def release(db: Database, entry_id: int, claimed_by: str, now: datetime, *, why: str,
            actor: str) -> bool:
    """Put a ``sending`` row still under ``claimed_by`` back to pending, with an audit record.

    The next attempt asks the network whether the post is already there before sending again.
    """
    with db.transaction() as session:
        result = session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id == entry_id, OutboxEntry.state == str(OutboxState.SENDING),
                   OutboxEntry.claimed_by == claimed_by)
            .values(state=str(OutboxState.PENDING), next_try_at=None, updated_at=now,
                    claimed_by="", claimed_at=None,
                    error_message=f"Interrupted while sending ({why}); checking the network "
                                  "first.")
            .execution_options(synchronize_session=False))
        if getattr(result, "rowcount", 0) != 1:
            return False
        entry = session.get(OutboxEntry, entry_id)
        record(session, "outbox_released", actor=actor,
               post_id=entry.post_id if entry else None, entry=entry_id,
               network=entry.network if entry else "", reason=why, claimed_by=claimed_by)
    return True


def repair_publishing_posts(db: Database, now: datetime) -> list[int]:
    """Posts left "publishing" although none of their rows is waiting or being sent.

    A sender killed between recording a network's result and updating the post leaves it so;
    settling it from its rows gives the status it should have (published, failed ...).
    """
    with db.session() as session:
        candidates = list(session.scalars(
            select(Post.id).where(Post.status == str(PostStatus.PUBLISHING))))
    repaired = []
    for post_id in candidates:
        with db.session() as session:
            busy = any(e.state in (OutboxState.PENDING, OutboxState.SENDING)
                       for e in entries_for(session, post_id))
        if not busy and settle_post(db, post_id, now) is not PostStatus.PUBLISHING:
            repaired.append(post_id)
            log.warning("post %s was left publishing; its status was repaired", post_id)
    return repaired


def settle_post(db: Database, post_id: int, now: datetime) -> PostStatus:
    """Set the post's status from its rows: published, partly published, failed or publishing."""
    with db.transaction() as session:
        lock_post(session, post_id)
        post = session.get(Post, post_id)
        if post is None:
            return PostStatus.FAILED
        rows = [e for e in entries_for(session, post_id) if e.state != OutboxState.CANCELLED]
        states = {OutboxState(e.state) for e in rows}
        sent = [e for e in rows if e.state == OutboxState.SENT]
        if not rows:
            return PostStatus(post.status)
        if states == {OutboxState.SENT}:
            status = PostStatus.PUBLISHED
        elif sent:
            status = PostStatus.PARTLY_PUBLISHED
        elif states & {OutboxState.PENDING, OutboxState.SENDING}:
            status = PostStatus.PUBLISHING
        else:
            status = PostStatus.FAILED
        post.status = str(status)
        if sent:
            post.published_at = min((e.sent_at or now) for e in sent)
        return status


def withdraw(db: Database, post_id: int, networks: list[str] | None = None,
             now: datetime | None = None) -> list[str]:
    """Stop a post from going (further) to ``networks`` (default: all not yet sent).

    Only rows still waiting or failed are withdrawn; a row being sent right now finishes, and a
    sent post stays sent (delete it on the network itself). Returns the networks withdrawn.
    """
    now = now or datetime.now(UTC)
    with db.transaction() as session:
        lock_post(session, post_id)
        rows = [e for e in entries_for(session, post_id)
                if e.state in (OutboxState.PENDING, OutboxState.FAILED)
                and (networks is None or e.network in networks)]
        for entry in rows:
            entry.state = str(OutboxState.CANCELLED)
            entry.next_try_at = None
        if rows:
            record(session, "publish_withdrawn", post_id=post_id,
                   networks=[e.network for e in rows])
    settle_post(db, post_id, now)
    return [e.network for e in rows]


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """One post on one network not yet sent, as a person looks at it."""

    id: int
    post_id: int
    title: str
    network: str
    state: str
    attempts: int
    next_try_at: datetime | None
    claimed_by: str
    #: Left "sending" by a sender that stopped: releasing it is safe.
    stuck: bool
    message: str

    @property
    def state_words(self) -> str:
        if self.stuck:
            return "Stuck (the sender stopped)"
        return {"sending": "Being sent", "pending": "Waiting", "failed": "Failed",
                "sent": "Sent", "cancelled": "Withdrawn"}.get(self.state, self.state)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def waiting_rows(db: Database, now: datetime, *, include_done: bool = False) -> list[OutboxRow]:
    """Every network row not yet sent (or all of them), oldest first."""
    with db.session() as session:
        query = select(OutboxEntry, Post.title).join(Post, Post.id == OutboxEntry.post_id)
        if not include_done:
            query = query.where(OutboxEntry.state.not_in(
                [str(OutboxState.SENT), str(OutboxState.CANCELLED)]))
        found = session.execute(query.order_by(OutboxEntry.id)).all()
    return [OutboxRow(e.id, e.post_id, title or "", e.network, e.state, e.attempt_count,
                      e.next_try_at, e.claimed_by if e.state == OutboxState.SENDING else "",
                      e.state == OutboxState.SENDING
                      and abandoned(e.claimed_by, _aware(e.claimed_at), now),
                      e.error_message) for e, title in found]


def release_row(db: Database, row_id: int, now: datetime, *, actor: str,
                force: bool = False) -> OutboxRow:
    """A person releases a row left "sending"; :class:`UserError` says why when it cannot be."""
    rows = {r.id: r for r in waiting_rows(db, now, include_done=True)}
    row = rows.get(row_id)
    if row is None:
        raise UserError(f"There is no outbox row {row_id}; look again at the list.")
    label = Platform(row.network).label
    if row.state != OutboxState.SENDING:
        raise UserError(f"Row {row.id} (post {row.post_id} to {label}) is {row.state}, not "
                        "stuck; nothing to release.")
    if not force and not row.stuck:
        raise UserError(f"Row {row.id} is being sent right now by a running ClinicStudio; "
                        "wait a few minutes, or release it anyway if you are sure none is "
                        "running.")
    with db.session() as session:
        entry = session.get(OutboxEntry, row_id)
        claimed_by = entry.claimed_by if entry else ""
    if not release(db, row_id, claimed_by, now, why="released by a person", actor=actor):
        raise UserError(f"Row {row.id} changed while it was being released; look again.")
    settle_post(db, row.post_id, now)
    return row
