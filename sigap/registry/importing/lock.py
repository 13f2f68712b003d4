"""One import at a time per office, across every worker process: a PostgreSQL advisory lock.

The lock belongs to the database session of the process running the import, so a worker that
dies releases it with its connection; nothing stale is left behind. SQLite (development and
tests, one process) falls back to a lock inside the process.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.utils.translation import gettext_lazy as _

# The first key of the two-int advisory lock: "our" namespace (the second key is the office).
NAMESPACE = 0x516170  # "Qap"
MSG_IMPORT_RUNNING = _(
    "Another import for this office is running; wait until it finishes, then try again."
)
_local_held: set[int] = set()
_local_guard = threading.Lock()


class ImportRunning(Exception):
    """Another import of the same office holds the lock."""


def _try(office_id: int) -> bool:
    if connection.vendor != "postgresql":
        with _local_guard:
            if office_id in _local_held:
                return False
            _local_held.add(office_id)
            return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [NAMESPACE, office_id])
        return bool(cursor.fetchone()[0])


def _release(office_id: int) -> None:
    if connection.vendor != "postgresql":
        with _local_guard:
            _local_held.discard(office_id)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [NAMESPACE, office_id])


@contextmanager
def office_import_lock(office_id: int) -> Iterator[None]:
    """Holds the office's import lock for the block; raises ImportRunning if it is taken."""
    if not _try(office_id):
        raise ImportRunning(office_id)
    try:
        yield
    finally:
        _release(office_id)


def is_import_running(office_id: int) -> bool:
    """Whether some process holds the office's import lock right now."""
    if not _try(office_id):
        return True
    _release(office_id)
    return False
