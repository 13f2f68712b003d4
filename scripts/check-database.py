"""Fails loudly when the PostgreSQL server of a database URL cannot be reached."""

import sys

import dj_database_url
import psycopg

url = sys.argv[1]
cfg = dj_database_url.parse(url)
try:
    psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"],
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=5,
    ).close()
except psycopg.Error as exc:
    sys.exit(f"PostgreSQL at {cfg['HOST']}:{cfg['PORT']} is not reachable: {exc}")
print(f"PostgreSQL at {cfg['HOST']}:{cfg['PORT']} reachable")
