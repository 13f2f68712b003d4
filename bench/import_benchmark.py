"""Benchmark of the registry import on PostgreSQL (not part of the test suite).

    .venv/bin/python bench/import_benchmark.py --rows 1000000 --db postgres://.../sigap_w_bench

Generates a synthetic SP2D payment list A (1% invalid rows, 1% duplicate NIKs) and next
month's list B (10% of the rows with another amount, a fifth of those moved to PT Pos, 5%
replaced by new persons), then measures, each import end to end (upload hash, reading, checks,
rejects file, COPY into staging, merge) in a child process that reports its own peak RSS:
  1. the first load of A into an empty registry;
  2. the monthly update: B into the registry A left (target < 20 s, peak RSS < 1 GB), which
     must keep the indexes (bulk mode is for first loads only);
  3. the rollback of B, then the rollback of A (10^6 persons deleted; target < 60 s);
  4. the fair floor of a first load: the same clean rows COPYed into the same tables with the
     secondary indexes and keys dropped first and rebuilt after (what bulk mode does), so the
     ratio first load / floor says what our reading, checks and merge cost (target >= 90%).
`--baselines` adds django-import-export on a subset and a COPY with the indexes kept.
Its database (default sigap_bench) is created and migrated here; every table it writes is
emptied between measurements.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/sigap_bench"
REGISTRY_TABLES = (
    "registry_importchange",
    "registry_programmemembership",
    "registry_person",
    "registry_family",
    "registry_importbatch",
)


def setup_django(db_url: str, media: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = db_url
    os.environ["MEDIA_ROOT"] = media
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sigap.settings.local")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()


def ensure_database(db_url: str) -> None:
    import psycopg

    name = db_url.rsplit("/", 1)[1]
    admin_url = db_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare() -> int:
    """Migrates, loads Sragen's region codes and its office; returns the office id."""
    from django.core.management import call_command

    from sigap.accounts.models import Office, OfficeLevel
    from sigap.regions.models import Region
    from sigap.regions.testing import load_test_regions

    call_command("migrate", verbosity=0)
    if not Region.objects.filter(code__startswith="33.14.").exists():
        load_test_regions(("33.14",))
    office, _ = Office.objects.get_or_create(
        code="sragen",
        defaults={
            "name": "Dinas Sosial Kabupaten Sragen",
            "level": OfficeLevel.REGENCY,
            "region_code": "33.14",
            "letter_code": "DINSOS",
        },
    )
    return office.pk


def empty_registry() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(REGISTRY_TABLES)} RESTART IDENTITY CASCADE")
        for name in connection.introspection.table_names():
            if name.startswith("registry_stage_"):
                cursor.execute(f"DROP TABLE {name}")
        cursor.execute("CHECKPOINT")


def villages() -> list[str]:
    from sigap.regions.models import Region

    return list(
        Region.objects.filter(code__startswith="33.14.", level="village")
        .order_by("code")
        .values_list("code", flat=True)
    )


# -- our import, in a child process so its peak RSS is its own --------------------------------
def child_import(path: str, office_id: int) -> dict:
    from sigap.accounts.models import Office
    from sigap.registry import services
    from sigap.registry.models import ImportBatch

    office = Office.objects.get(pk=office_id)
    backend = _backend_pid()
    cpu_before = _cpu_seconds(backend)
    started = time.perf_counter()
    batch = services.import_batch_create(
        office=office, created_by=None, file=path, programme="BPNT", year=2026
    )
    upload = time.perf_counter() - started
    services.import_batch_start(batch=batch)  # settings TASKS: immediate in the benchmark
    elapsed = time.perf_counter() - started
    cpu_pg = _cpu_seconds(backend) - cpu_before
    batch = ImportBatch.objects.get(pk=batch.pk)
    return {
        "id": batch.pk,
        "seconds": elapsed,
        "status": batch.status,
        "error": batch.error,
        "rows": batch.rows_total,
        "new": batch.new_count,
        "changed": batch.changed_count,
        "unchanged": batch.unchanged_count,
        "rejected": batch.rejected_count,
        "timings": {"upload_hash_layout": round(upload, 3), **batch.timings},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cpu_python": time.process_time(),
        "cpu_postgres": cpu_pg,
    }


def _backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a local PostgreSQL backend (0 if its /proc entry is not readable):
    on a shared machine, CPU seconds vary far less than wall time."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_child(path: Path, office_id: int, db_url: str, media: str) -> dict:
    env = {**os.environ, "TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            str(path),
            "--office-id",
            str(office_id),
            "--db",
            db_url,
            "--media",
            media,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        sys.stderr.write(out.stderr)
        raise SystemExit("the import child process failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- search on the loaded registry ---------------------------------------------------------------
def search_timings(path: Path, office_id: int, repeat: int = 5) -> None:
    """p50/p95 of NIK, KK and misspelled-name searches as a Sragen front-office member."""
    import statistics

    import polars as pl

    from sigap.accounts.models import Office, User
    from sigap.accounts.services import user_set_roles
    from sigap.registry.selectors import persons_search

    office = Office.objects.get(pk=office_id)
    user = User.objects.filter(username="bench.front_office").first()
    if user is None:
        user = User.objects.create_user(
            username="bench.front_office",
            password=None,
            full_name="Bench Front Office",
            nip="198001012005011999",
            office=office,
            unit=office.units.first(),
        )
        user_set_roles(user=user, roles=["front_office"])
    sample = pl.read_csv(path, n_rows=50_000, infer_schema=False).filter(
        pl.col("NIK").str.contains(r"^\d{16}$")
    )
    rows = sample.sample(n=repeat * 4, seed=7).to_dicts()
    queries = {
        "NIK": [r["NIK"] for r in rows[: repeat * 2]],
        "KK": [r["NO_KK"] for r in rows[: repeat * 2]],
        "name, misspelled": [_misspell(r["NAMA_PENERIMA"]) for r in rows[: repeat * 2]],
        "name, one word": [r["NAMA_PENERIMA"].split()[0] for r in rows[: repeat * 2]],
    }
    print("\nSearch on the loaded registry (selectors.persons_search, Sragen front office)")
    for label, values in queries.items():
        seconds, hits = [], []
        for q in values:
            tick = time.perf_counter()
            found = persons_search(user=user, q=q, limit=20)
            seconds.append(time.perf_counter() - tick)
            hits.append(len(found))
        seconds.sort()
        p95 = seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
        print(
            f"  {label:<18} p50 {statistics.median(seconds) * 1000:7.1f} ms  "
            f"p95 {p95 * 1000:7.1f} ms  (n={len(values)}, e.g. {values[0]!r}: "
            f"{hits[0]} found)"
        )


def _misspell(name: str) -> str:
    """Drops one letter and swaps two others: 'SUTRISNO HANDAYANI' -> 'SUTIRSNO HANDAYAN'."""
    letters = list(name)
    if len(letters) > 6:
        letters[2], letters[3] = letters[3], letters[2]
        del letters[-2]
    return "".join(letters)


# -- django-import-export on a subset -------------------------------------------------------------
def import_export_rate(path: Path, rows: int) -> float:
    import polars as pl
    import tablib
    from import_export import fields, resources

    from sigap.registry.models import Person

    class PersonResource(resources.ModelResource):
        nik = fields.Field(attribute="nik", column_name="NIK")
        name = fields.Field(attribute="name", column_name="NAMA_PENERIMA")
        address = fields.Field(attribute="address", column_name="ALAMAT")
        village_code = fields.Field(attribute="village_code", column_name="KODE_DESA")

        class Meta:
            model = Person
            import_id_fields = ("nik",)
            fields = ("nik", "name", "address", "village_code")

    frame = pl.read_csv(path, n_rows=rows, infer_schema=False).filter(
        pl.col("NIK").str.contains(r"^\d{16}$") & pl.col("NAMA_PENERIMA").is_not_null()
    )
    dataset = tablib.Dataset().load(frame.write_csv(), format="csv")
    started = time.perf_counter()
    result = PersonResource().import_data(dataset, dry_run=False, use_transactions=True)
    elapsed = time.perf_counter() - started
    if result.has_errors():
        raise SystemExit("django-import-export reported errors")
    return len(dataset) / elapsed


# -- raw COPY of the clean rows into the same tables ----------------------------------------------
def clean_rows(path: Path):
    """The rows our import accepts, in staged form (untimed preparation for the COPY baseline)."""
    import polars as pl

    from sigap.registry.importing import reader
    from sigap.registry.importing.layouts import guess_mapping
    from sigap.registry.importing.validate import Checker

    headers = reader.read_headers(path)
    checker = Checker(mapping=guess_mapping(headers), known_villages=set(villages()))
    return pl.concat([checker.check(chunk).valid for chunk in reader.iter_chunks(path)])


def copy_tables(valid, office_id: int) -> int:
    """COPYs the clean rows into families, persons and memberships; returns the rows."""
    import polars as pl

    counter = iter(range(100))

    def lit(value):
        return pl.lit(value).alias(f"c{next(counter)}")

    from django.db import connection
    from django.utils import timezone

    now = timezone.now().isoformat()
    valid = valid.with_row_index("id", offset=1).with_columns(pl.col("id").cast(pl.Int64))
    families = (
        valid.group_by("kk")
        .agg(pl.col("address").min(), pl.col("village_code").min())
        .with_row_index("fid", offset=1)
        .with_columns(pl.col("fid").cast(pl.Int64))
    )
    persons = valid.join(families.select("kk", "fid"), on="kk", how="left")
    tables = [
        (
            "registry_family (id, created_at, updated_at, kk_number, address, village_code)",
            families.select(
                "fid",
                lit(now),
                lit(now),
                "kk",
                pl.col("address").fill_null(""),
                pl.col("village_code").fill_null(""),
            ),
        ),
        (
            "registry_person (id, created_at, updated_at, nik, name, sex, birth_date, "
            "birth_place, address, village_code, phone, email, family_id)",
            persons.select(
                "id",
                lit(now),
                lit(now),
                "nik",
                "name",
                "sex",
                "birth_date",
                lit(""),
                pl.col("address").fill_null(""),
                pl.col("village_code").fill_null(""),
                lit(""),
                lit(""),
                "fid",
            ),
        ),
        (
            "registry_programmemembership (created_at, updated_at, person_id, office_id, "
            "programme, year, period, status, kks_number, channel, bank, dtks_listed, "
            "sp2d_listed)",
            valid.select(
                lit(now),
                lit(now),
                "id",
                lit(office_id),
                lit("BPNT"),
                lit(2026),
                pl.col("period").fill_null(""),
                lit("active"),
                pl.col("kks_number").fill_null(""),
                "channel",
                pl.col("bank").fill_null(""),
                lit(False),
                lit(True),
            ),
        ),
    ]
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        for target, frame in tables:
            with cursor.copy(f"COPY {target} FROM STDIN (FORMAT csv)") as copy:
                for start in range(0, frame.height, 100_000):
                    buffer = io.BytesIO()
                    frame.slice(start, 100_000).write_csv(buffer, include_header=False)
                    copy.write(buffer.getvalue())
        for table in ("registry_family", "registry_person"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
    return valid.height


def copy_rate(valid, office_id: int) -> tuple[float, int]:
    """COPY into the tables with every index and key in place (the old baseline)."""
    from django.db import transaction

    started = time.perf_counter()
    with transaction.atomic():
        rows = copy_tables(valid, office_id)
    return time.perf_counter() - started, rows


def fair_floor(valid, office_id: int) -> tuple[float, int, float]:
    """The floor of a first load: secondary indexes and keys dropped, COPY, all rebuilt, keys
    validated and the name index built (bulk.py's steps, without reading or checking)."""
    from django.db import connection, transaction

    from sigap.registry.importing import bulk

    backend = _backend_pid()
    cpu_pg, cpu = _cpu_seconds(backend), time.process_time()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        aside = bulk.set_aside(cursor)
        rows = copy_tables(valid, office_id)
        bulk.put_back(cursor, aside)
    with connection.cursor() as cursor:
        bulk.finish(cursor)
    elapsed = time.perf_counter() - started
    return elapsed, rows, time.process_time() - cpu + _cpu_seconds(backend) - cpu_pg


def timed_rollback(batch_id: int) -> dict:
    """Rolls an import back in this process: wall seconds, CPU seconds, and its steps."""
    from sigap.registry import services
    from sigap.registry.models import ImportBatch

    backend, cpu = _backend_pid(), time.process_time()
    cpu_pg = _cpu_seconds(backend)
    started = time.perf_counter()
    batch = services.import_batch_rollback(batch=ImportBatch.objects.get(pk=batch_id), now=True)
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu + _cpu_seconds(backend) - cpu_pg,
        "status": batch.status,
        "steps": {k: v for k, v in batch.timings.items() if k.startswith("rollback_")},
    }


def _print_import(title: str, result: dict, rows: int) -> None:
    print(f"\n{title}")
    print(
        f"  total {result['seconds']:.2f} s = {rows / result['seconds']:,.0f} rows/s; peak RSS "
        f"{result['peak_rss_mb']:.0f} MB"
    )
    print(
        f"  new {result['new']:,}  changed {result['changed']:,}  unchanged "
        f"{result['unchanged']:,}  rejected {result['rejected']:,}"
    )
    print(
        f"  CPU: import process {result['cpu_python']:.1f} s, PostgreSQL backend "
        f"{result['cpu_postgres']:.1f} s; bulk mode: {result['timings'].get('bulk_mode')}"
    )
    print(f"  stages (s): {json.dumps(result['timings'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--subset", type=int, default=5_000, help="rows for django-import-export")
    parser.add_argument("--db", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--media", default="")
    parser.add_argument(
        "--baselines", action="store_true", help="also django-import-export and indexed COPY"
    )
    parser.add_argument(
        "--search", action="store_true", help="also time searches on the loaded registry"
    )
    parser.add_argument(
        "--keep", action="store_true", help="stop after the first load, keeping its data"
    )
    parser.add_argument("--child", default="")
    parser.add_argument("--office-id", type=int, default=0)
    args = parser.parse_args()
    if args.child:
        setup_django(args.db, args.media)
        print(json.dumps(child_import(args.child, args.office_id)))
        return

    media = args.media or tempfile.mkdtemp(prefix="sigap-bench-")
    ensure_database(args.db)
    setup_django(args.db, media)
    office_id = prepare()
    from sigap.registry.importing.synthetic import monthly_update_frame, sp2d_frame

    first_path = Path(media) / f"sp2d-{args.rows}.csv"
    update_path = Path(media) / f"sp2d-{args.rows}-next-month.csv"
    tick = time.perf_counter()
    frame = sp2d_frame(args.rows, villages=villages(), invalid=0.01, duplicate=0.01)
    frame.write_csv(first_path)
    monthly_update_frame(frame).write_csv(update_path)
    del frame
    print(
        f"generated {args.rows:,} rows ({first_path.stat().st_size / 1e6:.0f} MB) and next "
        f"month's list in {time.perf_counter() - tick:.1f} s (not counted)"
    )

    empty_registry()
    first = run_child(first_path, office_id, args.db, media)
    if first["status"] != "committed":
        raise SystemExit(f"import failed: {first['error']}")
    _print_import(f"1. First load ({args.rows:,} rows, into an empty registry)", first, args.rows)
    if args.search:
        search_timings(first_path, office_id)
    if args.keep:
        return

    monthly = run_child(update_path, office_id, args.db, media)
    if monthly["status"] != "committed":
        raise SystemExit(f"monthly update failed: {monthly['error']}")
    _print_import(
        f"2. Monthly update ({args.rows:,} rows, into the registry of {first['new']:,})",
        monthly,
        args.rows,
    )

    undo_monthly = timed_rollback(monthly["id"])
    undo = timed_rollback(first["id"])
    undo_first = undo["seconds"]
    print("\n3. Rollbacks (CPU = this process + its PostgreSQL backend)")
    labels = (
        f"the monthly update ({monthly['changed']:,} changed, {monthly['new']:,} new)",
        f"the first load ({first['new']:,} persons removed)",
    )
    for label, result in zip(labels, (undo_monthly, undo), strict=True):
        print(
            f"  {label}: {result['seconds']:.2f} s, CPU {result['cpu']:.1f} s "
            f"({result['status']}); steps {json.dumps(result['steps'])}"
        )

    empty_registry()
    valid = clean_rows(first_path)
    floor_seconds, floored, floor_cpu = fair_floor(valid, office_id)
    floor_rate = floored / floor_seconds
    first_rate = first["new"] / first["seconds"]
    print(
        f"\n4. Fair floor: COPY of the {floored:,} clean rows (families, persons, memberships) "
        f"with secondary indexes and keys dropped and rebuilt: {floor_seconds:.2f} s = "
        f"{floor_rate:,.0f} rows/s; CPU {floor_cpu:.1f} s"
    )
    empty_registry()

    if args.baselines:
        iie_rate = import_export_rate(first_path, args.subset)
        print(f"django-import-export, {args.subset:,}-row subset: {iie_rate:,.0f} rows/s")
        empty_registry()
        copy_seconds, copied = copy_rate(valid, office_id)
        print(
            f"COPY with every index kept: {copy_seconds:.2f} s = {copied / copy_seconds:,.0f}"
            " rows/s"
        )
        print(f"  ours / django-import-export = {first_rate / iie_rate:,.0f}x")
        empty_registry()

    print("\nRatios and targets (rows stored per second)")
    first_cpu = first["cpu_python"] + first["cpu_postgres"]
    print(f"  first load / fair floor      = {first_rate / floor_rate:.0%}  (target >= 90%)")
    print(
        f"  the same in CPU seconds      = {floor_cpu / first_cpu:.0%}  (floor {floor_cpu:.1f} s,"
        f" ours {first_cpu:.1f} s: steadier than wall time on a shared machine)"
    )
    print(
        f"  monthly update               = {monthly['seconds']:.2f} s  (target < 20 s: "
        f"{'yes' if monthly['seconds'] < 20 else 'NO'}); peak RSS "
        f"{monthly['peak_rss_mb']:.0f} MB (< 1 GB: "
        f"{'yes' if monthly['peak_rss_mb'] < 1024 else 'NO'}); CPU "
        f"{monthly['cpu_python'] + monthly['cpu_postgres']:.1f} s"
    )
    print(f"  monthly / first load time    = {monthly['seconds'] / first['seconds']:.2f}")
    print(
        f"  rollback of the first load   = {undo_first:.2f} s  (target < 60 s: "
        f"{'yes' if undo_first < 60 else 'NO'}); CPU {undo['cpu']:.1f} s"
    )
    print(f"  machine load (uptime): {os.getloadavg()}")


if __name__ == "__main__":
    main()
