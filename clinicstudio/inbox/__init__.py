"""The inbox: comments, mentions, quotes and reviews collected from the networks, and
answers that go out through the outbox only when no check blocks them.

``InboxService(db)`` is what the window and ``clinicstudio inbox`` use.
"""

from clinicstudio.inbox.answer import ReplyOutcome
from clinicstudio.inbox.collect import RefreshReport, refresh_inbox
from clinicstudio.inbox.service import InboxService, ItemView, moderation_for

__all__ = ["InboxService", "ItemView", "RefreshReport", "ReplyOutcome", "moderation_for",
           "refresh_inbox"]
