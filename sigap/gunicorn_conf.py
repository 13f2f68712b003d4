"""gunicorn settings for Sigap: `gunicorn -c python:sigap.gunicorn_conf sigap.wsgi`.

Read from the environment so one systemd unit serves a small office and a province's web
machines alike. Sync workers, one per core plus one, suit Sigap: requests are short and the
database connection of each worker is reused (CONN_MAX_AGE); slow clients are nginx's business
(it buffers requests and answers), so a worker is never held by a phone on a poor connection.
"""

import multiprocessing
import os

bind = os.environ.get("SIGAP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = os.environ.get("SIGAP_WORKER_CLASS", "sync")
threads = int(os.environ.get("SIGAP_THREADS", "1"))
# A PDF upload of 5 MB through nginx is read quickly; anything slower than this is stuck.
timeout = int(os.environ.get("SIGAP_WORKER_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so a slow leak never grows unbounded.
max_requests = int(os.environ.get("SIGAP_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
backlog = 2048
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Loaded once in the master, shared copy-on-write by the workers (less memory per worker).
preload_app = True

# gunicorn's control socket (`gunicornc`) sits at one path in the user's home: two instances of
# one user (two sites, a test run beside a deployment) would take each other's. systemd's
# signals (HUP to reload, TERM to stop) are all Sigap's units use.
control_socket_disable = True

accesslog = os.environ.get("SIGAP_ACCESS_LOG", "-")
errorlog = "-"
# One JSON object per line, with the proxy's request id: the same id is on Sigap's own lines.
access_log_format = (
    '{"time": "%(t)s", "level": "INFO", "logger": "gunicorn.access", "process": %(p)s, '
    '"request_id": "%({x-request-id}i)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "ms": %(M)s, "remote": "%(h)s"}'
)


def post_fork(server, worker) -> None:
    # Each worker opens its own database connections: none may be inherited from the master.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
