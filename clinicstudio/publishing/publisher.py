"""Publishing a post to its networks, in parallel, through the outbox.

:class:`Publisher` is what the window (from a worker thread), the command line and the scheduler
call. Each network goes out on its own thread; one network failing never holds back another,
and a partly published post is normal: publishing it again sends only the networks that did not
go out. Progress per network is reported through ``on_progress`` as it happens.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from clinicstudio.accounts import SecretVault, account_for, connection_for
from clinicstudio.domain import OutboxState, Platform, PostStatus, Role, UserError
from clinicstudio.governance.desk import Actor
from clinicstudio.governance.release import release_refusal
from clinicstudio.platforms.api import client_for
from clinicstudio.platforms.api.base import Connection, NetworkClient, OutgoingPost, Published
from clinicstudio.platforms.api.errors import PublishError, reconnect_error
from clinicstudio.publishing import outbox
from clinicstudio.publishing.followers import record_followers
from clinicstudio.publishing.gate import Blocker, CheckerFactory, blockers, demo_refusal
from clinicstudio.publishing.outgoing import outgoing_post
from clinicstudio.publishing.report import NetworkOutcome, PublishReport
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database
from clinicstudio.store.models import OutboxEntry, Post
from clinicstudio.store.posts import get_post
from clinicstudio.unattended.places import log_file

log = logging.getLogger(__name__)


Progress = Callable[[NetworkOutcome], None]
ClientFactory = Callable[[Connection], NetworkClient]


class PublishBlocked(UserError):
    """Publishing is held back by the office's rules (not a mistake in how it was asked)."""


def dated_reconnect(exc: PublishError, network: str, expires_at: datetime | None,
                    now: datetime) -> PublishError:
    """A reconnect error that says on which day the connection ran out, when that is known."""
    if expires_at is None or expires_at > now or "expired on" in exc.message:
        return exc
    return reconnect_error(Platform(network).label,
                           expired_on=f"{expires_at.day} {expires_at:%B %Y}", code=exc.code)


class Publisher:
    """Sends posts through the outbox. Safe to use from several threads and processes at once.

    ``on_progress`` is called from the sending threads with a :class:`NetworkOutcome` each time
    a network starts sending and when it settles (a GUI forwards it to a Qt signal).
    ``inline_wait``: a retry the network asks for within this many seconds is waited for here;
    later ones are left to ``publish-due`` (or the running window's scheduler).
    """

    def __init__(self, db: Database, *, vault: SecretVault | None = None,
                 checker_factory: CheckerFactory | None = None,
                 client_factory: ClientFactory = client_for, on_progress: Progress | None = None,
                 inline_wait: float = 10.0, retry_base: float = 5.0, actor: str = "",
                 person: Actor | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.db = db
        self.vault = vault or SecretVault()
        self.checker_factory = checker_factory
        self.client_factory = client_factory
        self.on_progress = on_progress
        self.inline_wait = inline_wait
        self.retry_base = retry_base
        #: Who asks to publish now (checked by the release gate); the audit log names them.
        self.person = person
        self.actor = person.name if person is not None else actor
        self.clock = clock
        self.worker = outbox.new_worker_id()

    # ---- deciding what goes out -------------------------------------------------------------

    def publish_now(self, post_id: int, networks: Iterable[str] | None = None) -> PublishReport:
        """A person publishes a post now (or again: only networks not yet sent are tried)."""
        now = self.clock()
        outbox.recover_abandoned(self.db, now, post_id)
        with self.db.transaction() as session:
            outbox.lock_post(session, post_id)
            post = get_post(session, post_id)
            if post.demo:
                raise PublishBlocked(demo_refusal(post.id))
            wanted = self._networks(post, networks)
            # Nobody named: in an office with staff accounts that is nobody signed in.
            person = self.person or Actor(self.actor, Role.AUTHOR)
            refusal = release_refusal(session, post, person)
            stopped = [] if refusal else self.prepare(session, post, wanted)
        if refusal:
            self._record_refusal(post_id, refusal)
            raise PublishBlocked(refusal)
        # Networks whose text is blocked have a failed row by now; the others still go out.
        report = self.send_pending(post_id, wanted)
        report.blockers = stopped
        return report

    def _record_refusal(self, post_id: int, reason: str) -> None:
        with self.db.transaction() as session:
            record(session, "publish_refused", actor=self.actor, post_id=post_id, reason=reason)

    @staticmethod
    def _networks(post: Post, networks: Iterable[str] | None) -> list[str]:
        chosen = post.networks
        if networks:
            try:
                asked = [Platform(str(n).lower()).value for n in networks]
            except ValueError:
                known = ", ".join(p.value for p in Platform)
                raise UserError(f"Unknown network in {', '.join(map(str, networks))}; "
                                f"use one of {known}.") from None
            missing = [n for n in asked if n not in chosen]
            if missing:
                raise UserError(f"Post {post.id} is not set to go to "
                                f"{', '.join(Platform(n).label for n in missing)}.")
            chosen = asked
        if not chosen:
            raise UserError(f"Post {post.id} has no networks to go to; pick at least one.")
        return chosen

    def prepare(self, session: Session, post: Post, networks: list[str]) -> list[Blocker]:
        """Check the post, make its outbox rows and mark it publishing (in the caller's lock).

        Networks with a blocking finding get a failed row saying why and are not sent.
        A demo clinic's post is refused outright.
        """
        if post.demo:
            raise PublishBlocked(demo_refusal(post.id))
        stopped = blockers(session, post, networks, self.checker_factory, self.db.media_dir)
        accounts = {}
        for network in networks:
            variant = next((v for v in post.variants if v.network == network), None)
            account = account_for(session, network, variant.account_id if variant else None)
            accounts[network] = account.id if account else None
        entries = outbox.enqueue(session, post, networks, account_ids=accounts)
        by_network: dict[str, Blocker] = {}
        for blocker in stopped:
            by_network.setdefault(blocker.network, blocker)
        for entry in entries:
            blocker = by_network.get(entry.network)
            if blocker is not None and entry.state == OutboxState.PENDING:
                entry.state = str(OutboxState.FAILED)
                entry.error_message = blocker.plain
        if stopped:
            record(session, "publish_blocked", actor=self.actor, post_id=post.id,
                   rules=sorted({b.rule for b in stopped}))
        if any(e.state == OutboxState.PENDING for e in entries):
            post.status = str(PostStatus.PUBLISHING)
            record(session, "publish_started", actor=self.actor, post_id=post.id,
                   networks=[e.network for e in entries if e.state == OutboxState.PENDING])
        return stopped

    # ---- sending ------------------------------------------------------------------------------

    def send_pending(self, post_id: int, networks: Iterable[str] | None = None,
                     now: datetime | None = None) -> PublishReport:
        """Send the post's pending rows due at ``now`` (one thread per network), then settle."""
        now = now or self.clock()
        wanted = set(networks) if networks else None
        with self.db.session() as session:
            due = [(e.id, e.network) for e in outbox.entries_for(session, post_id)
                   if e.state == OutboxState.PENDING and (wanted is None or e.network in wanted)
                   and (e.next_try_at is None or e.next_try_at <= now)]
        if due:
            with ThreadPoolExecutor(max_workers=len(due),
                                    thread_name_prefix=f"publish-{post_id}") as pool:
                for future in [pool.submit(self._send_entry, post_id, entry_id, network, now)
                               for entry_id, network in due]:
                    future.result()
        status = outbox.settle_post(self.db, post_id, self.clock())
        return self._report(post_id, status, wanted, [])

    def _send_entry(self, post_id: int, entry_id: int, network: str, now: datetime) -> None:
        for round_number in range(3):
            claim_at = now if round_number == 0 else max(now, self.clock())
            if not outbox.claim(self.db, entry_id, self.worker, claim_at):
                return  # another sender has it, or it is not due yet
            self._progress(NetworkOutcome(post_id, network, OutboxState.SENDING))
            with self._lease_kept(entry_id):
                delay = self._attempt(post_id, entry_id, network)
            if delay is None or delay > self.inline_wait or round_number == 2:
                return
            time.sleep(delay)

    @contextmanager
    def _lease_kept(self, entry_id: int) -> Iterator[None]:
        """Renew the row's claim while an attempt runs, so a long upload is never taken over."""
        stop = threading.Event()

        def renew() -> None:
            while not stop.wait(outbox.LEASE.total_seconds() / 3):
                try:
                    outbox.renew_claim(self.db, entry_id, self.worker, datetime.now(UTC))
                except Exception:  # the next renewal tries again; sending goes on
                    log.exception("could not renew the claim on outbox row %s", entry_id)

        keeper = threading.Thread(target=renew, name=f"lease-{entry_id}", daemon=True)
        keeper.start()
        try:
            yield
        finally:
            stop.set()
            keeper.join()

    def _attempt(self, post_id: int, entry_id: int, network: str) -> float | None:
        """One try at one network. Returns the delay before an automatic retry, if any."""
        client: NetworkClient | None = None
        try:
            with self.db.session() as session:
                entry = session.get(OutboxEntry, entry_id)
                assert entry is not None
                post = get_post(session, post_id)
                if post.demo:  # the last guard: whatever queued it, a demo post stays home
                    raise UserError(demo_refusal(post.id))
                account = account_for(session, network, entry.account_id)
                if account is None:
                    label = Platform(network).label
                    raise UserError(f"No {label} account is connected. Connect one in Accounts, "
                                    "then publish again.")
                connection = connection_for(account, self.vault)
                attempt, since, key = entry.attempt_count, entry.created_at, entry.idempotency_key
                client = self.client_factory(connection)
                outgoing = outgoing_post(session, self.db.media_dir, post, network, key,
                                         client.max_images)
        except UserError as exc:
            if client is not None:
                client.close()
            self._fail(post_id, entry_id, network, str(exc), code="setup")
            return None
        except Exception as exc:
            if client is not None:
                client.close()
            log.exception("could not prepare post %s for %s", post_id, network)
            self._fail(post_id, entry_id, network, "ClinicStudio could not prepare this post "
                       f"for {Platform(network).label} ({type(exc).__name__}); see the log: "
                       f"{log_file()}",
                       code="setup")
            return None
        try:
            published = None
            if attempt > 1:
                # An earlier attempt may have reached the network: look before sending again.
                published = client.find_existing(outgoing, since - timedelta(minutes=5))
            if published is None:
                published = client.publish(outgoing)
            self._sent(post_id, entry_id, network, published)
            if outgoing.targeting:
                record_followers(self.db, client, self.clock())
            return None
        except PublishError as exc:
            if exc.reconnect:
                exc = dated_reconnect(exc, network, connection.expires_at, self.clock())
            return self._handle_error(post_id, entry_id, network, exc, client, outgoing, since,
                                      attempt)
        except UserError as exc:  # e.g. the keyring refused to keep a renewed token
            self._fail(post_id, entry_id, network, str(exc), code="setup")
            return None
        except Exception as exc:  # a fault of ours must not leave the row claimed forever
            log.exception("unexpected problem sending post %s to %s", post_id, network)
            error = PublishError("ClinicStudio hit an unexpected problem while sending.",
                                 f"It will try again; see the log if this repeats: {log_file()}",
                                 retryable=True, uncertain=True, code=type(exc).__name__)
            return self._handle_error(post_id, entry_id, network, error, client, outgoing,
                                      since, attempt)
        finally:
            client.close()

    def _handle_error(self, post_id: int, entry_id: int, network: str, exc: PublishError,
                      client: NetworkClient, outgoing: OutgoingPost, since: datetime,
                      attempt: int) -> float | None:
        if exc.duplicate:
            try:
                existing = client.find_existing(outgoing, since - timedelta(minutes=5))
            except PublishError:
                existing = None
            if existing is not None:
                self._sent(post_id, entry_id, network, existing)
                return None
            self._fail(post_id, entry_id, network, f"{exc.message} Check the account; if the "
                       "post is not there, change its wording and publish again.", exc.code)
            return None
        if exc.retryable and attempt < outbox.MAX_ATTEMPTS:
            # A network's reset header is honoured, but never beyond a day: a wrong clock or
            # a garbled header must not park a clinic's post for weeks.
            wait = (min(max(exc.retry_after, 1.0), outbox.MAX_WAIT.total_seconds())
                    if exc.retry_after is not None
                    else outbox.backoff(attempt, self.retry_base).total_seconds())
            next_try = self.clock() + timedelta(seconds=wait)
            outbox.finish(self.db, entry_id, self.worker, actor=self.actor, now=self.clock(),
                          state=str(OutboxState.PENDING), next_try_at=next_try,
                          error_message=exc.plain, audit="publish_retry", post_id=post_id,
                          detail={"network": network, "code": exc.code, "wait": wait})
            self._progress(NetworkOutcome(post_id, network, OutboxState.PENDING,
                                          message=exc.plain, next_try_at=next_try))
            return wait
        if exc.retryable:
            # Out of automatic tries: the message must not promise another one.
            self._fail(post_id, entry_id, network, f"{exc.message} ClinicStudio tried "
                       f"{attempt} times and has stopped; publish again when "
                       f"{Platform(network).label} works.", exc.code)
            return None
        self._fail(post_id, entry_id, network, exc.plain, exc.code)
        return None

    def _sent(self, post_id: int, entry_id: int, network: str, published: Published) -> None:
        now = self.clock()
        outbox.finish(self.db, entry_id, self.worker, actor=self.actor, now=now,
                      state=str(OutboxState.SENT),
                      remote_id=published.remote_id, remote_url=published.url, sent_at=now,
                      error_message="", next_try_at=None, audit="published", post_id=post_id,
                      detail={"network": network, "url": published.url})
        self._progress(NetworkOutcome(post_id, network, OutboxState.SENT, url=published.url))

    def _fail(self, post_id: int, entry_id: int, network: str, message: str, code: str) -> None:
        outbox.finish(self.db, entry_id, self.worker, actor=self.actor, now=self.clock(),
                      state=str(OutboxState.FAILED),
                      error_message=message, next_try_at=None, audit="publish_failed",
                      post_id=post_id, detail={"network": network, "code": code,
                                               "message": message})
        self._progress(NetworkOutcome(post_id, network, OutboxState.FAILED, message=message))

    def _progress(self, outcome: NetworkOutcome) -> None:
        if self.on_progress is not None:
            try:
                self.on_progress(outcome)
            except Exception:  # a display problem must not stop a publish
                log.exception("progress callback failed")

    def _report(self, post_id: int, status: PostStatus, networks: Iterable[str] | None,
                stopped: list[Blocker]) -> PublishReport:
        wanted = set(networks) if networks else None
        with self.db.session() as session:
            outcomes = [NetworkOutcome(post_id, e.network, OutboxState(e.state), e.remote_url,
                                       e.error_message, e.next_try_at)
                        for e in outbox.entries_for(session, post_id)
                        if wanted is None or e.network in wanted]
        return PublishReport(post_id, status, outcomes, stopped)
