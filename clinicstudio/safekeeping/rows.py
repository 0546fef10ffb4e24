"""Reading and writing every table's rows generically, typed by the application's models.

Columns the models know are read and written with their own types (times in UTC, JSON as
JSON); a table or column the models do not know (from a newer or older version) is carried
as its database returns it. Values go to JSON as ISO times, base64 bytes and plain numbers.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, TypeDecorator, inspect, select

from clinicstudio.store.models import Base

#: Kept by Alembic itself; the restored database gets its revision from the migrations.
SKIPPED = {"alembic_version"}


def table_names(connection: Connection) -> list[str]:
    """Every table of the database, parents before children (so rows can be inserted in order)."""
    present = set(inspect(connection).get_table_names()) - SKIPPED
    ordered = [t.name for t in Base.metadata.sorted_tables if t.name in present]
    return ordered + sorted(present - set(ordered))


def typed_table(connection: Connection, name: str) -> Table:
    """The table as it is in this database, with the models' column types where they know it."""
    known = Base.metadata.tables.get(name)
    columns = inspect(connection).get_columns(name)
    typed = []
    for column in columns:
        model_column = known.c.get(column["name"]) if known is not None else None
        kind = model_column.type if model_column is not None else column["type"]
        typed.append(Column(column["name"], kind))
    return Table(name, MetaData(), *typed)


def read_rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    primary = inspect(connection).get_pk_constraint(table.name).get("constrained_columns") or []
    order = [table.c[name] for name in primary] or list(table.c)
    for row in connection.execute(select(table).order_by(*order)).mappings():
        yield dict(row)


def to_json_value(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return str(value)
    return value


def from_json_value(column: Column[Any], value: Any) -> Any:
    """The Python value for ``column`` from what :func:`to_json_value` wrote."""
    if value is None:
        return None
    sql_type = column.type
    if isinstance(sql_type, TypeDecorator):  # e.g. the models' UTC times: ask what they store
        sql_type = sql_type.impl_instance
    try:
        kind = sql_type.python_type
    except NotImplementedError:
        return value
    if kind is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    if kind is time and isinstance(value, str):
        return time.fromisoformat(value)
    if kind is bytes and isinstance(value, dict):
        return base64.b64decode(value["base64"])
    if kind is Decimal:
        return Decimal(value)
    return value
