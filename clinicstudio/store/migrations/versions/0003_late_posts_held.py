"""Mark scheduled posts held because their time passed while no ClinicStudio was running.

``posts.held_late_at`` is when the scheduler held a late post to ask a person (the office's
late-post setting). A post is held while ``held_late_at`` is later than its ``scheduled_at``;
rescheduling it to a new time releases it. The index serves the scheduler's due-post pick-up.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("posts") as batch_op:
        batch_op.add_column(sa.Column("held_late_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_posts_status_scheduled_at", ["status", "scheduled_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("posts") as batch_op:
        batch_op.drop_index("ix_posts_status_scheduled_at")
        batch_op.drop_column("held_late_at")
