"""The database schema, as typed SQLAlchemy 2.x models.

Every timestamp is stored as UTC and read back timezone-aware (:class:`UTCDateTime`), on SQLite
and PostgreSQL alike. Secrets never appear here: a connected account keeps only the *name* of its
keyring entry. Changing a model means adding an Alembic migration under ``migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so migrations can refer to them on both databases.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC.

    SQLite has no time zones and PostgreSQL's ``timestamptz`` returns the session's zone; this
    type makes both hand back aware UTC values and refuses naive ones, which are always a bug.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON,
    }


class Stamped:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ClinicProfile(Stamped, Base):
    """The clinic itself (one row). Its details are context for the compliance checks."""

    __tablename__ = "clinic_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    specialty: Mapped[str] = mapped_column(String(100), default="")
    phones: Mapped[list[Any]] = mapped_column(default=list)
    emails: Mapped[list[Any]] = mapped_column(default=list)
    websites: Mapped[list[Any]] = mapped_column(default=list)
    addresses: Mapped[list[Any]] = mapped_column(default=list)
    handles: Mapped[list[Any]] = mapped_column(default=list)
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")


class StaffUser(Stamped, Base):
    """A person who works in the studio. ``role`` is one of :class:`clinicstudio.domain.Role`."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(20), default="author")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A slow salted hash (see clinicstudio.governance.passphrases); empty: cannot sign in.
    passphrase_hash: Mapped[str] = mapped_column(String(300), default="")
    # Wrong passphrases in a row, and until when the next try is refused (a growing delay).
    failed_signins: Mapped[int] = mapped_column(Integer, default=0)
    signin_blocked_until: Mapped[datetime | None] = mapped_column()


class DeskSession(Base):
    """A person signed in at one desk. The token itself is only in that computer's keyring;
    the database keeps its SHA-256, which cannot be turned back into the token."""

    __tablename__ = "desk_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"),
                                         index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()


class Campaign(Stamped, Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    goal: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    budget_cents: Mapped[int] = mapped_column(Integer, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    # Default UTM parameters for links in this campaign's posts: {"utm_campaign": ..., ...}.
    utm_defaults: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The campaign's name as it appears in tagged links (utm_campaign) and in conversion exports.
    slug: Mapped[str | None] = mapped_column(String(100), unique=True)


class Segment(Stamped, Base):
    """An audience a post is aimed at: demographic and place, never a health condition."""

    __tablename__ = "segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # [{"kind": "city", "value": "Springfield, IL", "radius_km": 15}, ...]
    places: Mapped[list[Any]] = mapped_column(default=list)
    age_min: Mapped[int | None] = mapped_column(Integer)
    age_max: Mapped[int | None] = mapped_column(Integer)
    languages: Mapped[list[Any]] = mapped_column(default=list)
    topics: Mapped[list[Any]] = mapped_column(default=list)
    networks: Mapped[list[Any]] = mapped_column(default=list)


class PostSeries(Stamped, Base):
    """A recurring post (every Monday's tip). ``rule`` is an iCalendar RRULE value."""

    __tablename__ = "post_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    rule: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column()
    until: Mapped[datetime | None] = mapped_column()
    # A series approved as a whole: the fingerprint of the wording approved for every occurrence.
    approved_hash: Mapped[str] = mapped_column(String(64), default="")


class Post(Stamped, Base):
    """A post: master text plus a variant per network, from draft to published."""

    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_scheduled_at", "scheduled_at"),
        Index("ix_posts_status", "status"),
        Index("ix_posts_status_scheduled_at", "status", "scheduled_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # "post" for a feed post, "reply" for an answer to a review or comment (stricter PHI rules).
    kind: Mapped[str] = mapped_column(String(10), default="post")
    reply_context: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    scheduled_at: Mapped[datetime | None] = mapped_column()
    published_at: Mapped[datetime | None] = mapped_column()
    # Set when the scheduler held this post because it was late (see the late-post setting);
    # the post is held while this is later than ``scheduled_at``.
    held_late_at: Mapped[datetime | None] = mapped_column()
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"))
    segment_id: Mapped[int | None] = mapped_column(ForeignKey("segments.id", ondelete="SET NULL"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    series_id: Mapped[int | None] = mapped_column(ForeignKey("post_series.id", ondelete="SET NULL"))
    # Links in this post that go out without campaign tags (the author turned tagging off).
    untagged_links: Mapped[list[Any]] = mapped_column(default=list)
    # Bumped on every save; lets two desktops notice they edited the same post.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # The fingerprint of the content an approver approved (empty: not approved). A change to
    # the words, networks or images gives another fingerprint, so the approval no longer holds.
    approved_hash: Mapped[str] = mapped_column(String(64), default="")
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    # A post of the demo clinic: shown everywhere, never sent to a network (clinicstudio.demo).
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The link card a person filled in (url, title, description, thumbnail media id): sent to
    # Bluesky and LinkedIn, which show only the card an app supplies. Nothing is fetched.
    link_card: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    variants: Mapped[list[PostVariant]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="PostVariant.network"
    )
    media_links: Mapped[list[PostMedia]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="PostMedia.position"
    )
    campaign: Mapped[Campaign | None] = relationship()
    segment: Mapped[Segment | None] = relationship()

    def text_for(self, network: str) -> str:
        """The text that goes to ``network``: its override if it has one, else the master text."""
        for variant in self.variants:
            if variant.network == network and variant.text_override is not None:
                return variant.text_override
        return self.body

    @property
    def networks(self) -> list[str]:
        return [v.network for v in self.variants if v.enabled]


# The calendar asks "what happens between these two times", where a post's time is when it went
# out, else when it is planned; an index on that very expression keeps a month fast at any size.
Index("ix_posts_when", func.coalesce(Post.__table__.c.published_at, Post.__table__.c.scheduled_at))


class PostVariant(Base):
    """A post's version for one network: inherits the master text unless overridden."""

    __tablename__ = "post_variants"
    __table_args__ = (UniqueConstraint("post_id", "network"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    network: Mapped[str] = mapped_column(String(20))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    text_override: Mapped[str | None] = mapped_column(Text)
    # Network options, e.g. {"first_comment": "...", "link_card": true}.
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("connected_accounts.id", ondelete="SET NULL")
    )

    post: Mapped[Post] = relationship(back_populates="variants")


class MediaAsset(Base):
    """An image copied into the content-addressed folder beside the database."""

    __tablename__ = "media_assets"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(300), default="")
    stored_name: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100))
    byte_size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    alt_text: Mapped[str] = mapped_column(Text, default="")
    # Reference to a signed HIPAA authorization or photo consent, when the image shows a patient.
    consent_ref: Mapped[str] = mapped_column(String(200), default="")
    # A fixed version (faces or text blurred) points at the picture it was made from; the
    # original stays in the library for the clinic and is no longer attached to the post.
    derived_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("media_assets.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MediaPerson(Base):
    """Who a face in a picture is, as the clinic said: staff, a patient or a model."""

    __tablename__ = "media_people"

    media_id: Mapped[int] = mapped_column(
        ForeignKey("media_assets.id", ondelete="CASCADE"), primary_key=True)
    face: Mapped[int] = mapped_column(Integer, primary_key=True)  # from 0, left to right
    role: Mapped[str] = mapped_column(String(20))


class PostMedia(Base):
    __tablename__ = "post_media"

    post_id: Mapped[int] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    media_id: Mapped[int] = mapped_column(
        ForeignKey("media_assets.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    post: Mapped[Post] = relationship(back_populates="media_links")
    media: Mapped[MediaAsset] = relationship(lazy="joined")


class ConnectedAccount(Stamped, Base):
    """A connection to a network. The token or password lives in the OS keyring only."""

    __tablename__ = "connected_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    network: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    handle: Mapped[str] = mapped_column(String(200), default="")
    remote_id: Mapped[str] = mapped_column(String(200), default="")
    service_url: Mapped[str] = mapped_column(String(500), default="")
    keyring_key: Mapped[str] = mapped_column(String(300))
    token_expires_at: Mapped[datetime | None] = mapped_column()
    # Per-connection facts learned from the network, e.g. a Mastodon instance's character limit.
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class OutboxEntry(Stamped, Base):
    """One post on one network on its way out. See :class:`clinicstudio.domain.OutboxState`."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("post_id", "network"),
        Index("ix_outbox_state_next_try", "state", "next_try_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    network: Mapped[str] = mapped_column(String(20))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("connected_accounts.id", ondelete="SET NULL")
    )
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    remote_id: Mapped[str] = mapped_column(String(300), default="")
    remote_url: Mapped[str] = mapped_column(String(500), default="")
    error_message: Mapped[str] = mapped_column(Text, default="")
    attempt_count: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime | None] = mapped_column()
    claimed_by: Mapped[str] = mapped_column(String(200), default="")
    claimed_at: Mapped[datetime | None] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()
    # When the post was deleted from the network again (an authorization was revoked).
    taken_down_at: Mapped[datetime | None] = mapped_column()


class FindingOverride(Base):
    """A person's recorded decision to publish despite a blocking finding, and why."""

    __tablename__ = "finding_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(40))
    # The exact text the finding concerned, so an override does not carry over to new wording.
    span_text: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text)
    user_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEvent(Base):
    """An append-only record of what happened. The database refuses updates and deletes."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(60))
    # Not a foreign key: the record outlives a deleted post.
    post_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The hash chain (see clinicstudio.store.audit): the event's place, the hash of the event
    # before it, and the SHA-256 of this event's canonical JSON including ``prev_hash``.
    seq: Mapped[int | None] = mapped_column(Integer, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


class AuditChainHead(Base):
    """The last link of the audit chain (one row). Taking it serialises writers, so the chain
    has exactly one order, and it shows when events were cut off the end."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")


class PostReview(Base):
    """One step of a post's review: submitted, approved, rejected, or a comment, with a note."""

    __tablename__ = "post_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    user_name: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class PatientAuthorization(Base):
    """A patient's signed HIPAA authorization for a story, testimonial or photo.

    ``covers`` lists what it allows (name, story, photo, video, testimonial); ``networks`` the
    networks it allows (empty: every network). It is never deleted, only revoked.
    """

    __tablename__ = "patient_authorizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    person: Mapped[str] = mapped_column(String(200))
    covers: Mapped[list[Any]] = mapped_column(default=list)
    networks: Mapped[list[Any]] = mapped_column(default=list)
    signed_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    form_stored_name: Mapped[str] = mapped_column(String(300), default="")
    form_original_name: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()
    revoked_by: Mapped[str] = mapped_column(String(200), default="")
    revoke_reason: Mapped[str] = mapped_column(Text, default="")


class PostAuthorization(Base):
    """A post relies on an authorization (the publish gate asks for one when a check finds a
    patient's name, story, photo or testimonial)."""

    __tablename__ = "post_authorizations"

    post_id: Mapped[int] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    authorization_id: Mapped[int] = mapped_column(
        ForeignKey("patient_authorizations.id"), primary_key=True, index=True
    )


class PolicyVersion(Base):
    """One version of the clinic's social media policy (the text staff acknowledge)."""

    __tablename__ = "policy_versions"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PolicyAcknowledgement(Base):
    """A staff member read one policy version (and, when ``training_passed``, did the training)."""

    __tablename__ = "policy_acknowledgements"
    __table_args__ = (UniqueConstraint("user_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    acknowledged_at: Mapped[datetime] = mapped_column(default=utcnow)
    training_passed: Mapped[bool] = mapped_column(Boolean, default=False)
    training_score: Mapped[int] = mapped_column(Integer, default=0)


class Setting(Base):
    """Office-wide settings shared by every desktop (see :mod:`clinicstudio.settings`)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class StudioMark(Base):
    """The one row that says "this database belongs to ClinicStudio" (PostgreSQL has no file
    header to carry an application id; SQLite files carry ``PRAGMA application_id`` as well)."""

    __tablename__ = "clinicstudio_mark"

    id: Mapped[int] = mapped_column(primary_key=True)
    application: Mapped[str] = mapped_column(String(40))


# The inbox keeps its tables in its own module; importing it here registers them with Base.
from clinicstudio.store import inbox_tables  # noqa: E402, F401

# The results tables (readings, roll-ups, spend, conversions) live in their own module too.
from clinicstudio.store.results_tables import (  # noqa: E402, F401
    CampaignSpend,
    CollectionSchedule,
    ConversionRecord,
    FollowerSnapshot,
    MetricDaily,
    MetricLatest,
    MetricSnapshot,
)
