"""`GET /api/v1/skm/ikm` on 10^6 answers beside a hand-written SQL aggregate (not a test).

    .venv/bin/python bench/skm_ikm.py --rows 1000000

Own database (default sigap_bench_skm, or BENCH_SKM_DATABASE_URL): created and migrated when
missing, demo offices loaded, then --rows answers of one Tarakan service over this year made
by one INSERT ... SELECT generate_series (kept between runs when the count is right). Timed,
median of --repeat after a warm-up, in the same process and on the same connection:
  - the API (Django test client, the whole request: middleware, selector, schema);
  - the selector `ikm_for` alone (the index without the rest of the API);
  - the hand SQL: one COUNT and nine SUMs over the office's answers of the year.
Target: the API <= 1.2x the hand SQL.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/sigap_bench_skm"

GENERATE = """
INSERT INTO surveys_surveyresponse (
    created_at, updated_at, office_id, service_code, answered_on, sex, age, education,
    occupation, suggestion, u1, u2, u3, u4, u5, u6, u7, u8, u9)
SELECT now(), now(), %(office)s, 'tarakan-sembako',
    %(start)s::date + (g %% 330), CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F' END, 18 + g %% 60,
    'sma', 'other', CASE WHEN g %% 50 = 0 THEN 'Antrean lama' ELSE '' END,
    1 + g %% 4, 1 + (g / 3) %% 4, 2 + g %% 3, 3 + g %% 2, 1 + (g / 7) %% 4, 4 - g %% 2,
    2 + (g / 5) %% 3, 1 + (g / 11) %% 4, 3 + (g / 13) %% 2
FROM generate_series(1, %(rows)s) AS g
"""

HAND_SQL = (
    "SELECT count(*), sum(u1), sum(u2), sum(u3), sum(u4), sum(u5), sum(u6), sum(u7), sum(u8), "
    "sum(u9) FROM surveys_surveyresponse WHERE office_id = %s AND answered_on >= %s "
    "AND answered_on < %s"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", default=os.environ.get("BENCH_SKM_DATABASE_URL", DEFAULT_DB))
    args = parser.parse_args()

    import psycopg

    name = args.db.rsplit("/", 1)[1]
    with psycopg.connect(args.db.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = args.db
    os.environ["DJANGO_SETTINGS_MODULE"] = "sigap.settings.local"
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.base import OutputWrapper
    from django.db import connection
    from django.test import Client

    from sigap.accounts.models import Office
    from sigap.surveys.models import SurveyResponse
    from sigap.surveys.selectors import Period, ikm_for, responses

    call_command("migrate", verbosity=0)
    if not Office.objects.filter(code="tarakan").exists():
        from sigap.accounts import demo

        demo.load(stdout=OutputWrapper(StringIO()))
    office = Office.objects.get(code="tarakan")
    year = date.today().year
    if SurveyResponse.objects.filter(office=office).count() != args.rows:
        print(f"generating {args.rows:,} answers ...", flush=True)
        SurveyResponse.objects.filter(office=office).delete()
        with connection.cursor() as cursor:
            cursor.execute(
                GENERATE, {"office": office.pk, "rows": args.rows, "start": date(year, 1, 1)}
            )
            cursor.execute("ANALYZE surveys_surveyresponse")

    client = Client()
    url = f"/api/v1/skm/ikm?office=tarakan&year={year}"
    period = Period(year, 0)

    def api() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.content
        assert response.json()["respondents"] == args.rows

    def selector() -> None:
        ikm_for(responses(office=office, period=period))

    def hand() -> None:
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, [office.pk, period.start, period.end])
            assert cursor.fetchone()[0] == args.rows

    def timed(fn) -> tuple[float, float]:
        fn()
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - started)
        return statistics.median(runs) * 1000, min(runs) * 1000

    # Interleaved, so a change of load on the machine touches all three alike.
    hand_ms, hand_best = timed(hand)
    api_ms, api_best = timed(api)
    sel_ms, sel_best = timed(selector)
    hand2_ms, hand2_best = timed(hand)
    hand_ms = (hand_ms + hand2_ms) / 2
    print(f"\n{args.rows:,} answers, PostgreSQL, median of {args.repeat} (best)\n")
    print(f"{'':34} {'ms':>8} {'best':>8} {'vs SQL':>8}")
    print(f"{'hand SQL aggregate':34} {hand_ms:8.1f} {min(hand_best, hand2_best):8.1f} {1:8.2f}x")
    print(
        f"{'ikm_for (the index alone)':34} {sel_ms:8.1f} {sel_best:8.1f} {sel_ms / hand_ms:8.2f}x"
    )
    print(f"{'GET /api/v1/skm/ikm':34} {api_ms:8.1f} {api_best:8.1f} {api_ms / hand_ms:8.2f}x")
    verdict = "yes" if api_ms / hand_ms <= 1.2 else "NO"
    print(f"\nAPI <= 1.2x the hand SQL: {verdict}")


if __name__ == "__main__":
    main()
