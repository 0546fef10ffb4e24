"""Staff sign-in, approvals, a hash-chained audit log, patient authorizations and the policy.

- ``staff_users`` gains a passphrase hash and the wrong-passphrase delay; ``desk_sessions``
  holds the SHA-256 of each desk's sign-in token (the token itself stays in the keyring).
- ``posts.approved_hash`` / ``post_series.approved_hash``: what an approver approved;
  ``post_reviews`` the submit / approve / reject thread.
- ``audit_events`` gains ``seq``, ``prev_hash`` and ``hash``; ``audit_chain_head`` the last link.
  Events written before this version are chained here, in the order they were written.
- ``patient_authorizations`` and ``post_authorizations``: the authorization register;
  ``outbox.taken_down_at``: a published copy deleted again after a revocation.
- ``policy_versions`` and ``policy_acknowledgements``: the social media policy.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from clinicstudio.store.audit import event_hash
from clinicstudio.store.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MESSAGE = "the audit log is append-only"


def upgrade() -> None:
    with op.batch_alter_table("staff_users") as batch_op:
        batch_op.add_column(sa.Column("passphrase_hash", sa.String(300), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("failed_signins", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("signin_blocked_until", sa.DateTime(timezone=True),
                                      nullable=True))
    with op.batch_alter_table("posts") as batch_op:
        batch_op.add_column(sa.Column("approved_hash", sa.String(64), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("approved_by", sa.String(200), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("post_series") as batch_op:
        batch_op.add_column(sa.Column("approved_hash", sa.String(64), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(sa.Column("taken_down_at", sa.DateTime(timezone=True),
                                      nullable=True))
    op.create_table(
        "desk_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["staff_users.id"], ondelete="CASCADE",
                                name=op.f("fk_desk_sessions_user_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_sessions")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_desk_sessions_token_sha256")),
    )
    op.create_index(op.f("ix_desk_sessions_user_id"), "desk_sessions", ["user_id"])
    op.create_table(
        "post_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], ondelete="CASCADE",
                                name=op.f("fk_post_reviews_post_id_posts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_reviews")),
    )
    op.create_index(op.f("ix_post_reviews_post_id"), "post_reviews", ["post_id"])
    op.create_table(
        "patient_authorizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("covers", sa.JSON(), nullable=False),
        sa.Column("networks", sa.JSON(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("form_stored_name", sa.String(300), nullable=False),
        sa.Column("form_original_name", sa.String(300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(200), nullable=False),
        sa.Column("revoke_reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_authorizations")),
    )
    op.create_table(
        "post_authorizations",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("authorization_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], ondelete="CASCADE",
                                name=op.f("fk_post_authorizations_post_id_posts")),
        sa.ForeignKeyConstraint(
            ["authorization_id"], ["patient_authorizations.id"],
            name=op.f("fk_post_authorizations_authorization_id_patient_authorizations")),
        sa.PrimaryKeyConstraint("post_id", "authorization_id",
                                name=op.f("pk_post_authorizations")),
    )
    op.create_index(op.f("ix_post_authorizations_authorization_id"), "post_authorizations",
                    ["authorization_id"])
    op.create_table(
        "policy_versions",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_policy_versions")),
    )
    op.create_table(
        "policy_acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("training_passed", sa.Boolean(), nullable=False),
        sa.Column("training_score", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["staff_users.id"], ondelete="CASCADE",
                                name=op.f("fk_policy_acknowledgements_user_id_staff_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_acknowledgements")),
        sa.UniqueConstraint("user_id", "version", name=op.f("uq_policy_acknowledgements_user_id")),
    )
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    _drop_append_only_triggers()
    with op.batch_alter_table("audit_events") as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(64), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("hash", sa.String(64), nullable=False, server_default=""))
        batch_op.create_unique_constraint(op.f("uq_audit_events_seq"), ["seq"])
    seq, last = _chain_existing_events()
    op.execute(sa.text("INSERT INTO audit_chain_head (id, seq, last_hash) "
                       "VALUES (1, :seq, :last)").bindparams(seq=seq, last=last))
    _create_append_only_triggers()


def _chain_existing_events() -> tuple[int, str]:
    """Give every event written so far its place and hash, oldest first."""
    events = sa.table("audit_events", sa.column("id", sa.Integer()),
                      sa.column("at", UTCDateTime()), sa.column("actor", sa.String()),
                      sa.column("action", sa.String()), sa.column("post_id", sa.Integer()),
                      sa.column("detail", sa.JSON()), sa.column("seq", sa.Integer()),
                      sa.column("prev_hash", sa.String()), sa.column("hash", sa.String()))
    bind = op.get_bind()
    rows = bind.execute(sa.select(events.c.id, events.c.at, events.c.actor, events.c.action,
                                  events.c.post_id, events.c.detail)
                        .order_by(events.c.id)).all()
    prev, seq = "", 0
    for row in rows:
        seq += 1
        digest = event_hash(seq=seq, at=row.at, actor=row.actor, action=row.action,
                            post_id=row.post_id, detail=row.detail or {}, prev_hash=prev)
        bind.execute(events.update().where(events.c.id == row.id)
                     .values(seq=seq, prev_hash=prev, hash=digest))
        prev = digest
    return seq, prev


def _drop_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events")


def _create_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
            "FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()"
        )


def downgrade() -> None:
    _drop_append_only_triggers()
    with op.batch_alter_table("audit_events") as batch_op:
        batch_op.drop_constraint(op.f("uq_audit_events_seq"), type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
    _create_append_only_triggers()
    for table in ("audit_chain_head", "policy_acknowledgements", "policy_versions",
                  "post_authorizations", "patient_authorizations", "post_reviews",
                  "desk_sessions"):
        op.drop_table(table)
    with op.batch_alter_table("post_series") as batch_op:
        batch_op.drop_column("approved_hash")
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_column("taken_down_at")
    with op.batch_alter_table("posts") as batch_op:
        batch_op.drop_column("approved_by")
        batch_op.drop_column("approved_hash")
    with op.batch_alter_table("staff_users") as batch_op:
        batch_op.drop_column("signin_blocked_until")
        batch_op.drop_column("failed_signins")
        batch_op.drop_column("passphrase_hash")

