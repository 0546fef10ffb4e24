"""Publishing: the outbox, the parallel publisher, the compliance gate and the scheduler.

Typical use (from a worker thread in the window, or the command line)::

    publisher = Publisher(db, on_progress=print)
    report = publisher.publish_now(post_id)          # PublishReport: status + line per network
    due = publish_due(db, publisher=publisher)       # DueReport: started, held, results
"""

from clinicstudio.publishing.gate import Blocker, blockers, record_override
from clinicstudio.publishing.outbox import withdraw
from clinicstudio.publishing.publisher import Publisher
from clinicstudio.publishing.report import NetworkOutcome, PublishReport
from clinicstudio.publishing.scheduler import DueReport, due_posts, held_posts, publish_due

__all__ = ["Blocker", "DueReport", "NetworkOutcome", "PublishReport", "Publisher", "blockers",
           "due_posts", "held_posts", "publish_due", "record_override", "withdraw"]
