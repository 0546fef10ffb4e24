"""Saving segments. Each operation runs in the caller's session, is audited, and returns what
changed; a segment with a blocking finding is never saved (:class:`SegmentBlocked`)."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from clinicstudio.audience.findings import SegmentFinding, ValidationContext
from clinicstudio.audience.segment import Place, SegmentRecord, SegmentSpec
from clinicstudio.audience.validation import blocking, validate_segment
from clinicstudio.domain import Changes, UserError
from clinicstudio.store.audit import record
from clinicstudio.store.models import MetricSnapshot, Post, Segment

FIELDS = ("name", "description", "places", "age_min", "age_max", "languages", "topics",
          "networks")


class SegmentBlocked(UserError):
    """The segment was not saved; ``findings`` holds the blocking findings, first one in text."""

    def __init__(self, findings: list[SegmentFinding]) -> None:
        super().__init__(findings[0].message)
        self.findings = findings


class SegmentNotFound(UserError):
    pass


def spec_from_row(row: Segment) -> SegmentSpec:
    return SegmentSpec(
        name=row.name, description=row.description or "",
        places=tuple(Place.from_json(p) for p in row.places or []),
        age_min=row.age_min, age_max=row.age_max,
        languages=tuple(row.languages or ()), topics=tuple(row.topics or ()),
        networks=tuple(row.networks or ()),
    )


def _write(row: Segment, spec: SegmentSpec) -> None:
    row.name = spec.name
    row.description = spec.description
    row.places = [place.as_json() for place in spec.places]
    row.age_min, row.age_max = spec.age_min, spec.age_max
    row.languages, row.topics = list(spec.languages), list(spec.topics)
    row.networks = list(spec.networks)


def linkedin_followers(session: Session) -> int | None:
    """The LinkedIn Page's latest follower count, from the account-level metric snapshots."""
    query = (select(MetricSnapshot.followers)
             .where(MetricSnapshot.post_id.is_(None), MetricSnapshot.network == "linkedin")
             .order_by(MetricSnapshot.taken_at.desc()).limit(1))
    return session.scalar(query)


def validation_context(session: Session, *, except_id: int | None = None,
                       content: str = "") -> ValidationContext:
    query = select(func.lower(Segment.name))
    if except_id is not None:
        query = query.where(Segment.id != except_id)
    return ValidationContext(frozenset(session.scalars(query)), linkedin_followers(session),
                             content)


def get_segment(session: Session, segment_id: int) -> Segment:
    row = session.get(Segment, segment_id)
    if row is None:
        raise SegmentNotFound(f"There is no segment number {segment_id}.")
    return row


def find_segment(session: Session, name: str) -> Segment:
    wanted = " ".join(name.split()).lower()
    row = session.scalars(select(Segment).where(func.lower(Segment.name) == wanted)).first()
    if row is None:
        raise SegmentNotFound(f"There is no segment called “{name}”.")
    return row


def record_of(session: Session, row: Segment) -> SegmentRecord:
    count = session.scalar(select(func.count(Post.id)).where(Post.segment_id == row.id)) or 0
    return SegmentRecord(row.id, spec_from_row(row), int(count), row.updated_at)


def list_segments(session: Session) -> list[SegmentRecord]:
    query = (select(Post.segment_id, func.count(Post.id)).where(Post.segment_id.is_not(None))
             .group_by(Post.segment_id))
    counts = {segment_id: count for segment_id, count in session.execute(query)}
    rows = session.scalars(select(Segment).order_by(func.lower(Segment.name)))
    return [SegmentRecord(r.id, spec_from_row(r), int(counts.get(r.id, 0)), r.updated_at)
            for r in rows]


def _checked(session: Session, spec: SegmentSpec, except_id: int | None) -> SegmentSpec:
    spec = spec.normalised()
    blocked = blocking(validate_segment(spec, validation_context(session, except_id=except_id)))
    if blocked:
        raise SegmentBlocked(blocked)
    return spec


def create_segment(session: Session, spec: SegmentSpec, *,
                   actor: str = "") -> tuple[Segment, Changes]:
    """Add a segment; raises :class:`SegmentBlocked` when something blocks it."""
    spec = _checked(session, spec, None)
    row = Segment()
    _write(row, spec)
    session.add(row)
    session.flush()
    record(session, "segment_created", actor=actor, segment_id=row.id, name=row.name)
    return row, Changes(segments=True)


def update_segment(session: Session, segment_id: int, spec: SegmentSpec, *,
                   actor: str = "") -> tuple[Segment, Changes]:
    """Save an edit; raises :class:`SegmentBlocked` when something blocks it."""
    row = get_segment(session, segment_id)
    spec = _checked(session, spec, segment_id)
    before = spec_from_row(row)
    changed = [name for name in FIELDS if getattr(before, name) != getattr(spec, name)]
    _write(row, spec)
    session.flush()
    record(session, "segment_edited", actor=actor, segment_id=row.id, name=row.name,
           fields=changed)
    return row, Changes(segments=True)


def delete_segment(session: Session, segment_id: int, *, actor: str = "") -> Changes:
    """Remove a segment. Posts aimed at it keep going out, to everyone."""
    row = get_segment(session, segment_id)
    aimed = list(session.scalars(select(Post.id).where(Post.segment_id == segment_id)))
    if aimed:
        session.execute(update(Post).where(Post.id.in_(aimed)).values(segment_id=None))
    record(session, "segment_deleted", actor=actor, segment_id=row.id, name=row.name,
           posts=aimed)
    session.delete(row)
    return Changes(posts=frozenset(aimed), segments=True)
