"""Benchmark of the report card and staff dashboard on 10^6 requests (not part of the tests).

    .venv/bin/python bench/dashboard_benchmark.py --rows 1000000

Creates and migrates its own database (default sigap_bench_dash), loads the demo offices and
the seed standards, generates the requests of one Tarakan service in one INSERT ... SELECT
generate_series (no ORM per row) spread over the 365 days up to now (or over 2025, --spread),
refreshes the report card's summary table (full, then incremental; --live skips it), then times
the pages with the Django test client (median and best of --repeat, after one warm-up).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/sigap_bench_dash"


def ensure_database(db_url: str) -> None:
    import psycopg

    name = db_url.rsplit("/", 1)[1]
    admin_url = db_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(db_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sigap.settings.local")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()


GENERATE = """
INSERT INTO applications_request (
    created_at, updated_at, code, standard_id, office_id, product_code, org_kind, org_name,
    org_region_code, org_contact_name, contact_email, contact_phone, channel, status,
    done_actions, step_data, missing, return_reason, due_at, submitted_at, completed_at,
    version, current_step_id, assigned_to_id)
SELECT s, s, 'B' || lpad(g::text, 10, '0'), %(standard)s, %(office)s, '', '', 'Yayasan Bench',
    '', '', '', '', 'counter',
    CASE WHEN g %% 10 < 7 THEN 'completed' WHEN g %% 10 = 7 THEN 'rejected'
         ELSE 'in_progress' END,
    '[]', '{}', '[]', CASE WHEN g %% 10 = 7 THEN 'Dokumen tidak lengkap' ELSE '' END,
    s + interval '3 days', s,
    CASE WHEN g %% 10 < 7 THEN s + (g %% 97) * interval '1 hour' END,
    1, %(step)s, %(user)s
FROM generate_series(1, %(rows)s) AS g,
     LATERAL (SELECT %(start)s::timestamptz + (g::float8 / %(rows)s) * interval '365 days' AS s) t
"""


def prepare(rows: int, start: datetime, regenerate: bool) -> tuple[str, object]:
    from django.core.management import call_command
    from django.db import connection

    from sigap.accounts import demo as accounts_demo
    from sigap.accounts.models import User
    from sigap.accounts.roles import Role
    from sigap.applications.models import Request
    from sigap.standards.services import standard_load_catalogue

    call_command("migrate", verbosity=0)
    accounts_demo.load(stdout=StringIO())
    standard = next(s for s in standard_load_catalogue() if s.office.code == "tarakan")
    office = standard.office
    head = next(u for u in User.objects.filter(office=office) if u.has_role(Role.HEAD_OF_OFFICE))
    officer = User.objects.filter(office=office).first()
    step = standard.steps.order_by("order").first()
    if regenerate or Request.objects.filter(code__startswith="B").count() != rows:
        t = time.perf_counter()
        with connection.cursor() as cur:
            # Raw: the ORM's cascade collector would load 10^6 rows (they have no dependents).
            cur.execute("DELETE FROM applications_request WHERE code LIKE 'B%'")
            cur.execute(
                GENERATE,
                {
                    "standard": standard.pk,
                    "office": office.pk,
                    "step": step.pk,
                    "user": officer.pk,
                    "rows": rows,
                    "start": start,
                },
            )
        print(f"generated {rows} requests in {time.perf_counter() - t:.1f} s")
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE applications_request")
    return office.code, head, standard.code


def refresh(full: bool) -> None:
    """Brings the report card's monthly summary up to date and prints how long it took."""
    from sigap.reports.figures import figures_refresh

    t = time.perf_counter()
    months = figures_refresh(full=full)
    label = "full" if full else "incremental"
    print(f"summary refresh ({label}): {time.perf_counter() - t:.2f} s {months}")


def timed(client, url: str, repeat: int) -> tuple[float, float]:
    """(median, best) of `repeat` requests, after one warm-up."""
    client.get(url)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--spread",
        choices=["last-year", "2025"],
        default="last-year",
        help="requests over the 365 days up to now (default) or over 2025",
    )
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument(
        "--live", action="store_true", help="no summary table: count every month live"
    )
    args = parser.parse_args()
    ensure_database(args.db)
    setup_django(args.db)
    from django.test import Client

    if args.spread == "2025":
        start = datetime(2025, 1, 1, tzinfo=UTC)
    else:
        start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(days=365)
    office_code, head, service = prepare(args.rows, start, args.regenerate)
    from sigap.reports.models import FiguresMark, MonthlyFigures

    if args.live:
        MonthlyFigures.objects.all().delete()
        FiguresMark.objects.all().delete()
    else:
        refresh(full=True)
        refresh(full=False)
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    staff = Client()
    staff.force_login(head)
    for label, c, url in (
        ("report card (office, 2025)", client, f"/report-card/{office_code}/?year=2025"),
        ("report card (office, this year)", client, f"/report-card/{office_code}/"),
        ("report card (service)", client, f"/report-card/{office_code}/{service}/?year=2025"),
        ("report card JSON", client, f"/api/v1/report-card/{office_code}?year=2025"),
        ("report card PDF", client, f"/report-card/{office_code}/pdf?year=2025"),
        ("staff dashboard (2025)", staff, "/staff/dashboard/?year=2025"),
        ("staff dashboard xlsx (2025)", staff, "/staff/dashboard/?year=2025&format=xlsx"),
        ("staff dashboard (this year)", staff, "/staff/dashboard/"),
    ):
        median, best = timed(c, url, args.repeat)
        print(f"{label:32s} {median * 1000:8.0f} ms median, {best * 1000:6.0f} ms best")


if __name__ == "__main__":
    main()
