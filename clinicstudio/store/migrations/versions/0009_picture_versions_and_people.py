"""Fixed versions of pictures, and who each face in a picture is.

``media_assets.derived_from_id`` links a blurred or covered version to the picture it was made
from (the original is kept, never uploaded). ``media_people`` remembers, per picture and face
(numbered from 0, left to right), whether the person is staff, a patient or a model, so the
question is asked once.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("media_assets") as batch_op:
        batch_op.add_column(sa.Column("derived_from_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_media_assets_derived_from_id_media_assets"), "media_assets",
            ["derived_from_id"], ["id"], ondelete="SET NULL")
    op.create_table(
        "media_people",
        sa.Column("media_id", sa.Integer(), nullable=False),
        sa.Column("face", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["media_id"], ["media_assets.id"],
                                name=op.f("fk_media_people_media_id_media_assets"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("media_id", "face", name=op.f("pk_media_people")),
    )


def downgrade() -> None:
    op.drop_table("media_people")
    with op.batch_alter_table("media_assets") as batch_op:
        batch_op.drop_constraint(op.f("fk_media_assets_derived_from_id_media_assets"),
                                 type_="foreignkey")
        batch_op.drop_column("derived_from_id")
