"""The public read paths on the production server stack, side by side with a bare Django view.

    .venv/bin/python bench/public_paths.py                  # 2 gunicorn workers, 5 s per path
    .venv/bin/python bench/public_paths.py --workers 3 --seconds 10

Creates its own PostgreSQL database (default sigap_bench_public, or BENCH_PUBLIC_DATABASE_URL),
migrates it and loads the demo data, then starts ONE gunicorn (production settings, sync
workers, `sigap.gunicorn_conf`) serving Sigap plus `/bench/bare/<code>`: a Django JSON view
doing one indexed lookup of the same request, through the same middleware. In the same run:

1. throughput: wrk (Debian's; `scripts/system-deps --bench` installs it) with 16 connections
   against each path in turn, the bare view first and last (the machine may change under us);
2. latency at a fixed rate: an open-loop Python client sends the tracking API requests at half
   of its own measured throughput, on a schedule, and times each answer from the moment it was
   due (no coordinated omission); p50/p90/p99 printed.
Targets: tracking API >= 50 % of the bare view's throughput; p99 < 50 ms at half that load.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/sigap_bench_public"
SECRET = "bench-" + "k" * 60


def environment(db_url: str, var_dir: str, port: int, workers: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="public_paths_app.settings",
        PYTHONPATH=f"{HERE}{os.pathsep}{ROOT}",
        DATABASE_URL=db_url,
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SIGAP_VAR_DIR=var_dir,
        MEDIA_ROOT=str(Path(var_dir) / "media"),
        SITE_URL=f"http://127.0.0.1:{port}",
        SIGAP_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        SIGAP_ACCESS_LOG=str(Path(var_dir) / "access.log"),
        LOG_LEVEL="WARNING",
        # The production stack's shared cache (README): Redis, its own db number and prefix.
        REDIS_CACHE_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"),
        CACHE_KEY_PREFIX="sigap-bench-public",
    )
    return env


def recreate_database(db_url: str) -> None:
    import psycopg

    name = db_url.rsplit("/", 1)[1]
    admin_url = db_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def sigap(env: dict[str, str], *args: str) -> str:
    command = [str(Path(sys.executable).parent / "sigap"), *args]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


PROBE = """
from sigap.applications.models import Request
from sigap.documents.models import IssuedDocument
from sigap.accounts.models import Office
from sigap.standards.models import ServiceStandard
r = Request.objects.exclude(status='draft').exclude(code='').order_by('-events__at').first()
d = IssuedDocument.objects.first()
o = Office.objects.get(code='tarakan')
s = ServiceStandard.objects.filter(office=o).order_by('code').first()
print(r.code, d.token if d else '-', o.code, s.code)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health/ready")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not become ready")


WRK_LINE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_LAT = re.compile(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(port: int, path: str, seconds: int, connections: int) -> dict:
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    out = result.stdout
    if os.environ.get("BENCH_VERBOSE"):
        print(out)
    lat = {p: float(v) * UNIT[u] for p, v, u in WRK_LAT.findall(out)}
    bad = NON_2XX.search(out)
    return {
        "rps": float(WRK_LINE.search(out).group(1)),
        "p50": lat.get("50", 0.0),
        "p99": lat.get("99", 0.0),
        "non2xx": int(bad.group(1)) if bad else 0,
    }


def paced(port: int, path: str, rate: float, seconds: float, threads: int = 8) -> dict:
    """Open loop: request i is due at start + i/rate; its latency counts from then."""
    total = int(rate * seconds)
    start = time.perf_counter() + 0.2
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    next_index = [0]

    def run() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= total:
                break
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                ok = False
            elapsed = (time.perf_counter() - due) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors[0] += 1
        conn.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    return {"n": len(ordered), "errors": errors[0], "p50": pct(50), "p90": pct(90), "p99": pct(99)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_PUBLIC_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: run scripts/system-deps --bench (Debian package wrk)")

    var_dir = tempfile.mkdtemp(prefix="sigap-bench-public-")
    port = free_port()
    env = environment(args.db, var_dir, port, args.workers)
    if not args.reuse:
        print(f"database {args.db.rsplit('/', 1)[1]}: migrate and demo data ...", flush=True)
        recreate_database(args.db)
        sigap(env, "migrate", "--noinput", "-v", "0")
        sigap(env, "demo")
    sigap(env, "collectstatic", "--noinput", "-v", "0")
    code, token, office, service = sigap(env, "shell", "-c", PROBE).split()[-4:]
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "-c", "python:sigap.gunicorn_conf", "sigap.wsgi"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(var_dir) / "gunicorn.log", "wb"),  # noqa: SIM115
        start_new_session=True,
    )
    try:
        wait_ready(port)
        paths = [
            ("bare Django view, one indexed lookup", f"/bench/bare/{code}"),
            ("tracking API", f"/api/v1/track/{code}"),
            ("tracking page", f"/track/{code}"),
            ("catalogue", "/services/"),
            ("standard page", f"/services/{service}/"),
            ("SKM index API", f"/api/v1/skm/ikm?office={office}"),
            ("SKM results page", f"/skm/{office}/"),
            ("report card", f"/report-card/{office}/"),
        ]
        if token != "-":
            paths.append(("verify page", f"/verify/{token}"))
        paths.append(("bare Django view, again", f"/bench/bare/{code}"))
        for _label, path in paths:  # warm every worker's caches and connections
            wrk(port, path, 1, args.connections)
        print(
            f"\ngunicorn, {args.workers} sync workers, PostgreSQL; wrk -c{args.connections}, "
            f"{args.seconds} s per path\n"
        )
        print(f"{'path':40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'vs bare':>8}")
        results = {}
        for label, path in paths:
            r = wrk(port, path, args.seconds, args.connections)
            results[label] = r
            bare = max(results["bare Django view, one indexed lookup"]["rps"], 1e-9)
            print(
                f"{label:40} {r['rps']:8.0f} {r['p50']:8.1f} {r['p99']:8.1f} {r['non2xx']:8d} "
                f"{r['rps'] / bare:8.0%}"
            )
        bare = (
            results["bare Django view, one indexed lookup"]["rps"]
            + results["bare Django view, again"]["rps"]
        ) / 2
        api = results["tracking API"]["rps"]
        rate = api / 2
        lat = paced(port, f"/api/v1/track/{code}", rate, max(args.seconds, 5))
        print(
            f"\ntracking API at a fixed {rate:.0f} req/s (half its throughput), "
            f"{lat['n']} requests: p50 {lat['p50']:.1f} ms, p90 {lat['p90']:.1f} ms, "
            f"p99 {lat['p99']:.1f} ms, errors {lat['errors']}"
        )
        print(
            f"\ntracking API / bare view (mean of both bare runs): {api / bare:.0%} "
            f"(target >= 50%: {'yes' if api / bare >= 0.5 else 'NO'}); "
            f"p99 at half load {lat['p99']:.1f} ms (target < 50 ms: "
            f"{'yes' if lat['p99'] < 50 else 'NO'})"
        )
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        if os.environ.get("BENCH_KEEP"):
            print(f"logs kept in {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
