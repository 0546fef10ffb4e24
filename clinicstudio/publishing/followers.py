"""Follower counts where an estimate needs them: LinkedIn's audience-size check.

LinkedIn shows a targeted post only when at least 300 followers match, and the Audience pane
estimates that from the Page's follower count. The count is read with the connection a publish
already holds and kept as an account-level metric snapshot (no post), where the estimate looks.
"""

from __future__ import annotations

import logging
from datetime import datetime

from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.store.database import Database
from clinicstudio.store.models import MetricSnapshot

log = logging.getLogger(__name__)


def record_followers(db: Database, client: object, now: datetime) -> int | None:
    """Read and keep the account's follower count, if the client can read one.

    A failed read changes nothing: the post is out, and the estimate uses the last count.
    """
    reader = getattr(client, "follower_count", None)
    if reader is None:
        return None
    try:
        count = int(reader())
    except (PublishError, KeyError, TypeError, ValueError):
        log.warning("could not read the follower count from %s", getattr(client, "network", "?"))
        return None
    with db.transaction() as session:
        session.add(MetricSnapshot(post_id=None, network=str(client.network),  # type: ignore[attr-defined]
                                   taken_at=now, followers=count))
    return count
