"""Mark the database as ClinicStudio's own, so another program's database is never taken for it.

``clinicstudio_mark`` holds one row naming the application. SQLite files also carry the mark in
their header (``PRAGMA application_id``), set by :mod:`clinicstudio.store.database` when the
schema is created or upgraded; that header is read before SQLite itself opens the file.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    mark = op.create_table(
        "clinicstudio_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.bulk_insert(mark, [{"id": 1, "application": "ClinicStudio"}])


def downgrade() -> None:
    op.drop_table("clinicstudio_mark")
