"""What publishing reports: a line per network and the post's resulting status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from clinicstudio.domain import OutboxState, Platform, PostStatus
from clinicstudio.publishing.gate import Blocker


@dataclass(frozen=True, slots=True)
class NetworkOutcome:
    """Where one network stands for a post: sent (with its link), sending, waiting or failed."""

    post_id: int
    network: str
    state: OutboxState
    url: str = ""
    message: str = ""
    next_try_at: datetime | None = None

    @property
    def line(self) -> str:
        label = Platform(self.network).label
        if self.state is OutboxState.SENT:
            return f"{label}: {self.url or 'published'}"
        if self.state is OutboxState.PENDING:
            when = f" (next try {self.next_try_at:%H:%M} UTC)" if self.next_try_at else ""
            return f"{label}: not yet, will retry{when}: {self.message}".rstrip(": ")
        if self.state is OutboxState.SENDING:
            return f"{label}: sending"
        return f"{label}: {self.message or self.state.value}"


@dataclass
class PublishReport:
    """The result of publishing one post: its new status and a line per network."""

    post_id: int
    status: PostStatus
    outcomes: list[NetworkOutcome] = field(default_factory=list)
    blockers: list[Blocker] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.outcomes) and all(o.state is OutboxState.SENT for o in self.outcomes)
