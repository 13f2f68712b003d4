"""Progress and cancellation of a running import or rollback, seen from outside its transaction.

The merge and the rollback each run in ONE transaction, so what they write to their own batch
row stays invisible until they commit. On PostgreSQL progress therefore goes through a second,
autocommit connection; SQLite (development, tests: one connection) writes it in place, and so
does a caller already inside a transaction.

Cancelling: the clerk's request sets `cancel_requested`; the work checks it between steps and
raises Cancelled, which rolls the transaction back whole. A step that is one long statement is
interrupted too: `interrupt` asks PostgreSQL to cancel the statement of the session holding the
office's import lock (see lock.py), and the error it raises is read as the same cancellation.
"""

from django.db import connection, connections
from django.db.utils import DatabaseError

from sigap.registry.importing.lock import NAMESPACE

TABLE = "registry_importbatch"


class Cancelled(Exception):
    """The clerk cancelled the import or the rollback; nothing of it is stored."""


class Progress:
    def __init__(self, batch_id: int) -> None:
        self.batch_id = batch_id
        self._side = None
        # Inside a transaction already (the test suite's), a second connection could neither
        # see the batch nor update it without waiting on that transaction: write in place.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self._side = connections.create_connection("default")
            self._side.set_autocommit(True)

    def _cursor(self):
        return (self._side or connection).cursor()

    def step(self, note: str, percent: int | None = None) -> None:
        """Records the step now running; raises Cancelled if a cancel was asked for."""
        with self._cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET progress_note = %s WHERE id = %s",  # noqa: S608
                [note[:120], self.batch_id],
            )
            if percent is not None:
                cursor.execute(
                    f"UPDATE {TABLE} SET timings = %s WHERE id = %s",  # noqa: S608
                    [_with_percent(cursor, self.batch_id, percent), self.batch_id],
                )
        if self.cancel_requested():
            raise Cancelled

    def cancel_requested(self) -> bool:
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT cancel_requested FROM {TABLE} WHERE id = %s",  # noqa: S608
                [self.batch_id],
            )
            row = cursor.fetchone()
        return bool(row and row[0])

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None


def _with_percent(cursor, batch_id: int, percent: int) -> str:
    import json

    cursor.execute(f"SELECT timings FROM {TABLE} WHERE id = %s", [batch_id])  # noqa: S608
    raw = cursor.fetchone()[0]
    timings = json.loads(raw) if isinstance(raw, str | bytes) else dict(raw or {})
    timings["step_percent"] = int(percent)
    return json.dumps(timings)


def interrupt(office_id: int) -> bool:
    """Cancels the statement of whichever session holds the office's import lock (PostgreSQL).

    Returns whether a session was found. Only a session holding OUR advisory lock for this
    office is signalled, never a process id read earlier that may since belong to another."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_cancel_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
            "AND classid = %s AND objid = %s AND granted AND pid <> pg_backend_pid()",
            [NAMESPACE, office_id],
        )
        return bool(cursor.fetchall())


def is_cancellation(exc: BaseException) -> bool:
    """Whether `exc` is PostgreSQL's answer to `interrupt` (query_canceled, 57014)."""
    cause = exc
    while cause is not None:
        if getattr(cause, "sqlstate", None) == "57014":
            return True
        cause = cause.__cause__
    return isinstance(exc, DatabaseError) and "canceling statement" in str(exc)
