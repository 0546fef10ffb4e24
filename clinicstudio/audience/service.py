"""The one object the window and the command line use for segments.

:class:`SegmentService` wraps the operations in transactions and hands back plain values
(:class:`SegmentRecord`, findings, targeting, posts, performance), never database rows, so a
widget can hold them after the session is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from clinicstudio.audience import operations as ops
from clinicstudio.audience.findings import SegmentFinding
from clinicstudio.audience.mapping import NetworkTargeting, all_networks
from clinicstudio.audience.performance import (
    AimedPost,
    SegmentPerformance,
    posts_aimed_at,
    segment_performance,
)
from clinicstudio.audience.segment import SegmentRecord, SegmentSpec
from clinicstudio.audience.validation import validate_segment
from clinicstudio.domain import Changes, UserError
from clinicstudio.store.database import Database


class SegmentService:
    """Segments of one clinic database. ``actor`` names the person in the audit log."""

    def __init__(self, db: Database, *, actor: str = "") -> None:
        self._db = db
        self.actor = actor

    # Reading ---------------------------------------------------------------------------------
    def list_segments(self) -> list[SegmentRecord]:
        with self._db.session() as session:
            return ops.list_segments(session)

    def get(self, segment_id: int) -> SegmentRecord:
        with self._db.session() as session:
            return ops.record_of(session, ops.get_segment(session, segment_id))

    def find(self, name: str) -> SegmentRecord:
        """The segment called ``name`` (any capitalisation); raises SegmentNotFound."""
        with self._db.session() as session:
            return ops.record_of(session, ops.find_segment(session, name))

    def validate(self, spec: SegmentSpec, *, segment_id: int | None = None,
                 content: str = "") -> list[SegmentFinding]:
        """Findings for ``spec`` as it would be saved (as segment ``segment_id`` if editing).

        ``content`` is the text of a post aimed at it, for the adults-only check.
        """
        with self._db.session() as session:
            context = ops.validation_context(session, except_id=segment_id, content=content)
        return validate_segment(spec, context)

    def validator(self, *, segment_id: int | None = None,
                  content: str = "") -> Callable[[SegmentSpec], list[SegmentFinding]]:
        """A checker for live validation while someone types: it reads the other segments'
        names and the LinkedIn follower count once, then checks without the database."""
        with self._db.session() as session:
            context = ops.validation_context(session, except_id=segment_id, content=content)
        return lambda spec: validate_segment(spec, context)

    def targeting(self, spec: SegmentSpec) -> list[NetworkTargeting]:
        """What each network receives for a post aimed at ``spec``."""
        return all_networks(spec)

    def posts_aimed_at(self, segment_id: int, *, upcoming_only: bool = False,
                       now: datetime | None = None) -> list[AimedPost]:
        since = (now or datetime.now(UTC)) if upcoming_only else None
        with self._db.session() as session:
            return posts_aimed_at(session, segment_id, since=since)

    def performance(self, segment_id: int) -> SegmentPerformance:
        with self._db.session() as session:
            return segment_performance(session, segment_id)

    # Changing --------------------------------------------------------------------------------
    def create(self, spec: SegmentSpec) -> tuple[SegmentRecord, Changes]:
        """Save a new segment; raises SegmentBlocked (nothing saved) when something blocks."""
        try:
            with self._db.transaction() as session:
                row, changes = ops.create_segment(session, spec, actor=self.actor)
                return ops.record_of(session, row), changes
        except IntegrityError:
            raise self._taken(spec) from None

    def update(self, segment_id: int, spec: SegmentSpec) -> tuple[SegmentRecord, Changes]:
        try:
            with self._db.transaction() as session:
                row, changes = ops.update_segment(session, segment_id, spec, actor=self.actor)
                return ops.record_of(session, row), changes
        except IntegrityError:
            raise self._taken(spec) from None

    def delete(self, segment_id: int) -> Changes:
        """Remove a segment; its posts stay and go to everyone."""
        with self._db.transaction() as session:
            return ops.delete_segment(session, segment_id, actor=self.actor)

    @staticmethod
    def _taken(spec: SegmentSpec) -> UserError:
        # Another desktop saved the same name between our check and our write.
        return UserError(f"There is already a segment called “{spec.name.strip()}”. "
                         "Choose another name.")
