"""Connected accounts: the database row (who, where, until when) and its keyring secret."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.accounts.vault import SecretNotRemoved, SecretVault
from clinicstudio.domain import Changes, Platform, UserError
from clinicstudio.platforms.api.base import Connection
from clinicstudio.store.audit import record
from clinicstudio.store.models import ConnectedAccount

log = logging.getLogger(__name__)

DEFAULT_URLS = {
    Platform.FACEBOOK: "https://graph.facebook.com/v25.0",
    Platform.INSTAGRAM: "https://graph.facebook.com/v25.0",
    Platform.X: "https://api.x.com",
    Platform.LINKEDIN: "https://api.linkedin.com",
    Platform.MASTODON: "",
    Platform.BLUESKY: "https://bsky.social",
}


@dataclass(frozen=True, slots=True)
class ExpiryWarning:
    """A connection that stops working soon (or already has), for the window to warn about."""

    account_id: int
    name: str
    network: Platform
    expires_at: datetime
    expired: bool

    @property
    def message(self) -> str:
        day = f"{self.expires_at.day} {self.expires_at:%B}"
        which = f"Your {self.network.label} connection “{self.name}”"
        if self.expired:
            return f"{which} expired on {day}: reconnect it in Accounts."
        return f"{which} expires on {day}: reconnect it in Accounts before then."


def keyring_key_for(network: Platform, name: str) -> str:
    return f"account/{network.value}/{name}"


def save_connection(session: Session, vault: SecretVault, *, network: Platform, name: str,
                    secrets: Mapping[str, Any], handle: str = "", display_name: str = "",
                    remote_id: str = "", service_url: str = "",
                    expires_at: datetime | None = None, details: Mapping[str, Any] | None = None,
                    actor: str = "") -> tuple[ConnectedAccount, Changes]:
    """Store a new or renewed connection: the secret to the keyring, the rest to the database.

    Reconnecting an account of the same name replaces its secret and details.
    """
    name = name.strip() or f"{network.label} {handle}".strip()
    account = session.scalars(select(ConnectedAccount).where(ConnectedAccount.name == name)).first()
    if account is not None and account.network != network.value:
        raise UserError(f"There is already a {Platform(account.network).label} account named "
                        f"“{name}”; choose another name with --name.")
    key = keyring_key_for(network, name)
    vault.save(key, secrets)  # first: a row without its secret would be useless
    if account is None:
        account = ConnectedAccount(name=name, network=network.value, keyring_key=key)
        session.add(account)
    account.keyring_key = key
    account.handle = handle
    account.display_name = display_name or handle or name
    account.remote_id = remote_id
    account.service_url = (service_url or DEFAULT_URLS[network]).rstrip("/")
    account.token_expires_at = expires_at
    account.details = dict(details or {})
    session.flush()
    record(session, "account_connected", actor=actor, network=network.value, name=name,
           handle=handle)
    return account, Changes(accounts=True)


def list_connections(session: Session) -> list[ConnectedAccount]:
    query = select(ConnectedAccount).order_by(ConnectedAccount.network, ConnectedAccount.name)
    return list(session.scalars(query))


def find_connection(session: Session, name: str) -> ConnectedAccount:
    account = session.scalars(select(ConnectedAccount).where(ConnectedAccount.name == name)).first()
    if account is None:
        raise UserError(f"There is no connected account named “{name}”. "
                        "See `clinicstudio accounts list`.")
    return account


def disconnect(session: Session, vault: SecretVault, name: str, *, actor: str = "",
               leftover: list[str] | None = None) -> Changes:
    """Forget an account here and remove its secret from the keyring.

    When the keyring cannot remove the secret, the account is still forgotten here (that is
    what the person asked for) and the sentence naming the entry to remove by hand is added to
    ``leftover`` (raised as :class:`SecretNotRemoved` when no list is given, undoing nothing
    the caller has not committed).
    """
    account = find_connection(session, name)
    try:
        vault.delete(account.keyring_key)
        removed = True
    except SecretNotRemoved as exc:
        if leftover is None:
            raise
        leftover.append(str(exc))
        removed = False
    record(session, "account_disconnected", actor=actor, network=account.network, name=name,
           secret_removed=removed)
    session.delete(account)
    return Changes(accounts=True)


def account_for(session: Session, network: str, account_id: int | None = None
                ) -> ConnectedAccount | None:
    """The account a post goes out through: the one the post names, else the network's first."""
    if account_id is not None:
        account = session.get(ConnectedAccount, account_id)
        if account is not None:
            return account
    query = (select(ConnectedAccount).where(ConnectedAccount.network == network)
             .order_by(ConnectedAccount.id).limit(1))
    return session.scalars(query).first()


def expiring_connections(session: Session, within_days: int = 14,
                         now: datetime | None = None) -> list[ExpiryWarning]:
    """Connections that expire within ``within_days`` days or already have, soonest first."""
    now = now or datetime.now(UTC)
    limit = now + timedelta(days=within_days)
    query = (select(ConnectedAccount)
             .where(ConnectedAccount.token_expires_at.is_not(None),
                    ConnectedAccount.token_expires_at <= limit)
             .order_by(ConnectedAccount.token_expires_at))
    return [ExpiryWarning(a.id, a.name, Platform(a.network), a.token_expires_at,
                          a.token_expires_at <= now)
            for a in session.scalars(query) if a.token_expires_at is not None]


def connection_for(account: ConnectedAccount, vault: SecretVault) -> Connection:
    """What a network client needs, with a callback that keeps renewed tokens in the keyring."""
    key = account.keyring_key
    label = f"the {Platform(account.network).label} account “{account.name}”"

    def save(secrets: dict[str, Any]) -> None:
        vault.save(key, secrets)
        log.info("renewed tokens for %s saved to the keyring", account.name)

    return Connection(
        network=Platform(account.network), base_url=account.service_url,
        secrets=vault.load(key, label=label),
        remote_id=account.remote_id, handle=account.handle, name=account.name,
        expires_at=account.token_expires_at, details=dict(account.details or {}),
        save_secrets=save, load_secrets=lambda: vault.load(key, label=label))


def describe(account: ConnectedAccount, now: datetime | None = None) -> dict[str, Any]:
    """One account as plain data (for `accounts list --json` and the window). No secrets."""
    now = now or datetime.now(UTC)
    expires = account.token_expires_at
    return {"id": account.id, "name": account.name, "network": account.network,
            "handle": account.handle, "display_name": account.display_name,
            "service_url": account.service_url, "remote_id": account.remote_id,
            "expires_at": expires.isoformat() if expires else None,
            "expired": bool(expires and expires <= now)}
