"""Telling someone: what a ``publish-due`` run found wrong, as plain lines, in the log, in the
last-run file and as a desktop notification.

A failed post and a connection about to expire are both things a person must act on; a post
that will simply be retried is not (it is logged, not announced).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from clinicstudio.domain import OutboxState, Platform, UserError
from clinicstudio.publishing import DueReport
from clinicstudio.store.database import Database
from clinicstudio.store.models import ConnectedAccount
from clinicstudio.unattended.last_run import record_last_run
from clinicstudio.unattended.notify import notify
from clinicstudio.unattended.places import log_file, state_folder

log = logging.getLogger("clinicstudio.publish_due")
# A connection this close to expiring is announced (once a day), so someone reconnects it
# before a post fails.
EXPIRY_WARNING = timedelta(days=7)

Notifier = Callable[[str, str], bool]


def failed_lines(report: DueReport) -> list[str]:
    """One line per post and network that failed for good, with the network's reason."""
    lines = []
    for result in report.results:
        for blocker in result.blockers:
            # Without the flagged words: they may name a patient, and this goes on screen.
            lines.append(f"Post {result.post_id} was not sent to {blocker.network}: blocked by "
                         f"check {blocker.rule}: {blocker.message}")
        for outcome in result.outcomes:
            if outcome.state is OutboxState.FAILED:
                lines.append(f"Post {result.post_id} on {outcome.line}")
    if report.held:
        lines.append(f"{len(report.held)} late post(s) are held for a person to decide "
                     "(open ClinicStudio to publish or reschedule them).")
    return lines


def expiring_lines(db: Database, now: datetime) -> list[str]:
    """One line per connected account whose authorization ends within a week (or has ended)."""
    with db.session() as session:
        expires = ConnectedAccount.token_expires_at
        accounts = session.scalars(select(ConnectedAccount).where(
            expires.is_not(None), expires <= now + EXPIRY_WARNING)).all()
    lines = []
    for account in accounts:
        when = account.token_expires_at
        assert when is not None
        label = Platform(account.network).label
        verb = "expired on" if when <= now else "expires on"
        lines.append(f"The {label} connection “{account.name}” {verb} {when:%d %B %Y}: reconnect "
                     "it in ClinicStudio › Accounts.")
    return lines


def report_run(db: Database, report: DueReport, *, notifier: Notifier = notify,
               now: datetime | None = None) -> list[str]:
    """Log, record and announce what needs a person after a run; returns those lines."""
    now = now or datetime.now(UTC)
    failures = failed_lines(report)
    expiring = _not_yet_announced_today(expiring_lines(db, now), now)
    for line in failures:
        log.error("%s", line)
    for line in expiring:
        log.warning("%s", line)
    log.info("publish-due on %s: %s", db.describe(), report.summary())
    record_last_run(not failures, report.summary(), failures + expiring, now)
    where = f"See the log: {log_file()}"
    if failures:
        title = ("A scheduled post could not be published" if len(failures) == 1
                 else f"{len(failures)} scheduled posts need attention")
        notifier(f"ClinicStudio: {title}", "\n".join([*failures[:3], where]))
    if expiring:
        notifier("ClinicStudio: a connection is about to expire", "\n".join(expiring[:3]))
    return failures + expiring


def _not_yet_announced_today(lines: list[str], now: datetime) -> list[str]:
    """Expiry warnings once a day, not every five minutes."""
    path = state_folder() / "expiry-warnings.json"
    today = now.date().isoformat()
    try:
        seen = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seen = {}
    fresh = [line for line in lines if seen.get(line) != today]
    if fresh:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({**{k: v for k, v in seen.items() if k in lines},
                                        **{line: today for line in fresh}}), encoding="utf-8")
        except OSError:
            pass
    return fresh


def run_daily_backup(db: Database, *, notifier: Notifier = notify,
                     now: datetime | None = None) -> str | None:
    """Make today's automatic backup if due; a failure is logged and announced, not raised."""
    from clinicstudio.safekeeping.daily import backup_if_due

    try:
        made = backup_if_due(db, now)
    except UserError as exc:
        log.error("the daily backup failed: %s", exc)
        notifier("ClinicStudio: today's backup could not be made",
                 f"{exc}\nSee the log: {log_file()}")
        return f"The daily backup failed: {exc}"
    if made is not None:
        log.info("daily backup written to %s", made)
    return None
