"""Liveness and readiness for the proxy and the process manager: no login, no personal data.

`/health/live` answers as long as the process serves requests (a restart cures anything else);
`/health/ready` says whether this process can do its work: the database, the shared cache, the
task queue and the file storage each answer. A load balancer takes a web process out of rotation
while it is not ready, without restarting it.
"""

import logging
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection

logger = logging.getLogger(__name__)

# Looked up, never written: checking a storage must not fill it with probe files.
STORAGE_PROBE_NAME = ".sigap-health-probe"


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


def check_cache() -> None:
    key = f"sigap:health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "1":
        raise RuntimeError("value written was not read back")


def check_queue() -> None:
    """The configured task backend can be reached: Redis answers a PING for the RQ backend, the
    queue table answers a query for the database backend; the in-process backends of tests and
    development have nothing to reach."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == "sigap.core.tasks_rq.RQBackend":
        import django_rq

        for name in settings.RQ_QUEUES:
            django_rq.get_connection(name).ping()
    elif backend == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()


def check_storage() -> None:
    default_storage.exists(STORAGE_PROBE_NAME)


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "queue": check_queue,
    "storage": check_storage,
}


def readiness() -> dict[str, dict[str, object]]:
    """Each check's outcome and time. A failure's detail goes to the log, not to the answer:
    the endpoint is public and an exception text may name hosts or users."""
    results: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            ok = False
        else:
            ok = True
        results[name] = {
            "ok": ok,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        }
    return results


class HealthMiddleware:
    """Answers `/health/live` and `/health/ready` before anything else runs.

    First in MIDDLEWARE, so a probe costs no session, CSRF, language or host lookup, and the
    process manager may probe `http://127.0.0.1:PORT/health/ready` without that address in
    ALLOWED_HOSTS and without being redirected to HTTPS.
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        from django.http import JsonResponse

        if request.path == "/health/live":
            return JsonResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})
        if request.path == "/health/ready":
            checks = readiness()
            ready = all(result["ok"] for result in checks.values())
            return JsonResponse(
                {"status": "ok" if ready else "unavailable", "checks": checks},
                status=200 if ready else 503,
                headers={"Cache-Control": "no-store"},
            )
        return self.get_response(request)
