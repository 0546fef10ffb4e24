"""The inbox: comments, mentions, quotes and reviews collected from the networks, and notes.

``inbox_items`` is unique by network and the network's own id, so nothing is stored twice;
``reply_post_id`` links an item to the clinic's reply (a post of kind "reply").

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=20), nullable=False),
        sa.Column("remote_id", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("author_handle", sa.String(length=200), nullable=False),
        sa.Column("author_id", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("remote_post_id", sa.String(length=300), nullable=False),
        sa.Column("parent_remote_id", sa.String(length=300), nullable=False),
        sa.Column("root_remote_id", sa.String(length=300), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("assigned_to", sa.String(length=200), nullable=False),
        sa.Column("tone", sa.String(length=10), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reply_post_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"],
                                name="fk_inbox_items_post_id_posts", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["reply_post_id"], ["posts.id"],
                                name="fk_inbox_items_reply_post_id_posts", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_inbox_items"),
        sa.UniqueConstraint("network", "remote_id", name="uq_inbox_items_network"),
    )
    with op.batch_alter_table("inbox_items") as batch_op:
        batch_op.create_index("ix_inbox_items_post_id", ["post_id"], unique=False)
        batch_op.create_index("ix_inbox_items_reply_post_id", ["reply_post_id"], unique=False)
        batch_op.create_index("ix_inbox_items_state_received", ["state", "received_at"],
                              unique=False)
    op.create_table(
        "inbox_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["inbox_items.id"],
                                name="fk_inbox_notes_item_id_inbox_items", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_inbox_notes"),
    )
    with op.batch_alter_table("inbox_notes") as batch_op:
        batch_op.create_index("ix_inbox_notes_item_id", ["item_id"], unique=False)


def downgrade() -> None:
    op.drop_table("inbox_notes")
    op.drop_table("inbox_items")
