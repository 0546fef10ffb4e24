"""iCalendar (RFC 5545) export of scheduled and published posts, for any calendar program.

Each post is one VEVENT whose UID never changes, so importing a newer export updates the events
instead of duplicating them. Times are written in UTC (``...Z``), which every program reads
correctly whatever its own zone. Lines end in CRLF and are folded at 75 octets, never inside a
UTF-8 character; text values are escaped as §3.3.11 says.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from clinicstudio.domain import Platform, PostStatus
from clinicstudio.planning.clock import days_span_utc
from clinicstudio.store.models import Post

EXPORTED_STATUSES = (PostStatus.SCHEDULED, PostStatus.PUBLISHING, PostStatus.PUBLISHED,
                     PostStatus.PARTLY_PUBLISHED)
PRODID = "-//ClinicStudio//Content calendar//EN"
LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, joined by CRLF and a space."""
    pieces: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            # A continuation line starts with one space, which counts towards its 75 octets.
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def post_uid(post: Post) -> str:
    """The event's UID: the post number plus when it was created, so it is stable per post and
    does not collide with another clinic's post of the same number in one calendar."""
    created = post.created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"post-{post.id}-{created}@clinicstudio"


def _network_names(post: Post) -> str:
    names = []
    for network in post.networks:
        try:
            names.append(Platform(network).label)
        except ValueError:
            names.append(network)
    return ", ".join(names) or "no network chosen"


def vevent(post: Post, stamp: datetime) -> list[str]:
    when = post.published_at or post.scheduled_at
    assert when is not None
    status = PostStatus(post.status)
    description = (f"Networks: {_network_names(post)}\nStatus: {status.label}\n\n{post.body}")
    return [
        "BEGIN:VEVENT",
        f"UID:{post_uid(post)}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{utc_stamp(when)}",
        "DURATION:PT15M",
        f"SUMMARY:{escape_text(post.title or 'Untitled post')}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(status.label)}",
        f"LAST-MODIFIED:{utc_stamp(post.updated_at)}",
        f"SEQUENCE:{max(post.revision - 1, 0)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def calendar_text(posts: Iterable[Post], *, name: str = "", zone: ZoneInfo | None = None,
                  stamp: datetime | None = None) -> str:
    """A complete VCALENDAR of ``posts`` (CRLF line ends, folded lines)."""
    stamp = stamp or datetime.now(UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name or 'Clinic posts')}"]
    if zone is not None:
        lines.append(f"X-WR-TIMEZONE:{zone.key}")
    for post in posts:
        lines.extend(vevent(post, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def posts_to_export(session: Session, zone: ZoneInfo, first: date | None = None,
                    last: date | None = None) -> list[Post]:
    """Scheduled and published posts whose day (in the clinic's zone) is within the range."""
    query = (select(Post).options(selectinload(Post.variants))
             .where(Post.status.in_([str(s) for s in EXPORTED_STATUSES]))
             .where(or_(Post.published_at.is_not(None), Post.scheduled_at.is_not(None))))
    if first is not None or last is not None:
        start, end = days_span_utc(first or date(1970, 1, 1), last or date(9998, 12, 31), zone)
        query = query.where(or_(
            and_(Post.published_at.is_(None), Post.scheduled_at >= start, Post.scheduled_at < end),
            and_(Post.published_at >= start, Post.published_at < end),
        ))
    posts = list(session.scalars(query))
    return sorted(posts, key=lambda p: (p.published_at or p.scheduled_at, p.id))


def export_ics(session: Session, target: Path, zone: ZoneInfo, *, first: date | None = None,
               last: date | None = None, name: str = "") -> int:
    """Write the export to ``target``; returns how many posts it holds."""
    posts = posts_to_export(session, zone, first, last)
    target.write_bytes(calendar_text(posts, name=name, zone=zone).encode("utf-8"))
    return len(posts)

