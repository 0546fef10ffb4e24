"""The Accounts window's service: each network's connection in plain words, connect, disconnect.

No Qt. :class:`AccountsDesk` is what the Accounts dialog and the expiry banner call (from worker
threads); it says what each network needs, runs the connect flows of
:mod:`clinicstudio.accounts.flows` and lets a browser sign-in be cancelled. Secrets pass
through it into the keyring and are never kept, logged or returned.
"""

from __future__ import annotations

import logging
import threading
import urllib.request
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from clinicstudio.accounts.connections import (
    ExpiryWarning,
    disconnect,
    expiring_connections,
    list_connections,
)
from clinicstudio.accounts.vault import KeyringUnavailable, SecretVault
from clinicstudio.domain import Changes, Platform, UserError
from clinicstudio.store.database import Database

log = logging.getLogger(__name__)

#: Networks signed in through the browser (OAuth with a loopback redirect).
BROWSER_SIGN_IN = (Platform.X, Platform.MASTODON, Platform.LINKEDIN)


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One line of the Accounts window: a network and its connection (if any). No secrets."""

    network: Platform
    name: str = ""  # the connection's name; "" when the network is not connected
    display_name: str = ""
    handle: str = ""
    server: str = ""
    status: str = "Not connected"
    #: "connected", "expiring", "expired" or "none" (for the status colour).
    state: str = "none"
    #: The office app's OAuth client ID (X, LinkedIn), public, kept so reconnecting is one click.
    client_id: str = ""

    @property
    def connected(self) -> bool:
        return bool(self.name)


@dataclass(frozen=True, slots=True)
class ConnectRequest:
    """What the person typed to connect a network. ``secret`` is the app password or token."""

    network: Platform
    name: str = ""
    handle: str = ""
    secret: str = ""
    service_url: str = ""
    client_id: str = ""
    broker_url: str = ""

    def __repr__(self) -> str:  # never show the secret, even in a traceback
        return f"ConnectRequest(network={self.network.value!r}, name={self.name!r})"


class SignInCancelled(Exception):
    """The person pressed Cancel while the browser sign-in was waiting."""


class BrowserSignIn:
    """Opens the sign-in page and lets the wait for the browser be cancelled from another thread.

    Cancelling answers ClinicStudio's own loopback listener with ``error=cancelled`` (the
    address and ``state`` are in the sign-in URL), so the flow stops at once instead of
    waiting out its timeout.
    """

    def __init__(self, open_browser: Callable[[str], object] = webbrowser.open) -> None:
        self._open_browser = open_browser
        self._url = ""
        self._lock = threading.Lock()
        self.cancelled = False

    def open(self, url: str) -> None:
        with self._lock:
            self._url = url
            cancelled = self.cancelled
        if cancelled:
            self._answer_listener()
        else:
            self._open_browser(url)

    def cancel(self) -> None:
        with self._lock:
            self.cancelled = True
            ready = bool(self._url)
        if ready:
            self._answer_listener()

    def _answer_listener(self) -> None:
        query = parse_qs(urlparse(self._url).query)
        redirect, state = query.get("redirect_uri", [""])[0], query.get("state", [""])[0]
        if not redirect.startswith("http://127.0.0.1:"):
            return
        answer = f"{redirect}?{urlencode({'state': state, 'error': 'cancelled'})}"
        try:
            with urllib.request.urlopen(answer, timeout=5):
                pass
        except OSError as exc:  # the listener already closed: the flow is ending anyway
            log.info("sign-in listener did not take the cancel: %s", exc)


def status_words(expires_at: datetime | None, now: datetime) -> tuple[str, str]:
    """("Expires on 3 May (in 9 days)", "expiring") and the like, for a connected account."""
    if expires_at is None:
        return "Connected", "connected"
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    if expires_at <= now:
        return "Expired: reconnect", "expired"
    # Calendar days as the person at this desk counts them, in the computer's own time zone.
    expires_local, now_local = expires_at.astimezone(), now.astimezone()
    days = (expires_local.date() - now_local.date()).days
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    state = "expiring" if days <= 14 else "connected"
    return f"Expires on {expires_local.day} {expires_local:%B} ({when})", state


class AccountsDesk:
    """Connections for the window. Every method may block; call them from worker threads."""

    def __init__(self, db: Database, vault: SecretVault | None = None, *,
                 actor: Callable[[], str] = lambda: "") -> None:
        self.db = db
        self.vault = vault or SecretVault()
        self._actor = actor

    def rows(self, now: datetime | None = None) -> list[AccountRow]:
        """Every connection, and one "Not connected" line for each network without one."""
        now = now or datetime.now(UTC)
        with self.db.session() as session:
            accounts = list_connections(session)
            found: dict[Platform, list[AccountRow]] = {}
            for account in accounts:
                status, state = status_words(account.token_expires_at, now)
                network = Platform(account.network)
                found.setdefault(network, []).append(AccountRow(
                    network, account.name, account.display_name or "", account.handle or "",
                    _server(network, account.service_url or ""), status, state,
                    str((account.details or {}).get("client_id", ""))))
        rows: list[AccountRow] = []
        for network in Platform:
            rows += found.get(network) or [AccountRow(network)]
        return rows

    def expiring(self, within_days: int = 14, now: datetime | None = None) -> list[ExpiryWarning]:
        with self.db.session() as session:
            return expiring_connections(session, within_days=within_days, now=now)

    def keyring_problem(self) -> str | None:
        """Why nothing could be stored here (no secure keyring), or None when all is well."""
        try:
            self.vault.ensure_secure()
        except UserError as exc:
            return f"Nothing was stored. {exc}"
        return None

    def connect(self, request: ConnectRequest, sign_in: BrowserSignIn | None = None,
                timeout: float = 300.0) -> Changes:
        """Verify the connection with the network, then keep it (the secret in the keyring).

        Raises :class:`UserError` with a plain reason, or :class:`SignInCancelled`.
        """
        problem = self.keyring_problem()
        if problem:  # say so before the person signs in for nothing
            raise UserError(problem)
        _check_complete(request)
        sign_in = sign_in or BrowserSignIn()
        try:
            with self.db.transaction() as session:
                self._run_flow(session, request, sign_in, timeout)
        except UserError as exc:
            if sign_in.cancelled:
                raise SignInCancelled() from exc
            if isinstance(exc, KeyringUnavailable):
                raise UserError(f"Nothing was stored. {exc}") from exc
            raise
        log.info("connected %s account %r", request.network.value, request.name)
        return Changes(accounts=True)

    def _run_flow(self, session: Any, r: ConnectRequest, sign_in: BrowserSignIn,
                  timeout: float) -> None:
        # The sign-in flows bring the HTTP library with them: loaded when someone connects,
        # not when the window opens.
        from clinicstudio.accounts import flows

        name, network, browser = r.name.strip() or r.network.label, r.network, sign_in.open
        account: Any = None
        if network is Platform.BLUESKY:
            flows.connect_bluesky(session, self.vault, name=name, handle=r.handle.strip(),
                                  app_password=r.secret.strip(),
                                  service_url=r.service_url.strip())
        elif network is Platform.MASTODON:
            flows.connect_mastodon(session, self.vault, name=name,
                                   service_url=r.service_url.strip(), open_browser=browser,
                                   timeout=timeout)
        elif network is Platform.X:
            account = flows.connect_x(session, self.vault, name=name, client_id=r.client_id.strip(),
                            service_url=r.service_url.strip(), open_browser=browser,
                            timeout=timeout)
        elif network is Platform.LINKEDIN:
            account = flows.connect_linkedin(session, self.vault, name=name,
                                   client_id=r.client_id.strip(), token=r.secret.strip(),
                                   service_url=r.service_url.strip(), open_browser=browser,
                                   timeout=timeout)
        else:
            token = r.secret.strip()
            if r.broker_url.strip() and not token:
                token = flows.token_from_broker(r.broker_url.strip(), network,
                                                open_browser=browser, timeout=timeout)
            flows.connect_meta(session, self.vault, network, name=name, token=token,
                               service_url=r.service_url.strip())
        if account is not None and r.client_id.strip():
            account.details = {**(account.details or {}), "client_id": r.client_id.strip()}

    def disconnect(self, name: str) -> Changes:
        """Forget the connection here and remove its secret from the keyring.

        When the keyring cannot remove it, the connection is still forgotten and
        :class:`UserError` then names the keyring entry to remove by hand.
        """
        leftover: list[str] = []
        with self.db.transaction() as session:
            changes = disconnect(session, self.vault, name, actor=self._actor(),
                                 leftover=leftover)
        if leftover:
            raise UserError(f"Disconnected {name} here. {leftover[0]}")
        return changes


def _check_complete(r: ConnectRequest) -> None:
    """The same questions the flows ask, in the window's words (no command-line options)."""
    missing = ""
    if r.network is Platform.BLUESKY and not (r.handle.strip() and r.secret.strip()):
        missing = "Bluesky needs your handle and an app password."
    elif r.network is Platform.MASTODON and not r.service_url.strip():
        missing = "Give your Mastodon server's address, for example mastodon.social."
    elif r.network is Platform.X and not r.client_id.strip():
        missing = "X needs the client ID of your office's X app."
    elif r.network is Platform.LINKEDIN and not (r.client_id.strip() or r.secret.strip()):
        missing = "LinkedIn needs your app's client ID, or a pasted access token."
    elif r.network in (Platform.FACEBOOK, Platform.INSTAGRAM) and not (
            r.secret.strip() or r.broker_url.strip()):
        missing = f"Paste the Page token for {r.network.label}, or give a token broker address."
    if missing:
        raise UserError(missing)


def _server(network: Platform, url: str) -> str:
    """The server worth showing: only where people choose it (Mastodon, a Bluesky host)."""
    if network not in (Platform.MASTODON, Platform.BLUESKY):
        return ""
    host = urlparse(url).netloc or url
    return "" if host == "bsky.social" else host
