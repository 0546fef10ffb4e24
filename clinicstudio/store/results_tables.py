"""The results tables: each reading of a post or an account, the roll-ups the Results pane reads,
campaign spend and imported conversions. Registered with :class:`Base` by ``models``."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clinicstudio.store.models import Base, utcnow


class Figures:
    """What a network may report for a post; NULL where it reports no such figure."""

    likes: Mapped[int | None] = mapped_column(Integer)
    reposts: Mapped[int | None] = mapped_column(Integer)
    replies: Mapped[int | None] = mapped_column(Integer)
    quotes: Mapped[int | None] = mapped_column(Integer)
    saves: Mapped[int | None] = mapped_column(Integer)
    impressions: Mapped[int | None] = mapped_column(Integer)
    reach: Mapped[int | None] = mapped_column(Integer)
    clicks: Mapped[int | None] = mapped_column(Integer)


class MetricSnapshot(Base):
    """Engagement figures for a post on a network, as the network reported them at ``taken_at``.

    Rows are only ever added, so growth can be drawn. A figure the network does not report is
    NULL ("not reported"), never 0. ``comments`` are replies and ``shares`` reposts/boosts.
    """

    __tablename__ = "metric_snapshots"
    __table_args__ = (Index("ix_metric_snapshots_post_taken", "post_id", "taken_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    network: Mapped[str] = mapped_column(String(20))
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    impressions: Mapped[int | None] = mapped_column(Integer)
    reach: Mapped[int | None] = mapped_column(Integer)
    likes: Mapped[int | None] = mapped_column(Integer)
    comments: Mapped[int | None] = mapped_column(Integer)
    shares: Mapped[int | None] = mapped_column(Integer)
    quotes: Mapped[int | None] = mapped_column(Integer)
    saves: Mapped[int | None] = mapped_column(Integer)
    link_clicks: Mapped[int | None] = mapped_column(Integer)
    followers: Mapped[int] = mapped_column(Integer, default=0)
    spend_cents: Mapped[int] = mapped_column(Integer, default=0)
    bookings: Mapped[int] = mapped_column(Integer, default=0)


class MetricLatest(Figures, Base):
    """The newest reading of each post on each network, kept beside the history so the Results
    pane never has to search years of snapshots for it."""

    __tablename__ = "metric_latest"

    post_id: Mapped[int] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    network: Mapped[str] = mapped_column(String(20), primary_key=True)
    taken_at: Mapped[datetime] = mapped_column()


class MetricDaily(Figures, Base):
    """What all posts on a network gained on one day (the growth between readings), for the
    engagement-over-time chart. NULL where the network reports no such figure."""

    __tablename__ = "metric_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    network: Mapped[str] = mapped_column(String(20), primary_key=True)


class FollowerSnapshot(Base):
    """A connected account's follower count as its network reported it at ``taken_at``."""

    __tablename__ = "follower_snapshots"
    __table_args__ = (Index("ix_follower_snapshots_network_taken", "network", "taken_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("connected_accounts.id", ondelete="SET NULL"))
    network: Mapped[str] = mapped_column(String(20))
    # The account's handle or name when read, so history stays readable after a disconnect.
    account: Mapped[str] = mapped_column(String(200), default="")
    followers: Mapped[int | None] = mapped_column(Integer)
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)


class CollectionSchedule(Base):
    """When the next reading of a post on a network (``kind`` "post", ``ref_id`` an outbox row)
    or of an account's followers (``kind`` "account") is due, and how often it failed lately."""

    __tablename__ = "collection_schedule"
    __table_args__ = (UniqueConstraint("kind", "ref_id"),
                      Index("ix_collection_schedule_next_at", "next_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    ref_id: Mapped[int] = mapped_column(Integer)
    next_at: Mapped[datetime | None] = mapped_column()
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class CampaignSpend(Base):
    """Money spent on a campaign on one day (boosted posts and ads), optionally per network."""

    __tablename__ = "campaign_spend"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    spent_on: Mapped[date] = mapped_column(Date)
    network: Mapped[str | None] = mapped_column(String(20))
    amount_cents: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConversionRecord(Base):
    """Counts and money for one day and one traffic source: never anything about a patient.

    Rows come from a booking system's or web analytics' CSV export, or are typed in by hand;
    ``utm_*`` say where the visitors came from and ``campaign_id`` is resolved from
    ``utm_campaign`` (a campaign's slug) when it matches one.
    """

    __tablename__ = "conversion_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    utm_source: Mapped[str] = mapped_column(String(100), default="")
    utm_medium: Mapped[str] = mapped_column(String(100), default="")
    utm_campaign: Mapped[str] = mapped_column(String(200), default="")
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True)
    network: Mapped[str | None] = mapped_column(String(20))
    conversions: Mapped[int] = mapped_column(Integer, default=0)
    appointments: Mapped[int | None] = mapped_column(Integer)
    new_patients: Mapped[int | None] = mapped_column(Integer)
    sessions: Mapped[int | None] = mapped_column(Integer)
    revenue_cents: Mapped[int] = mapped_column(Integer, default=0)
    source_file: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
