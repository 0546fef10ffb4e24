"""Moving a post on the calendar (drag and drop): a day and wall-clock time, saved as UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from clinicstudio.domain import Changes, PostStatus, UserError
from clinicstudio.planning.clock import DEFAULT_POST_TIME, local_to_utc, time_text
from clinicstudio.planning.queries import FIXED_STATUSES
from clinicstudio.store.models import Post
from clinicstudio.store.posts import PostNotFound, reschedule

WHY_FIXED = "This post has already gone out, so its date cannot change."


def move_post(session: Session, post_id: int, day: date, at: time | None, zone: ZoneInfo, *,
              actor: str = "", now: datetime | None = None) -> Changes:
    """Move a post to ``day`` at ``at`` in the clinic's zone (``None`` keeps its time of day).

    Refuses a post that has gone out, and a time already past (it would go out at once).
    """
    post = session.get(Post, post_id)
    if post is None:
        raise PostNotFound(f"There is no post number {post_id}.")
    if PostStatus(post.status) in FIXED_STATUSES:
        raise UserError(WHY_FIXED)
    if at is None:
        current = post.scheduled_at
        at = current.astimezone(zone).time() if current is not None else DEFAULT_POST_TIME
    when = local_to_utc(day, at, zone)
    if when < (now or datetime.now(UTC)):
        raise UserError(f"{day:%B} {day.day} at {time_text(at)} has already passed; "
                        "pick a time later than now.")
    if post.scheduled_at == when:
        return Changes()
    _post, changes = reschedule(session, post_id, when, actor=actor)
    return changes
