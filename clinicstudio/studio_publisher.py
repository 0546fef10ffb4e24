"""The publishing engine in the window's words: per-network progress and plain outcomes.

:class:`StudioPublisher` runs :class:`clinicstudio.publishing.Publisher` for one post and turns
its report into :class:`~clinicstudio.studio_views.NetworkOutcome` rows the publish bar shows.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from clinicstudio.domain import Platform
from clinicstudio.store.database import Database
from clinicstudio.studio_views import NetworkOutcome, Progress


class StudioPublisher:
    """The publishing engine in the window's words: per-network progress and plain outcomes."""

    def __init__(self, db: Database, *, checker_factory: Any = None, vault: Any = None,
                 actor: Callable[[], str] = lambda: "",
                 person: Callable[[], Any] | None = None) -> None:
        self._db, self._checker_factory = db, checker_factory
        self._vault, self._actor = vault, actor
        #: Who publishes (a governance Actor), asked at each publication.
        self._person = person

    def publish(self, post_id: int, progress: Progress) -> list[NetworkOutcome]:
        publishing = importlib.import_module("clinicstudio.publishing")
        sent = importlib.import_module("clinicstudio.domain").OutboxState.SENT

        def report(outcome: Any) -> None:
            progress(Platform(outcome.network), _progress_text(outcome))

        engine = publishing.Publisher(self._db, vault=self._vault, on_progress=report,
                                      checker_factory=self._checker_factory, actor=self._actor(),
                                      person=self._person() if self._person else None)
        result = engine.publish_now(post_id)
        outcomes = [NetworkOutcome(Platform(b.network), False, reason=b.plain)
                    for b in result.blockers]
        stopped = {o.network for o in outcomes}
        for o in result.outcomes:
            if Platform(o.network) in stopped:
                continue
            ok = o.state == sent
            outcomes.append(NetworkOutcome(Platform(o.network), ok, url=o.url if ok else "",
                                           reason="" if ok else _progress_text(o)))
        return outcomes


def _progress_text(outcome: Any) -> str:
    state = str(outcome.state)
    if state == "sending":
        return "Sending…"
    if state == "sent":
        return "Published"
    if state == "pending":
        when = f" at {outcome.next_try_at:%H:%M} UTC" if outcome.next_try_at else ""
        return f"Not yet; ClinicStudio will try again{when}. {outcome.message}".strip()
    return outcome.message or "Not published."
