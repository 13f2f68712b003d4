"""The per-batch staging table: checked rows land here first, then merge set-based.

On PostgreSQL it is UNLOGGED, without indexes, and filled with COPY (psycopg 3 `cursor.copy`);
it survives the importing process being killed, so a batch can be resumed or rolled back.
"""

import io

import polars as pl
from django.db import connection

from sigap.registry.importing.validate import STAGE_COLUMNS

_SQL_TYPES = {pl.Int64: "bigint", pl.String: "text", pl.Date: "date"}


def table_name(batch_id: int) -> str:
    return f"registry_stage_{int(batch_id)}"


def exists(batch_id: int) -> bool:
    return table_name(batch_id) in connection.introspection.table_names()


def create(batch_id: int) -> None:
    """(Re)creates the empty staging table of a batch: a resumed read starts from scratch."""
    drop(batch_id)
    columns = ", ".join(f"{name} {_SQL_TYPES[dtype]}" for name, dtype in STAGE_COLUMNS.items())
    unlogged = "UNLOGGED " if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE {unlogged}TABLE {table_name(batch_id)} ({columns})")


def drop(batch_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table_name(batch_id)}")


def load(batch_id: int, frame: pl.DataFrame) -> None:
    if not frame.height:
        return
    table = table_name(batch_id)
    if connection.vendor == "postgresql":
        _copy(table, frame)
        return
    params = frame.with_columns(
        [pl.col(c).cast(pl.String) for c, t in STAGE_COLUMNS.items() if t == pl.Date]
    ).rows()
    marks = ", ".join(["%s"] * len(STAGE_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", params)  # noqa: S608


def _copy(table: str, frame: pl.DataFrame, *, block_rows: int = 100_000) -> None:
    """COPY in CSV form: polars writes the CSV (fast, in Rust); psycopg streams it."""
    columns = ", ".join(STAGE_COLUMNS)
    connection.ensure_connection()
    raw = connection.connection
    sql = f"COPY {table} ({columns}) FROM STDIN (FORMAT csv)"
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        for start in range(0, frame.height, block_rows):
            buffer = io.BytesIO()
            frame.slice(start, block_rows).write_csv(buffer, include_header=False)
            copy.write(buffer.getvalue())


def count(batch_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table_name(batch_id)}")  # noqa: S608
        return cursor.fetchone()[0]
