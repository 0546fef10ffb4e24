"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import warnings

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from clinicstudio.store.models import Base


def test_migrations_and_models_agree(db) -> None:
    with db.engine.connect() as conn, warnings.catch_warnings():
        # SQLite cannot reflect an expression index; SQLAlchemy says so with a warning.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    # Expression indexes cannot be reflected on every database; alembic reports them as absent.
    differences = [d for d in differences if not (d[0] in {"add_index", "remove_index"}
                                                   and d[1].name == "ix_posts_when")]
    assert differences == []
