"""Taking published posts down again, after a patient revoked their authorization.

Bluesky, Mastodon, X, Facebook and LinkedIn let ClinicStudio delete its own posts through their
APIs. Instagram's publishing API cannot delete a post, so it is listed for a person to delete by
hand in the Instagram app. Each copy is handled on its own: one network failing does not stop
the others, and a copy deleted once is marked so it is never deleted twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from clinicstudio.accounts import account_for, connection_for
from clinicstudio.domain import Platform, UserError
from clinicstudio.platforms.api import client_for
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database
from clinicstudio.store.models import OutboxEntry, utcnow

log = logging.getLogger(__name__)

BY_HAND = {Platform.INSTAGRAM.value}


@dataclass(frozen=True, slots=True)
class TakeDown:
    post_id: int
    network: str
    url: str
    done: bool
    message: str

    @property
    def line(self) -> str:
        label = Platform(self.network).label
        return f"post {self.post_id} on {label}: {self.message}"


def by_hand_message(url: str) -> str:
    return (f"Instagram does not let other programs delete posts; open {url or 'the post'} in "
            "the Instagram app, tap ⋯ and choose Delete.")


def take_down(db: Database, copies: Iterable[tuple[int, str, str, str]], vault: Any, *,
              actor: str, reason: str,
              client_factory: Callable[[Any], Any] = client_for) -> list[TakeDown]:
    """Delete each (post, network, remote id, url) copy where the network allows it."""
    results = []
    for post_id, network, remote_id, url in copies:
        if network in BY_HAND:
            results.append(TakeDown(post_id, network, url, False, by_hand_message(url)))
            continue
        results.append(_delete_one(db, post_id, network, remote_id, url, vault, actor, reason,
                                   client_factory))
    return results


def _delete_one(db: Database, post_id: int, network: str, remote_id: str, url: str,
                vault: Any, actor: str, reason: str,
                client_factory: Callable[[Any], Any]) -> TakeDown:
    label = Platform(network).label
    with db.session() as session:
        entry = session.scalars(select(OutboxEntry).where(
            OutboxEntry.post_id == post_id, OutboxEntry.network == network)).first()
        account = account_for(session, network, entry.account_id if entry else None)
        if account is None:
            return TakeDown(post_id, network, url, False, f"no {label} account is connected; "
                            f"connect it and try again, or delete {url} by hand.")
        try:
            connection = connection_for(account, vault)
        except UserError as exc:
            return TakeDown(post_id, network, url, False, f"{exc} Or delete {url} by hand.")
    client = client_factory(connection)
    try:
        client.delete(remote_id)
    except PublishError as exc:
        return TakeDown(post_id, network, url, False, f"{label} refused: {exc.plain} Delete "
                        f"{url} by hand if it stays up.")
    finally:
        client.close()
    with db.transaction() as session:
        row = session.scalars(select(OutboxEntry).where(
            OutboxEntry.post_id == post_id, OutboxEntry.network == network)).first()
        if row is not None:
            row.taken_down_at = utcnow()
        record(session, "post_taken_down", actor=actor, post_id=post_id, network=network,
               url=url, reason=reason)
    return TakeDown(post_id, network, url, True, "taken down.")
