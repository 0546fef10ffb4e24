"""Results: network readings kept as history, follower counts, campaign spend and conversions.

``metric_snapshots`` figures become nullable, because a figure a network does not report must
read as "not reported", not as 0; ``quotes`` and ``saves`` are added. ``metric_latest`` holds each post's newest reading and
``metric_daily`` what each network gained per day, so the Results pane reads neither from years
of history. ``follower_snapshots`` keeps each account's follower count over time; ``collection_schedule`` says when each post and
account is next read. ``campaigns.slug`` is the name used in tagged links, ``campaign_spend``
and ``conversion_records`` give cost per acquisition and return on ad spend, and
``posts.untagged_links`` lists links the author chose to send without campaign tags.

Revision ID: 0006
Revises: 0005
"""

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FIGURES = ("likes", "reposts", "replies", "quotes", "saves", "impressions", "reach", "clicks")
_NULLABLE = ("impressions", "reach", "likes", "comments", "shares", "link_clicks")


@contextmanager
def _quiet_reflection() -> Iterator[None]:
    """Rebuilding a table on SQLite reflects ``posts`` (its foreign key), whose expression
    index SQLite cannot reflect; the index itself is untouched, so the warning is noise."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        yield


def upgrade() -> None:
    with _quiet_reflection(), op.batch_alter_table("metric_snapshots") as batch_op:
        for name in _NULLABLE:
            batch_op.alter_column(name, existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("quotes", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("saves", sa.Integer(), nullable=True))
    with op.batch_alter_table("campaigns") as batch_op:
        batch_op.add_column(sa.Column("slug", sa.String(length=100), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_campaigns_slug"), ["slug"])
    # A plain ADD COLUMN: rebuilding ``posts`` on SQLite would lose its expression index.
    op.add_column("posts", sa.Column("untagged_links", sa.JSON(), nullable=False,
                                     server_default="[]"))
    figures = [sa.Column(name, sa.Integer(), nullable=True) for name in FIGURES]
    op.create_table(
        "metric_latest",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=20), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        *figures,
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"],
                                name=op.f("fk_metric_latest_post_id_posts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("post_id", "network", name=op.f("pk_metric_latest")))
    op.create_table(
        "metric_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("network", sa.String(length=20), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=True) for name in FIGURES],
        sa.PrimaryKeyConstraint("day", "network", name=op.f("pk_metric_daily")))
    op.create_table(
        "follower_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("network", sa.String(length=20), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("followers", sa.Integer(), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["connected_accounts.id"],
                                name=op.f("fk_follower_snapshots_account_id_connected_accounts"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follower_snapshots")))
    op.create_index("ix_follower_snapshots_network_taken", "follower_snapshots",
                    ["network", "taken_at"])
    op.create_table(
        "collection_schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection_schedule")),
        sa.UniqueConstraint("kind", "ref_id", name=op.f("uq_collection_schedule_kind")))
    op.create_index("ix_collection_schedule_next_at", "collection_schedule", ["next_at"])
    op.create_table(
        "campaign_spend",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("network", sa.String(length=20), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaigns.id"],
                                name=op.f("fk_campaign_spend_campaign_id_campaigns"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_spend")))
    op.create_index(op.f("ix_campaign_spend_campaign_id"), "campaign_spend", ["campaign_id"])
    op.create_table(
        "conversion_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("utm_source", sa.String(length=100), nullable=False),
        sa.Column("utm_medium", sa.String(length=100), nullable=False),
        sa.Column("utm_campaign", sa.String(length=200), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("network", sa.String(length=20), nullable=True),
        sa.Column("conversions", sa.Integer(), nullable=False),
        sa.Column("appointments", sa.Integer(), nullable=True),
        sa.Column("new_patients", sa.Integer(), nullable=True),
        sa.Column("sessions", sa.Integer(), nullable=True),
        sa.Column("revenue_cents", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaigns.id"],
                                name=op.f("fk_conversion_records_campaign_id_campaigns"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversion_records")))
    op.create_index(op.f("ix_conversion_records_occurred_on"), "conversion_records",
                    ["occurred_on"])
    op.create_index(op.f("ix_conversion_records_campaign_id"), "conversion_records",
                    ["campaign_id"])


def downgrade() -> None:
    op.drop_table("conversion_records")
    op.drop_table("campaign_spend")
    op.drop_table("collection_schedule")
    op.drop_table("follower_snapshots")
    op.drop_table("metric_daily")
    op.drop_table("metric_latest")
    with op.batch_alter_table("posts") as batch_op:
        batch_op.drop_column("untagged_links")
    with op.batch_alter_table("campaigns") as batch_op:
        batch_op.drop_constraint("uq_campaigns_slug", type_="unique")
        batch_op.drop_column("slug")
    with _quiet_reflection(), op.batch_alter_table("metric_snapshots") as batch_op:
        batch_op.drop_column("saves")
        batch_op.drop_column("quotes")
        for name in _NULLABLE:
            batch_op.alter_column(name, existing_type=sa.Integer(), nullable=False)
