"""Mark the demo clinic's posts, and keep the link card a person filled in for a post.

``posts.demo`` is true for every post ``clinicstudio demo`` loaded: such a post is shown like
any other but is never sent to a network. ``posts.link_card`` holds the card (address, title,
description, thumbnail image) that Bluesky and LinkedIn show under a post.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): a copy would lose the calendar's expression index.
    op.add_column("posts", sa.Column("demo", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.add_column("posts", sa.Column("link_card", sa.JSON(), nullable=True))
    # Databases that already hold the demo clinic: its posts are the ones it wrote.
    op.execute("UPDATE posts SET demo = true WHERE id IN (SELECT post_id FROM audit_events "
               "WHERE actor = 'demo' AND action = 'post_created') AND EXISTS (SELECT 1 FROM "
               "settings WHERE key = 'demo_loaded')")


def downgrade() -> None:
    op.drop_column("posts", "link_card")
    op.drop_column("posts", "demo")
