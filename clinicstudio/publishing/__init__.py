"""Publishing: the outbox, the parallel publisher, the compliance gate and the scheduler.

Typical use (from a worker thread in the window, or the command line)::

    publisher = Publisher(db, on_progress=print)
    report = publisher.publish_now(post_id)          # PublishReport: status + line per network
    due = publish_due(db, publisher=publisher)       # DueReport: started, held, results
"""

import importlib
from typing import Any

# Where each name lives. They are imported on first use, so that a window listing late posts or
# the outbox does not load the network senders (requests and its TLS stack) before it sends.
_HOMES = {
    "Blocker": "gate", "blockers": "gate", "record_override": "gate", "withdraw": "outbox",
    "Publisher": "publisher", "NetworkOutcome": "report", "PublishReport": "report",
    "DueReport": "scheduler", "due_posts": "scheduler", "held_posts": "scheduler",
    "publish_due": "scheduler",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
